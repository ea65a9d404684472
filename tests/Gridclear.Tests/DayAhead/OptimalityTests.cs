using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Tests.Solvers;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.DayAhead;

/// <summary>
/// Where no reference answer exists, the clearing's final LP/QP is checked for optimality itself: the KKT conditions
/// (stationarity, feasibility, complementary slackness with the documented dual signs) hold at the solution it
/// priced from. Independent of the solver: a solver that stops short of the optimum fails here.
/// </summary>
public class OptimalityTests
{
    /// <summary>Relative KKT residual allowed: an interior-point (QP) solve stops at about 1e-7 relative.</summary>
    private const double KktTolerance = 1e-5;

    [Theory]
    [InlineData("pglib_opf_case2000_goc", null)]
    [InlineData("pglib_opf_case2000_goc", "tests/Gridclear.Tests/DayAhead/Data/pglib_opf_case2000_goc")]
    [InlineData("case2383wp", null)]
    [InlineData("pglib_opf_case10000_goc", null)]
    [InlineData("network", "examples/market")]
    public void The_final_model_meets_the_optimality_conditions(string caseName, string? market)
    {
        var casePath = market is not null && caseName == "network" ? Path.Combine(TestPaths.RepoRoot, market, "network.m") : TestPaths.Case(caseName);
        var powerCase = Gridclear.IO.Matpower.MatpowerReader.ReadFile(casePath);
        var network = Gridclear.Network.NetworkCompiler.Compile(powerCase).Network;
        var input = market is null ? MarketInput.Empty : MarketFolderReader.Read(Path.Combine(TestPaths.RepoRoot, market), network, powerCase);
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var security = new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);

        var (result, problem, solution) = DayAheadMarket.ClearWithModel(security, input, new ClpSolver());

        Assert.Equal(ClearingStatus.Optimal, result.Status);
        OptimalityConditions.Assert(problem, solution, KktTolerance);
    }
}
