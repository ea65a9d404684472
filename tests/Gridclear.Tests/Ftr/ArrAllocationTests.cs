using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Ftr;
using Gridclear.Tests.Flows;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Ftr;

/// <summary>ARR allocation (F5): requests awarded up to simultaneous feasibility, priority tiers in order, pro rata
/// within a tier; and ARR payments that never exceed the auction's revenue.</summary>
public sealed class ArrAllocationTests : IDisposable
{
    /// <summary>case5's 5→4 capability, hand-computed in FtrAuctionTests: 240 MW / 0.48046 on line 4-5.</summary>
    private const double Case5Capability = 499.52;

    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-arr-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Case5TiersAreProRataAndLowerTiersGetWhatIsLeft()
    {
        var m = FtrFixtures.Build(TestCases.Case5());
        var requests = new List<ArrRequest>
        {
            new("R1", "lse1", m.Path("5", "4"), 400, 1),
            new("R2", "lse2", m.Path("5", "4"), 200, 1),
            new("R3", "lse3", m.Path("5", "4"), 100, 2),
            new("R4", "lse4", m.Path("4", "5"), 50, 2), // counterflow: relieves 4-5, never stopped by it
        };

        var result = ArrAllocation.Allocate(m.Constraints, requests, []);
        var byId = result.Awards.ToDictionary(a => a.Request.Id);

        // Tier 1 asks 600 MW of a 499.52 MW path: both get the same share, 83.25 %.
        var share = Case5Capability / 600;
        Assert.Equal(share, result.Tiers[0].UniformFraction, 4);
        Assert.Equal(share * 400, byId["R1"].AwardedMw, 0.01);
        Assert.Equal(share * 200, byId["R2"].AwardedMw, 0.01);
        Assert.Equal(byId["R1"].Fraction, byId["R2"].Fraction, 12);
        Assert.Contains("4-5", byId["R1"].StoppedBy, StringComparison.Ordinal);

        // Tier 2: nothing is left on 5→4 until the counterflow request, awarded in full, frees 50 MW of it for R3.
        Assert.Equal(0, result.Tiers[1].UniformFraction, 9);
        Assert.Equal(50, byId["R4"].AwardedMw, 9);
        Assert.Equal(50, byId["R3"].AwardedMw, 6);
        Assert.Contains("4-5", byId["R3"].StoppedBy, StringComparison.Ordinal);
        Assert.Empty(SimultaneousFeasibility.Check(m.Constraints, Held(result), 1.0, 1e-6));
    }

    [Fact]
    public void OutstandingFtrsAreHeld()
    {
        var m = FtrFixtures.Build(TestCases.Case5());
        var outstanding = new[] { new OutstandingFtr("F1", "x", m.Path("5", "4"), 299.52, FtrKind.Obligation) };
        var result = ArrAllocation.Allocate(m.Constraints, [new ArrRequest("R1", "lse", m.Path("5", "4"), 400, 1)], outstanding);
        Assert.Equal(Case5Capability - 299.52, result.Awards[0].AwardedMw, 0.01);
    }

    /// <summary>On random congested networks with contingencies: the awards are feasible, each tier's uniform fraction
    /// is the largest feasible one given the tiers before it, and no request gets less than its tier's fraction.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void UniformFractionIsMaximalAndAwardsAreFeasible(int seed)
    {
        var m = FtrFixtures.Build(FtrFixtures.RandomCase(30, seed), (n, o) => FtrFixtures.SomeContingencies(n, o, 10, seed));
        var requests = FtrFixtures.RandomBids(m, 36, seed, options: false)
            .Select((b, k) => new ArrRequest(b.Id, b.Bidder, b.Path, b.Mw * 3, 1 + (k % 3)))
            .ToList();
        var result = ArrAllocation.Allocate(m.Constraints, requests, []);

        Assert.Empty(SimultaneousFeasibility.Check(m.Constraints, Held(result), 1.0, 1e-6));
        foreach (var tier in result.Tiers)
        {
            var members = result.Awards.Where(a => a.Request.Priority == tier.Priority).ToList();
            Assert.All(members, a => Assert.True(a.Fraction >= tier.UniformFraction - 1e-12, $"{a.Request.Id}: {a.Fraction} < {tier.UniformFraction}"));
            Assert.All(members, a => Assert.True(a.Fraction >= 1 || a.StoppedBy.Length > 0, a.Request.Id));
            if (tier.UniformFraction >= 1)
            {
                continue;
            }

            // A little more of every request of the tier, on top of the higher tiers' awards, is infeasible.
            var higher = result.Awards.Where(a => a.Request.Priority < tier.Priority && a.AwardedMw > 0)
                .Select(a => new OutstandingFtr(a.Request.Id, a.Request.Holder, a.Request.Path, a.AwardedMw, FtrKind.Obligation));
            var more = members.Select(a => new OutstandingFtr(a.Request.Id, a.Request.Holder, a.Request.Path, a.Request.Mw * (tier.UniformFraction + 1e-4), FtrKind.Obligation));
            Assert.NotEmpty(SimultaneousFeasibility.Check(m.Constraints, higher.Concat(more), 1.0, 1e-7));
        }

        Assert.Contains(result.Tiers, t => t.UniformFraction < 1);
    }

    /// <summary>Regression (issue 11): ARR payments never exceed the auction revenue; a shortfall is cut pro rata
    /// (rounded down to the cent) and reported.</summary>
    [Fact]
    public void ArrPaymentsAreCutProRataToTheRevenue()
    {
        var m = FtrFixtures.Build(TestCases.Case5());
        double[] prices = [0, 10, 20, 30, 40];
        var arrs = new List<Arr> { new("A1", "h1", m.Path("1", "4"), 10), new("A3", "h3", m.Path("2", "5"), 5) };

        var cut = ArrDistribution.Of(arrs, prices, 50m); // owed 300 + 150 = 450
        Assert.Equal(450m, cut.PositiveTargets);
        Assert.Equal(400m, cut.Shortfall);
        Assert.Equal(50m / 450m, cut.FundingRatio);
        Assert.Equal([33.33m, 16.66m], cut.Payments.Select(p => p.Amount));
        Assert.Equal([300m, 150m], cut.Payments.Select(p => p.Target));
        Assert.True(cut.Payments.Sum(p => p.Amount) <= 50m);
        Assert.Equal(50m, cut.Payments.Sum(p => p.Amount) + cut.Remainder);
        Assert.True(cut.Remainder >= 0);

        // A negatively valued ARR pays in, and then the revenue covers everyone.
        arrs.Add(new Arr("A2", "h2", m.Path("5", "1"), 10)); // −400
        var full = ArrDistribution.Of(arrs, prices, 50m);
        Assert.Equal(1m, full.FundingRatio);
        Assert.Equal(0m, full.Shortfall);
        Assert.Equal([300m, 150m, -400m], full.Payments.Select(p => p.Amount));
        Assert.Equal(0m, full.Remainder);
    }

    [Fact]
    public void VerbWritesArrsThatTheAuctionReads()
    {
        var requests = Path.Combine(_dir, "arr_requests.csv");
        File.WriteAllText(requests, "request,holder,source,sink,mw,priority\nR1,lse1,5,4,400,1\nR2,lse2,5,4,200,1\nR3,lse3,5,4,100,2\n");
        var outDir = Path.Combine(_dir, "alloc");
        var (code, error) = Run("arr-allocation", "--case", TestPaths.Case("case5"), "--requests", requests, "--out", outDir);
        Assert.True(code == 0, error);
        var arrs = File.ReadAllLines(Path.Combine(outDir, "arrs.csv"));
        Assert.Equal("arr,holder,source,sink,mw", arrs[0]);
        Assert.Equal(["R1", "R2"], arrs.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(Case5Capability, arrs.Skip(1).Sum(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)), 0.01);
        Assert.Equal("arr,holder,source,sink,priority,requested_mw,awarded_mw,fraction,stopped_by", File.ReadLines(Path.Combine(outDir, "allocation.csv")).First());

        // The auction pays the ARR holders out of its revenue, never more.
        var bids = Path.Combine(_dir, "bids.csv");
        File.WriteAllText(bids, "bid,bidder,source,sink,kind,side,mw,price\nB1,x,5,4,obligation,buy,600,10\n");
        var auction = Path.Combine(_dir, "auction");
        (code, error) = Run("ftr-auction", "--case", TestPaths.Case("case5"), "--bids", bids, "--arrs", Path.Combine(outDir, "arrs.csv"), "--out", auction);
        Assert.True(code == 0, error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(auction, "summary.json")));
        var block = summary.RootElement.GetProperty("arrs");
        Assert.Equal(2, block.GetProperty("count").GetInt32());
        Assert.True(block.GetProperty("paid").GetDecimal() <= summary.RootElement.GetProperty("revenue").GetDecimal());
        Assert.True(block.GetProperty("operator_remainder").GetDecimal() >= 0);
        Assert.True(block.TryGetProperty("shortfall", out _));
    }

    [Theory]
    [InlineData("holder,source,sink,mw,priority\nlse,5,4,10,0\n", "arr_requests.csv:2:", "priority")]
    [InlineData("holder,source,sink,mw,priority\nlse,5,4,10,first\n", "arr_requests.csv:2:", "priority")]
    [InlineData("holder,source,sink,mw\nlse,5,4,10\n", "arr_requests.csv", "priority")]
    [InlineData("holder,source,sink,mw,priority\nlse,5,99,10,1\n", "arr_requests.csv:2:", "bus 99")]
    public void BadRequestsExitTwo(string text, string where, string problem)
    {
        var requests = Path.Combine(_dir, "arr_requests.csv");
        File.WriteAllText(requests, text);
        var outDir = Path.Combine(_dir, "out");
        var (code, error) = Run("arr-allocation", "--case", TestPaths.Case("case5"), "--requests", requests, "--out", outDir);
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    private static IEnumerable<OutstandingFtr> Held(ArrAllocationResult result) =>
        result.Arrs.Select(a => new OutstandingFtr(a.Id, a.Holder, a.Path, a.Mw, FtrKind.Obligation));

    private static (int Code, string Error) Run(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(ArrAllocationCommand.Create(TextWriter.Null));
        root.Subcommands.Add(FtrAuctionCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        return (CommandRunner.Invoke(root, args, error), error.ToString());
    }
}
