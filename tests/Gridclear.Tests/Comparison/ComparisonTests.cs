using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Cli.Runs;
using Gridclear.Market;
using Gridclear.Settlement;
using Gridclear.Tests.Market;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Comparison;

/// <summary>
/// <c>./gridclear compare</c> and <c>merge</c> (issue 17): the nodal row is a plain clear of the folder with every
/// resource nodal; without congestion every design gives the same cost and prices; every design's money sums to zero;
/// shards merged in any order are the unsharded run's bytes; bad options exit 2.
/// </summary>
public sealed class ComparisonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheNodalRowIsAPlainClearWithEveryResourceNodal()
    {
        var market = CopyMarket("nodal", files => files["resources.csv"] = files["resources.csv"].Replace(",zonal,", ",nodal,", StringComparison.Ordinal));
        var run = DayAheadRun.Execute(ExampleMarket.Case, market, ClearingOptions.Default);
        var (code, _, error) = Run("compare", "--case", ExampleMarket.Case, "--market", ExampleMarket.Folder, "--designs", "nodal,zonal", "--out", Out("c"));
        Assert.True(code == 0, error);

        var rows = Comparison(Out("c"));
        var settlement = run.Settlement!;
        Assert.Equal(settlement.Totals.CongestionRent, rows[("nodal", "congestion_rent")]);
        Assert.Equal(settlement.LoadPayments, rows[("nodal", "load_payments")]);
        Assert.Equal(settlement.GeneratorRevenue, rows[("nodal", "generator_revenue")]);
        Assert.Equal(Math.Round((decimal)run.Result.Objective, 2), rows[("nodal", "as_bid_cost")]);
        Assert.Equal(0m, rows[("nodal", "uplift")]);
        var nets = settlement.Statements().ToDictionary(s => s.Participant, s => s.Total);
        foreach (var row in Rows(Out("c"), "participants.csv").Where(r => r[0] == "nodal"))
        {
            Assert.Equal(nets.GetValueOrDefault(row[1]), decimal.Parse(row[2], CultureInfo.InvariantCulture));
        }

        // The zonal design is the folder as elected: the example's own clear.
        var asElected = ExampleMarket.Cleared.Settlement!;
        Assert.Equal(asElected.Totals.ConstrainedPayments, rows[("zonal", "uplift")]);
        Assert.True(rows[("zonal", "uplift")] > 0);
        Assert.Equal(asElected.Totals.CongestionRent, rows[("zonal", "congestion_rent")]);

        // Same dispatch: same production and as-bid cost; every design's money sums to zero.
        Assert.Equal(rows[("nodal", "production_cost")], rows[("zonal", "production_cost")]);
        Assert.Equal(rows[("nodal", "as_bid_cost")], rows[("zonal", "as_bid_cost")]);
        foreach (var design in new[] { "nodal", "zonal" })
        {
            Assert.Equal(0m, Rows(Out("c"), "participants.csv").Where(r => r[0] == design).Sum(r => decimal.Parse(r[2], CultureInfo.InvariantCulture)));
        }

        var html = File.ReadAllText(Path.Combine(Out("c"), "report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("WestPower", html, StringComparison.Ordinal);
        Assert.Contains("nodal prices", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutCongestionEveryDesignGivesTheSameCostAndPrices()
    {
        var market = CopyMarket("free", files =>
        {
            files.Remove("interfaces.csv");
            files["network.m"] = Unlimited(files["network.m"]);
            files["flowpaths.csv"] = "path,from_bus,to_bus,weight,rating\nWEST_EXPORT,15,33,1,9000\nWEST_EXPORT,19,34,1,9000\nWEST_EXPORT,30,38,1,9000\n";
        });
        var (code, _, error) = Run("compare", "--case", Path.Combine(market, "network.m"), "--market", market, "--designs", "nodal,zonal,flowpath,px", "--all-zonal", "--out", Out("free"));
        Assert.True(code == 0, error);

        var rows = Comparison(Out("free"));
        foreach (var q in new[] { "production_cost", "as_bid_cost", "load_payments", "generator_revenue", "congestion_rent", "uplift" })
        {
            Assert.Equal(rows[("nodal", q)], rows[("zonal", q)]);
            Assert.Equal(rows[("nodal", q)], rows[("px", q)]);
        }

        // The commercial model has nothing to miss: no redispatch, and the same cost (its prices are zonal: one price
        // per zone, all equal without congestion).
        Assert.Equal(0m, rows[("flowpath", "redispatch_cost")]);
        Assert.Equal(rows[("nodal", "as_bid_cost")], rows[("flowpath", "as_bid_cost")]);
        Assert.Equal(rows[("nodal", "production_cost")], rows[("flowpath", "production_cost")]);
        Assert.Equal(0m, rows[("flowpath", "price_spread")]);

        Assert.Equal(0m, rows[("nodal", "price_spread")]);
        Assert.Equal(0m, rows[("zonal", "price_spread")]);
        Assert.Equal(0m, rows[("px", "usage_charges")]);
        Assert.All(Rows(Out("free"), "participants.csv").Where(r => r[0] == "zonal"), r => Assert.Equal("0.00", r[3]));
    }

    [Fact]
    public void ShardsMergedInAnyOrderAreTheUnshardedRunByteForByte()
    {
        var market = CopyMarket("day", files => files["demand.csv"] = Intervals(files["demand.csv"], [0.8, 0.9, 1.0, 1.05, 0.85]));
        string[] common = ["--case", ExampleMarket.Case, "--market", market, "--designs", "zonal,nodal"];
        var (code, _, error) = Run(["compare", .. common, "--out", Out("whole")]);
        Assert.True(code == 0, error);
        for (var i = 1; i <= 3; i++)
        {
            (code, _, error) = Run(["compare", .. common, "--shard", $"{i}/3", "--out", Out($"s{i}")]);
            Assert.True(code == 0, error);
        }

        (code, _, error) = Run("merge", "--out", Out("merged"), Out("s3"), Out("s1"), Out("s2"));
        Assert.True(code == 0, error);

        var whole = Directory.GetFiles(Out("whole")).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("intervals.csv", whole);
        Assert.Equal(whole, Directory.GetFiles(Out("merged")).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order(StringComparer.Ordinal).ToList());
        foreach (var file in whole)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Out("whole"), file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Out("merged"), file!))), file);
        }

        // Five intervals, each measured: totals are their sums, and the spread is their mean.
        var perInterval = Rows(Out("whole"), "intervals.csv").Where(r => r[0] == "nodal" && r[2] == "congestion_rent").ToList();
        Assert.Equal(5, perInterval.Count);
        Assert.Equal(perInterval.Sum(r => decimal.Parse(r[3], CultureInfo.InvariantCulture)), Comparison(Out("whole"))[("nodal", "congestion_rent")]);
    }

    /// <summary>
    /// examples/px by hand (README "The Power Exchange's alternative"): N_IMPORT binds alone at μ = 30, so without it
    /// every bus would price at 40; the PX design settles everyone at 40 and charges the nomogram's users: G1 −4,200,
    /// S_IN −900, S_CF +600 (4,500 collected). With a nomogram binding alone the usage charges are exactly the nodal
    /// congestion, so every participant's net is its nodal net, and G1 gets no constrained-off payment (its usage
    /// charge is what held it back).
    /// </summary>
    [Fact]
    public void ThePxDesignChargesNomogramUsageAndMatchesNodalWhenANomogramBindsAlone()
    {
        var px = Path.Combine(TestPaths.RepoRoot, "examples", "px");
        var (code, _, error) = Run("compare", "--case", Path.Combine(px, "network.m"), "--market", px, "--designs", "nodal,px", "--out", Out("px"));
        Assert.True(code == 0, error);

        var rows = Comparison(Out("px"));
        Assert.Equal(4500m, rows[("px", "usage_charges")]);
        Assert.Equal(4500m, rows[("px", "congestion_rent")]);
        Assert.Equal(8000m, rows[("px", "generator_revenue")]); // 200 MW at 40, before usage charges
        Assert.Equal(0m, rows[("px", "uplift")]);
        Assert.Equal(0m, rows[("px", "price_spread")]);
        Assert.Equal(30m, rows[("nodal", "price_spread")]);
        var participants = Rows(Out("px"), "participants.csv");
        Assert.All(participants.Where(r => r[0] == "px"), r => Assert.Equal("0.00", r[3]));
        Assert.Equal(0m, participants.Where(r => r[0] == "px").Sum(r => decimal.Parse(r[2], CultureInfo.InvariantCulture)));
        Assert.Equal("1400.00", participants.Single(r => r[0] == "px" && r[1] == "Alpha")[2]);
    }

    /// <summary>
    /// The flow-path design (001) on the example with its WEST_EXPORT lines as the one path: the commercial model misses
    /// the network's other limits, the operator's redispatch removes them at a cost, and that is the design's
    /// redispatch cost, the same as a plain <c>clear --design flowpath</c>'s; the final dispatch's as-bid cost is never
    /// below the nodal optimum's (the redispatch can only add cost); the money sums to zero.
    /// </summary>
    [Fact]
    public void TheFlowPathDesignAddsTheRedispatchAndNeverCostsLessThanNodal()
    {
        var market = CopyMarket("paths", files => files["flowpaths.csv"] = "path,from_bus,to_bus,weight,rating\nWEST_EXPORT,15,33,1,180\nWEST_EXPORT,19,34,1,180\nWEST_EXPORT,30,38,1,180\n");
        var (code, _, error) = Run("compare", "--case", ExampleMarket.Case, "--market", market, "--designs", "nodal,flowpath", "--out", Out("fp"));
        Assert.True(code == 0, error);
        var plain = DayAheadRun.Execute(ExampleMarket.Case, market, ClearingOptions.Default, DayAheadRun.DefaultIntervalMinutes, design: ClearingDesign.FlowPath);

        var rows = Comparison(Out("fp"));
        Assert.True(rows[("flowpath", "redispatch_cost")] > 0);
        Assert.Equal(plain.Intervals[0].Redispatch!.Cost, rows[("flowpath", "redispatch_cost")]);
        Assert.Equal(plain.Settlement!.Totals.CongestionRent, rows[("flowpath", "congestion_rent")]);
        Assert.True(rows[("flowpath", "as_bid_cost")] >= rows[("nodal", "as_bid_cost")] - 0.01m);
        Assert.Equal(0m, Rows(Out("fp"), "participants.csv").Where(r => r[0] == "flowpath").Sum(r => decimal.Parse(r[2], CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("--shard", "0/2", "--shard")]
    [InlineData("--shard", "3/2", "--shard")]
    [InlineData("--designs", "nodal,lmp", "'lmp' is not a design")]
    [InlineData("--designs", "nodal,nodal", "named twice")]
    public void BadOptionsExit2(string option, string value, string message)
    {
        var (code, _, error) = Run("compare", "--case", ExampleMarket.Case, "--market", ExampleMarket.Folder, option, value, "--out", Out("bad"));
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out("bad")));
    }

    [Fact]
    public void MergeRefusesMissingRepeatedAndForeignShards()
    {
        var market = CopyMarket("m", files => files["demand.csv"] = Intervals(files["demand.csv"], [0.9, 1.0]));
        Assert.Equal(0, Run("compare", "--case", ExampleMarket.Case, "--market", market, "--shard", "1/2", "--out", Out("a1")).Code);
        Assert.Equal(0, Run("compare", "--case", ExampleMarket.Case, "--market", market, "--shard", "2/2", "--out", Out("a2")).Code);
        Assert.Equal(0, Run("compare", "--case", ExampleMarket.Case, "--market", market, "--shard", "2/2", "--all-zonal", "--out", Out("b2")).Code);

        var missing = Run("merge", "--out", Out("m1"), Out("a1"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("2/2 missing", missing.Error, StringComparison.Ordinal);
        var repeated = Run("merge", "--out", Out("m2"), Out("a1"), Out("a2"), Out("a2"));
        Assert.Equal(2, repeated.Code);
        Assert.Contains("given twice", repeated.Error, StringComparison.Ordinal);
        var foreign = Run("merge", "--out", Out("m3"), Out("a1"), Out("b2"));
        Assert.Equal(2, foreign.Code);
        Assert.Contains("another comparison", foreign.Error, StringComparison.Ordinal);
        var notShard = Run("merge", "--out", Out("m4"), ExampleMarket.Folder);
        Assert.Equal(2, notShard.Code);
        Assert.Contains("not a shard", notShard.Error, StringComparison.Ordinal);
    }

    private string Out(string name) => Path.Combine(_dir, name);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand("test") { CompareCommand.Create(output), MergeCommand.Create(output) };
        var code = CommandRunner.Invoke(root, args, error);
        return (code, output.ToString(), error.ToString());
    }

    private string CopyMarket(string name, Action<Dictionary<string, string>> edit)
    {
        var files = Directory.GetFiles(ExampleMarket.Folder).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".m", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        edit(files);
        var dir = Path.Combine(_dir, "market-" + name);
        Directory.CreateDirectory(dir);
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, file), text);
        }

        return dir;
    }

    /// <summary>demand.csv with an interval column: each interval's rows are the file's, scaled.</summary>
    private static string Intervals(string demand, double[] scales)
    {
        var lines = demand.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(lines[0].Trim() + ",interval\n");
        for (var k = 0; k < scales.Length; k++)
        {
            foreach (var line in lines.Skip(1))
            {
                var f = line.Trim().Split(',');
                sb.Append(f[0]).Append(',').Append((double.Parse(f[1], CultureInfo.InvariantCulture) * scales[k]).ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(k + 1).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The case with every branch rating 0 (MATPOWER: unlimited).</summary>
    private static string Unlimited(string caseText)
    {
        var start = caseText.IndexOf("mpc.branch = [", StringComparison.Ordinal);
        var end = caseText.IndexOf("];", start, StringComparison.Ordinal);
        var body = Regex.Replace(caseText[start..end], @"^([ \t]*\d\S*[ \t]+\S+[ \t]+\S+[ \t]+\S+[ \t]+\S+[ \t]+)\S+([ \t]+)\S+([ \t]+)\S+", "${1}0${2}0${3}0", RegexOptions.Multiline);
        return caseText[..start] + body + caseText[end..];
    }

    private static List<string[]> Rows(string dir, string file) =>
        [.. File.ReadAllLines(Path.Combine(dir, file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    private static Dictionary<(string, string), decimal> Comparison(string dir) =>
        Rows(dir, "comparison.csv").ToDictionary(r => (r[0], r[1]), r => decimal.Parse(r[2], CultureInfo.InvariantCulture));
}
