using System.Globalization;
using Gridclear.Tests.FlowPaths;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Px;

/// <summary>
/// Recallable transmission (X4) on examples/px-recall, by hand. The px network with a third schedule S_B (Eta, 40 MW
/// from bus 1 to 4, adjustment bids dec 40 MW at $12 on bus 1, inc 40 MW at $60 on bus 4: cutting it costs 60 − 12 =
/// $48/MW, more than the $30 the nomogram is worth, so the day ahead keeps it whole). The nomogram N_IMPORT (≤ 150)
/// binds: G1 = 150 − 30 − 40 + 20 = 100, G3 = 100, LMP 10 at buses 1-2 and 40 at 3-4. Interface I_POCKET (1-3 + 2-3,
/// limit 400) carries P1 + P2 = 150; contract ETC_A (Zeta) reserves 300 of it, so 100 is firm and 50 MW flow on
/// recallable capacity, attributed to the schedules on it pro rata: S_IN 30/70 × 50, S_B 40/70 × 50 (S_CF runs the
/// other way).
/// Recall 280: the market may use 120, 30 MW must be freed: S_B has bids, $48 per MW freed (factor 1 at bus 1, 0 at
/// 4), so 30 MW of S_B are cut at $1,440; its day-ahead usage of those MW was 30 × (10 − 40) = −$900.
/// Recall 300: 50 MW: all 40 MW of S_B's bids ($1,920; usage −$1,200), then 10 MW pro rata from what is left on the
/// path (S_IN alone, 10 of its 30 MW; usage 10 × (10 − 40) = −$300).
/// </summary>
public sealed class RecallTests
{
    private static string Example => Path.Combine(TestPaths.RepoRoot, "examples", "px-recall");

    private static readonly Lazy<string> DayAhead = new(() =>
    {
        var dir = PxCli.OutDir();
        var (code, _, error) = PxCli.Run("clear", "--case", Path.Combine(Example, "network.m"), "--market", Example, "--out", dir);
        Assert.True(code == 0, error);
        return dir;
    });

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static (int Code, string Out, string Error) Recall(string recallCsv)
    {
        using var folder = new MarketFolder.TempFolder(new Dictionary<string, string> { ["recall.csv"] = recallCsv });
        var dir = PxCli.OutDir();
        var (code, _, error) = PxCli.Run("recall", "--case", Path.Combine(Example, "network.m"), "--market", Example, "--day-ahead", DayAhead.Value, "--recall", Path.Combine(folder.Path, "recall.csv"), "--out", dir);
        return (code, dir, error);
    }

    [Fact]
    public void Clear_marks_the_flow_on_recallable_capacity()
    {
        var use = FlowPathCli.Rows(Path.Combine(DayAhead.Value, "recallable.csv")).Single();
        Assert.Equal("I_POCKET", use["path"]);
        Assert.Equal("forward", use["direction"]);
        Assert.Equal(300, D(use["reserved_mw"]));
        Assert.Equal(100, D(use["firm_mw"]));
        Assert.Equal(150, D(use["flow_mw"]), 1e-6);
        Assert.Equal(50, D(use["recallable_mw"]), 1e-6);

        var users = FlowPathCli.Rows(Path.Combine(DayAhead.Value, "recallable_schedules.csv"));
        Assert.Equal(["S_IN", "S_B"], users.Select(u => u["schedule"]));
        Assert.Equal(50.0 * 30 / 70, D(users[0]["recallable_mw"]), 1e-6);
        Assert.Equal(50.0 * 40 / 70, D(users[1]["recallable_mw"]), 1e-6);
        Assert.Equal(40, D(users[1]["contribution_mw"]), 1e-6);
    }

    [Fact]
    public void A_recall_cuts_the_cheapest_schedule_by_its_adjustment_bids()
    {
        var (code, dir, error) = Recall("contract,mw\nETC_A,280\n");
        Assert.True(code == 0, error);
        var path = FlowPathCli.Rows(Path.Combine(dir, "recall_paths.csv")).Single();
        Assert.Equal(30, D(path["excess_mw"]), 1e-6);
        Assert.Equal(30, D(path["freed_mw"]), 1e-6);
        Assert.Equal(0, D(path["unfreed_mw"]), 1e-6);
        var cut = FlowPathCli.Rows(Path.Combine(dir, "recall_cuts.csv")).Single();
        Assert.Equal("S_B", cut["schedule"]);
        Assert.Equal("Eta", cut["participant"]);
        Assert.Equal("bids", cut["basis"]);
        Assert.Equal(30, D(cut["cut_mw"]), 1e-6);
        Assert.Equal(30, D(cut["relief_mw"]), 1e-6);
        Assert.Equal("1440.00", cut["bid_cost"]);
        Assert.Equal("-900.00", cut["day_ahead_usage"]);
    }

    [Fact]
    public void Beyond_the_bids_the_rest_is_cut_pro_rata()
    {
        var (code, dir, error) = Recall("contract,mw\nETC_A,120\nETC_A,180\n");
        Assert.True(code == 0, error);
        var cuts = FlowPathCli.Rows(Path.Combine(dir, "recall_cuts.csv"));
        var b = cuts.Single(c => c["schedule"] == "S_B");
        Assert.Equal(40, D(b["cut_mw"]), 1e-6);
        Assert.Equal("1920.00", b["bid_cost"]);
        Assert.Equal("-1200.00", b["day_ahead_usage"]);
        var s = cuts.Single(c => c["schedule"] == "S_IN");
        Assert.Equal("pro_rata", s["basis"]);
        Assert.Equal(10, D(s["cut_mw"]), 1e-6);
        Assert.Equal("0.00", s["bid_cost"]);
        Assert.Equal("-300.00", s["day_ahead_usage"]);
        Assert.DoesNotContain(cuts, c => c["schedule"] == "S_CF");
        var costs = FlowPathCli.Rows(Path.Combine(dir, "recall_costs.csv"));
        Assert.Equal(["Delta", "Eta"], costs.Select(c => c["participant"]));
        Assert.Equal(50, D(FlowPathCli.Rows(Path.Combine(dir, "recall_paths.csv")).Single()["freed_mw"]), 1e-6);
    }

    [Fact]
    public void A_recall_that_fits_in_the_firm_capacity_cuts_nothing()
    {
        var (code, dir, error) = Recall("contract,mw\nETC_A,200\n");
        Assert.True(code == 0, error);
        Assert.Empty(FlowPathCli.Rows(Path.Combine(dir, "recall_cuts.csv")));
        Assert.Equal(0, D(FlowPathCli.Rows(Path.Combine(dir, "recall_paths.csv")).Single()["excess_mw"]), 1e-6);
    }

    [Fact]
    public void The_example_market_with_trades_marks_and_recalls_on_its_interface()
    {
        // examples/market (118 buses, trades, portfolio instructions, adjustment bids), not built for this: a contract
        // reserving 150 of WEST_EXPORT's 180 MW westward and eastward, recalled whole.
        var example = Path.Combine(TestPaths.RepoRoot, "examples", "market");
        var files = Directory.GetFiles(example, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        files["etc.csv"] = "contract,holder,path,mw\nETC_E,Holder,WEST_EXPORT,150\nETC_W,Holder,WEST_EXPORT,-150\n";
        using var market = new MarketFolder.TempFolder(files);
        var network = Path.Combine(example, "network.m");
        var da = PxCli.OutDir();
        var (code, _, error) = PxCli.Run("clear", "--case", network, "--market", market.Path, "--out", da);
        Assert.True(code == 0, error);
        var uses = FlowPathCli.Rows(Path.Combine(da, "recallable.csv"));
        Assert.Equal(["forward", "reverse"], uses.Select(u => u["direction"]));
        var users = FlowPathCli.Rows(Path.Combine(da, "recallable_schedules.csv"));
        foreach (var u in uses)
        {
            Assert.Equal(Math.Max(0, D(u["flow_mw"]) - 30), D(u["recallable_mw"]), 1e-9);
            Assert.True(users.Where(x => x["direction"] == u["direction"]).Sum(x => D(x["recallable_mw"])) <= D(u["recallable_mw"]) + 1e-9);
        }

        using var recall = new MarketFolder.TempFolder(new Dictionary<string, string> { ["recall.csv"] = "contract,mw\nETC_E,150\nETC_W,150\n" });
        var dir = PxCli.OutDir();
        (code, _, error) = PxCli.Run("recall", "--case", network, "--market", market.Path, "--day-ahead", da, "--recall", Path.Combine(recall.Path, "recall.csv"), "--out", dir);
        Assert.True(code == 0, error);
        var cuts = FlowPathCli.Rows(Path.Combine(dir, "recall_cuts.csv"));
        foreach (var p in FlowPathCli.Rows(Path.Combine(dir, "recall_paths.csv")))
        {
            Assert.Equal(Math.Max(0, D(p["flow_mw"]) - 30), D(p["excess_mw"]), 1e-9);
            Assert.Equal(D(p["excess_mw"]), D(p["freed_mw"]) + D(p["unfreed_mw"]), 1e-6);
            Assert.Equal(D(p["freed_mw"]), cuts.Where(c => c["direction"] == p["direction"]).Sum(c => D(c["relief_mw"])), 1e-6);
        }
    }

    [Theory]
    [InlineData("contract,mw\nETC_A,301\n", ":2:", "larger than its reservation of 300")]
    [InlineData("contract,mw\nETC_A,200\nETC_A,101\n", ":3:", "larger than its reservation")]
    [InlineData("contract,mw\nETC_Z,10\n", ":2:", "not in etc.csv")]
    [InlineData("contract,mw\nETC_A,-5\n", ":2:", "must be > 0")]
    public void A_bad_recall_exits_2_naming_the_line(string recall, string line, string problem)
    {
        var (code, dir, error) = Recall(recall);
        Assert.Equal(2, code);
        Assert.Contains(line, error);
        Assert.Contains(problem, error);
        Assert.False(Directory.Exists(dir));
    }

    [Theory]
    [InlineData("contract,holder,path,mw\nETC_A,Zeta,NOWHERE,300\n", ":2:", "neither a flow path")]
    [InlineData("contract,holder,path,mw\nETC_A,Zeta,I_POCKET,300\nETC_B,Zeta,I_POCKET,150\n", ":3:", "above its limit of 400")]
    [InlineData("contract,holder,path,mw\nETC_A,Zeta,I_POCKET,0\n", ":2:", "other than 0")]
    public void A_bad_etc_file_exits_2_naming_the_line(string etc, string line, string problem)
    {
        var files = Directory.GetFiles(Example, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        files["etc.csv"] = etc;
        using var market = new MarketFolder.TempFolder(files);
        var dir = PxCli.OutDir();
        var (code, _, error) = PxCli.Run("clear", "--case", Path.Combine(Example, "network.m"), "--market", market.Path, "--out", dir);
        Assert.Equal(2, code);
        Assert.Contains("etc.csv", error);
        Assert.Contains(line, error);
        Assert.Contains(problem, error);
    }
}
