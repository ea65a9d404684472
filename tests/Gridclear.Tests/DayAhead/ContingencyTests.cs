using System.Globalization;
using System.Text;
using Gridclear.Market;
using Gridclear.Network;
using Gridclear.Tests.Support;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.DayAhead;

/// <summary>
/// N-1 security, interfaces and nomograms through a market folder: after clearing, every post-contingency flow is
/// within its limit, checked independently by re-compiling the case without the outaged branch and solving its
/// flows from scratch (no LODF), and every interface and nomogram holds.
/// </summary>
public sealed class ContingencyTests
{
    /// <summary>The flow check's tolerance (1e-6 MW) plus the LP's primal tolerance and the difference between
    /// LODF-updated and re-factorised flows (round-off).</summary>
    private const double LimitMw = 1e-5;

    [Theory]
    [InlineData("case5")]
    [InlineData("case30")]
    [InlineData("case30_lin")]
    public void PostContingencyFlowsAreWithinLimits(string caseName)
    {
        var powerCase = Clearing.ReadCase(caseName);
        var network = Clearing.Compile(powerCase);
        var outages = Outages(powerCase);
        using var market = new TempFolder(new Dictionary<string, string> { ["contingencies.csv"] = ContingenciesCsv(powerCase, outages) });
        var secured = Clearing.Folder(caseName, market.Path);
        var unsecured = Clearing.Case(caseName);
        Assert.Equal(ClearingStatus.Optimal, secured.Result.Status);
        Assert.Contains(secured.Result.Constraints, c => c.Contingency.Length > 0);
        Assert.True(secured.Result.Objective > unsecured.Result.Objective, "securing must cost something here, or the test proves nothing");
        ReferenceCaseTests.AssertFeasible(secured);

        var injections = secured.Injections();
        var checkedOutages = 0;
        foreach (var row in outages)
        {
            var branches = powerCase.Branches.ToList();
            branches[row] = branches[row] with { Status = 0 };
            Gridclear.Network.Network after;
            try
            {
                after = Clearing.Compile(powerCase with { Branches = branches });
            }
            catch (InvalidInputException e) when (e.Message.Contains("islands", StringComparison.Ordinal))
            {
                after = network;
            }

            if (ReferenceEquals(after, network) || after.BusCount != network.BusCount)
            {
                // The outage islands the network: the model says it cannot secure it.
                Assert.Contains(secured.Result.Notes, n => n.Contains("splits the network", StringComparison.Ordinal));
                continue;
            }

            var p = new double[after.BusCount];
            for (var i = 0; i < network.BusCount; i++)
            {
                p[after.BusIndex(network.BusIds[i])] = injections[i];
            }

            var flows = Clearing.Flows(after, p);
            for (var l = 0; l < after.BranchCount; l++)
            {
                var br = after.Branches[l];
                Assert.True(
                    Math.Abs(flows[l]) <= br.RatingMw + LimitMw,
                    $"{caseName}: branch row {br.CaseRow + 1} carries {flows[l]:R} MW (limit {br.RatingMw}) when row {row + 1} is out");
            }

            checkedOutages++;
        }

        Assert.True(checkedOutages > 0);
    }

    /// <summary>pglib_opf_case2000_goc with the 200 contingencies of the benchmark (Data/, written by
    /// make_contingencies.py): the constraints listed as binding are those at their limit, not the slack rows
    /// that constraint generation added along the way.</summary>
    [Fact]
    public void OnlyRowsAtTheirLimitAreReportedBinding()
    {
        var market = Path.Combine(TestPaths.RepoRoot, "tests", "Gridclear.Tests", "DayAhead", "Data", "pglib_opf_case2000_goc");
        var cleared = Clearing.Folder("pglib_opf_case2000_goc", market);
        var r = cleared.Result;
        Assert.Equal(ClearingStatus.Optimal, r.Status);
        Assert.Equal(200, cleared.Input.Contingencies.Count);
        // Generation adds one row per monitored element a round, so few rows; some must be there for the check to bite.
        Assert.True(r.ConstraintsAdded.Values.Sum() >= 2);
        var binding = r.Constraints.Where(c => c.Kind != ConstraintKind.Balance).ToList();
        Assert.NotEmpty(binding);
        Assert.All(binding, c => Assert.True(
            Math.Abs(c.Flow - c.Limit) <= 1e-6 * Math.Max(1, Math.Abs(c.Limit)),
            $"{c.Constraint} under '{c.Contingency}': flow {c.Flow:R}, limit {c.Limit}, shadow price {c.ShadowPrice:R}"));
    }

    [Fact]
    public void InterfacesAndNomogramsAreRespected()
    {
        var files = new Dictionary<string, string>
        {
            // Unconstrained, 1-2 and 1-4 carry 249.7 + 186.8 MW out of bus 1; with WEST held to 380 MW, 2-3 carries
            // about 85 MW from bus 3 to bus 2, which N1 (with a quarter of bus 3's injection) holds to 60.
            ["interfaces.csv"] = "interface,from_bus,to_bus,weight,limit\nWEST,1,2,1,380\nWEST,4,1,-1,380\n",
            ["nomograms.csv"] = "nomogram,term,coefficient,limit\nN1,flow:2-3,-1,60\nN1,inj:3,0.25,60\nN2,interface:WEST,-1,100\n",
        };
        using var market = new TempFolder(files);
        var cleared = Clearing.Folder("case5", market.Path);
        var r = cleared.Result;
        Assert.Equal(ClearingStatus.Optimal, r.Status);

        var network = cleared.Network;
        var p = cleared.Injections();
        var flows = Clearing.Flows(network, p);
        double Flow(int from, int to) => flows[Enumerable.Range(0, network.BranchCount)
            .Single(l => network.BusIds[network.Branches[l].From] == from && network.BusIds[network.Branches[l].To] == to)];
        var west = Flow(1, 2) + Flow(1, 4);
        Assert.InRange(west, -380 - LimitMw, 380 + LimitMw);
        Assert.Equal(380, west, 1e-6);
        Assert.True(-Flow(2, 3) + (0.25 * p[network.BusIndex(3)]) <= 60 + LimitMw);
        Assert.True(-west <= 100 + LimitMw);
        ReferenceCaseTests.AssertFeasible(cleared);
        Assert.Contains(r.Constraints, c => c.Kind == ConstraintKind.Interface && c.Constraint == "WEST");
        Assert.Contains(r.Constraints, c => c.Kind == ConstraintKind.Nomogram && c.Constraint == "N1");
    }

    /// <summary>Case rows of every in-service limited branch that has no parallel twin (a twin would need a circuit).</summary>
    internal static List<int> Outages(PowerCase powerCase)
    {
        var pairs = powerCase.Branches.Where(b => b.InService)
            .GroupBy(b => (Math.Min(b.FromBus, b.ToBus), Math.Max(b.FromBus, b.ToBus)))
            .Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet();
        return [.. Enumerable.Range(0, powerCase.Branches.Count).Where(k =>
        {
            var b = powerCase.Branches[k];
            return b.InService && b.RateA > 0 && b.RateA < 1e10 && pairs.Contains((Math.Min(b.FromBus, b.ToBus), Math.Max(b.FromBus, b.ToBus)));
        })];
    }

    internal static string ContingenciesCsv(PowerCase powerCase, IEnumerable<int> rows)
    {
        var text = new StringBuilder("contingency,from_bus,to_bus\n");
        foreach (var k in rows)
        {
            var b = powerCase.Branches[k];
            text.Append(CultureInfo.InvariantCulture, $"OUT{k + 1},{b.FromBus},{b.ToBus}\n");
        }

        return text.ToString();
    }
}
