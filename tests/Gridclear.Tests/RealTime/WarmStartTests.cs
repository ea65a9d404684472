using System.Globalization;
using System.Text;
using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Tests.Market;

namespace Gridclear.Tests.RealTime;

/// <summary>
/// Intervals after the first really start from the last one (FORMATS "Time", issue 12): on one security model the
/// next interval's LP is loaded with the security rows the last one needed and solved by dual simplex from its final
/// basis, and that changes the path, not the optimum. Counted in simplex iterations, not timed.
/// </summary>
public sealed class WarmStartTests
{
    /// <summary>$/MWh and MW: a warm and a cold solve end on the same vertex up to solver round-off.</summary>
    private const double Tolerance = 1e-6;

    /// <summary>The example market (118 buses, step offers: an LP) with every fixed demand times <paramref name="scale"/>.</summary>
    private static MarketInput Scaled(Gridclear.Network.Network network, PowerCase powerCase, double scale)
    {
        var lines = File.ReadAllLines(Path.Combine(ExampleMarket.Folder, "demand.csv"));
        var text = new StringBuilder(lines[0] + "\n");
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            text.Append(CultureInfo.InvariantCulture, $"{f[0]},{double.Parse(f[1], CultureInfo.InvariantCulture) * scale:0.######}\n");
        }

        using var folder = ExampleMarket.CopyWith(new Dictionary<string, string> { ["demand.csv"] = text.ToString() });
        return MarketFolderReader.Read(folder.Path, network, powerCase);
    }

    [Fact]
    public void The_next_interval_starts_from_the_last_basis_and_needs_far_fewer_iterations_for_the_same_optimum()
    {
        var powerCase = MatpowerReader.ReadFile(ExampleMarket.Case);
        var network = NetworkCompiler.Compile(powerCase).Network;
        var first = Scaled(network, powerCase, 1.0);
        var next = Scaled(network, powerCase, 1.04);
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var security = new SecurityModel(network, shiftFactors, first.Interfaces, first.Nomograms, first.Contingencies);

        var (firstResult, _, _, warm) = DayAheadMarket.ClearWarm(security, first, new ClpSolver(), null, null);
        Assert.False(firstResult.WarmStarted);
        Assert.NotNull(warm.Basis);
        var (warmResult, _, _, _) = DayAheadMarket.ClearWarm(security, next, new ClpSolver(), null, warm);
        var (coldResult, _, _, _) = DayAheadMarket.ClearWarm(security, next, new ClpSolver(), null, null);

        Assert.True(warmResult.WarmStarted);
        Assert.False(coldResult.WarmStarted);
        Assert.True(
            warmResult.SolverIterations * 3 < coldResult.SolverIterations,
            $"warm {warmResult.SolverIterations} simplex iterations, cold {coldResult.SolverIterations}: the basis did not help");
        Assert.Equal(coldResult.Objective, warmResult.Objective, 6);
        for (var i = 0; i < coldResult.Prices.Count; i++)
        {
            Assert.Equal(coldResult.Prices[i].Lmp, warmResult.Prices[i].Lmp, Tolerance);
        }

        for (var i = 0; i < coldResult.Awards.Count; i++)
        {
            Assert.Equal(coldResult.Awards[i].Mw, warmResult.Awards[i].Mw, Tolerance);
        }
    }
}
