using System.Globalization;
using Gridclear.Cli;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.FlowPaths;

/// <summary>
/// The hand-computed example of the flow-path rights model (examples/flowpath, README "The flow-path rights model"):
/// a triangle 1-2-3 of equal reactances with bus 4 radial off bus 3; zones A = {1, 4}, B = {2}, C = {3}; path P12 =
/// line 1-2 rated 60 MW, P23 = line 2-3 rated 300 MW; W = 50, X = 10, Y = 80, Z = 40 %. With bus 3 as reference, the
/// FDFs are P12: (1/3, −1/3, 0, 0) and P23: (1/3, 2/3, 0, 0) at buses 1-4, so a schedule from bus a to bus b needs
/// FDF(a)·mw − FDF(b)·mw on each path. Every number below was computed by hand from those.
/// </summary>
public sealed class HandComputedFlowPathTests
{
    /// <summary>MW are sums of thirds: equal to the hand value within round-off.</summary>
    private const double MwTolerance = 1e-9;

    public static TheoryData<string, string, double, double, double, string, double, double> Expected() => new()
    {
        // schedule, path, required, forgiveness, scheduling, class, held, uncovered
        // S_INTRA: 90 MW from 1 to 4, both in zone A: needs no rights whatever it loads (P6).
        { "S_INTRA", "P12", 30, 6, 24, "intra_zonal", 0, 0 },
        { "S_INTRA", "P23", 30, 30, 72, "intra_zonal", 0, 0 },

        // S_FORGIVEN: 18 MW from 1 to 3: 6 MW on each path; forgiveness min(50%·18, 10%·60) = 6 on P12 (exactly on
        // it), min(9, 30) = 9 on P23.
        { "S_FORGIVEN", "P12", 6, 6, 14.4, "forgiven", 0, 0 },
        { "S_FORGIVEN", "P23", 6, 9, 14.4, "forgiven", 0, 0 },

        // S_BETWEEN: 45 MW from 1 to 3: 15 MW on P12, between 6 and min(36, 24) = 24; Gamma holds 5, 10 uncovered.
        { "S_BETWEEN", "P12", 15, 6, 24, "between", 5, 10 },
        { "S_BETWEEN", "P23", 15, 22.5, 36, "forgiven", 0, 0 },

        // S_ABOVE: 90 MW from 2 to 3: −30 MW on P12 (reverse), above 24; Delta's −30 MW right covers it. 60 MW on P23,
        // between 30 and 72; Delta holds 20, 40 uncovered (the operator procures them, P4).
        { "S_ABOVE", "P12", -30, 6, 24, "above", 30, 0 },
        { "S_ABOVE", "P23", 60, 30, 72, "between", 20, 40 },

        // S_REJECTED: 60 MW from 2 to 1: −40 on P12, above 24; Epsilon's +10 MW right is in the other direction.
        { "S_REJECTED", "P12", -40, 6, 24, "above", 0, 40 },
        { "S_REJECTED", "P23", 20, 30, 48, "forgiven", 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Requirements_match_the_hand_computation(string schedule, string path, double required, double forgiveness, double scheduling, string cls, double held, double uncovered)
    {
        var row = Outputs.Value.Requirements.Single(r => r["schedule"] == schedule && r["path"] == path);
        Assert.Equal(required, D(row["required_mw"]), MwTolerance);
        Assert.Equal(forgiveness, D(row["forgiveness_mw"]), MwTolerance);
        Assert.Equal(scheduling, D(row["scheduling_mw"]), MwTolerance);
        Assert.Equal(cls, row["class"]);
        Assert.Equal(held, D(row["held_mw"]), MwTolerance);
        Assert.Equal(uncovered, D(row["uncovered_mw"]), MwTolerance);
    }

    [Fact]
    public void Every_schedule_and_path_has_one_row_in_order()
    {
        var keys = Outputs.Value.Requirements.Select(r => $"{r["schedule"]}/{r["path"]}").ToList();
        var expected = Expected().Select(e => $"{e[0]}/{e[1]}").ToList();
        Assert.Equal(expected, keys);
        Assert.All(Outputs.Value.Requirements, r => Assert.Equal(r["schedule"] switch
        {
            "S_INTRA" => "Alpha",
            "S_FORGIVEN" => "Beta",
            "S_BETWEEN" => "Gamma",
            "S_ABOVE" => "Delta",
            _ => "Epsilon",
        }, r["participant"]));
    }

    [Fact]
    public void The_schedule_without_its_above_threshold_rights_is_rejected_with_the_reason()
    {
        var rejected = Assert.Single(Outputs.Value.Rejected);
        Assert.Equal("S_REJECTED", rejected["schedule"]);
        Assert.Equal("Epsilon", rejected["participant"]);
        Assert.Contains("P12: needs 40 MW above the scheduling threshold of 24 MW, holds 0 MW (40 MW uncovered)", rejected["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public void Contracts_convert_into_rights_held_by_the_operator_below_forgiveness_and_by_the_holder_between()
    {
        // C1 (Alpha, 1 → 4, 30 MW) is intra-zonal: no rights. C2 (Beta, 1 → 3, 30 MW) needs 10 MW on each path:
        // between 6 and 24 on P12 (to Beta), under forgiveness min(15, 30) on P23 (kept by the operator for Beta).
        var rows = FlowPathCli.Rows(Path.Combine(Outputs.Value.Directory, "contract_rights.csv"));
        Assert.Equal(["C1/P12/intra_zonal/", "C1/P23/intra_zonal/", "C2/P12/between/Beta", "C2/P23/forgiven/operator"], rows.Select(r => $"{r["contract"]}/{r["path"]}/{r["class"]}/{r["held_by"]}"));
        Assert.All(rows, r => Assert.Equal(10, D(r["required_mw"]), MwTolerance));
    }

    /// <summary>
    /// The day-ahead run (examples/flowpath/dayahead) priced P12 at 12 $/MW and P23 at 5 $/MW, both forward, and a
    /// branch 3-4 at 2 $/MWh at 50 MW (100 $ of congestion outside the paths). Accepted schedules' uncovered forward
    /// flow: P12 30 + 6 + 10 + 0 = 46 MW (552 $), P23 30 + 6 + 15 + 40 = 91 MW (455 $): 1,007 $ inter-zonal. Direct:
    /// Gamma 10 MW × 12 = 120 $, Delta 40 MW × 5 = 200 $. The remaining 687 $ over 243 MWh (90 + 18 + 45 + 90) is
    /// 2.827160… $/MWh; the 100 $ over the 195 MWh not covered by contracts (Alpha's 30, Beta's 18 credited) is
    /// 0.512820… $/MWh. Each row rounds to the cent; the rows sum to 686.99 + 320 + 100, so the operator's rounding
    /// row is −0.01.
    /// </summary>
    [Fact]
    public void Cost_allocation_matches_the_hand_computation_to_the_cent()
    {
        var rows = Outputs.Value.Settlement.Select(r => $"{r["participant"]},{r["charge"]},{r["amount"]}").ToList();
        Assert.Equal(
            [
                "Gamma,path_procurement,-120.00",
                "Delta,path_procurement,-200.00",
                "Alpha,inter_zonal_uplift,-254.44",
                "Alpha,intra_zonal_uplift,-46.15",
                "Alpha,contract_credit,15.38",
                "Beta,inter_zonal_uplift,-50.89",
                "Beta,intra_zonal_uplift,-9.23",
                "Beta,contract_credit,9.23",
                "Gamma,inter_zonal_uplift,-127.22",
                "Gamma,intra_zonal_uplift,-23.08",
                "Delta,inter_zonal_uplift,-254.44",
                "Delta,intra_zonal_uplift,-46.15",
                "operator,inter_zonal_cost,1007.00",
                "operator,intra_zonal_cost,100.00",
                "operator,rounding,-0.01",
            ],
            rows);
        Assert.Equal(0m, Outputs.Value.Settlement.Sum(r => decimal.Parse(r["amount"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Procurement_lists_the_uncovered_between_needs_at_the_path_price()
    {
        var rows = FlowPathCli.Rows(Path.Combine(Outputs.Value.Directory, "procurement.csv"));
        Assert.Equal(["S_BETWEEN/P12/12/120.00", "S_ABOVE/P23/5/200.00"], rows.Select(r => $"{r["schedule"]}/{r["path"]}/{r["price"]}/{r["cost"]}"));
    }

    [Fact]
    public void Path_factors_are_the_thirds_of_the_triangle()
    {
        using var dir = new TempFolder(new Dictionary<string, string>());
        var file = Path.Combine(dir.Path, "fdf.csv");
        var (code, _, error) = FlowPathCli.Run("ptdf", "--case", FlowPathCli.ExampleCase, "--paths", Path.Combine(FlowPathCli.Example, "flowpaths.csv"), "--out", file);
        Assert.True(code == CommandRunner.Success, error);
        var factors = FlowPathCli.Rows(file).ToDictionary(r => $"{r["path"]}@{r["bus"]}", r => D(r["factor"]));
        var third = 1.0 / 3;
        Assert.Equal(8, factors.Count);
        Assert.Equal(third, factors["P12@1"], MwTolerance);
        Assert.Equal(-third, factors["P12@2"], MwTolerance);
        Assert.Equal(0, factors["P12@3"], MwTolerance);
        Assert.Equal(0, factors["P12@4"], MwTolerance);
        Assert.Equal(third, factors["P23@1"], MwTolerance);
        Assert.Equal(2 * third, factors["P23@2"], MwTolerance);
        Assert.Equal(0, factors["P23@4"], MwTolerance);
    }

    /// <summary>
    /// P9 over two copies of the example's run: P12 costs 552 $ a run on 60 MW, 18.4 $/MW over both; P23 455 $ on 300 MW,
    /// 3.0333 $/MW. With S = 200 %, P12 exceeds 2 × 3.0333 and P23 stays under 2 × 18.4; the total, 2,014 $, exceeds a
    /// budget of 2,000 $.
    /// </summary>
    [Fact]
    public void Cost_triggers_match_the_hand_computation()
    {
        var costs = FlowPathCli.Rows(Path.Combine(Outputs.Value.Directory, "path_costs.csv"));
        Assert.Equal(["P12/60/552", "P23/300/455"], costs.Select(r => $"{r["path"]}/{r["rating"]}/{Math.Round(D(r["cost"]), 9)}"));
        using var output = new TempFolder(new Dictionary<string, string>());
        var outDir = Path.Combine(output.Path, "triggers");
        var (code, text, error) = FlowPathCli.Run("path-triggers", "--runs", Outputs.Value.Directory, Outputs.Value.Directory, "--months", "12", "--budget", "2000", "--path-share", "200", "--out", outDir);
        Assert.True(code == CommandRunner.Success, error);
        var rows = FlowPathCli.Rows(Path.Combine(outDir, "triggers.csv"));
        Assert.Equal(2014, D(rows[0]["value"]), 1e-9);
        Assert.Equal("true", rows[0]["exceeded"]);
        Assert.Equal(("P12", 18.4, Math.Round(2 * 910.0 / 300, 9), "true"), (rows[1]["subject"], Math.Round(D(rows[1]["value"]), 9), Math.Round(D(rows[1]["threshold"]), 9), rows[1]["exceeded"]));
        Assert.Equal(("P23", Math.Round(910.0 / 300, 9), 2 * 18.4, "false"), (rows[2]["subject"], Math.Round(D(rows[2]["value"]), 9), Math.Round(D(rows[2]["threshold"]), 9), rows[2]["exceeded"]));
        Assert.Contains("EXCEEDED", text, StringComparison.Ordinal);
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static readonly Lazy<Run> Outputs = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "gridclear-flowpath-" + Guid.NewGuid().ToString("N"));
        var (code, _, error) = FlowPathCli.Run("path-rights", "--case", FlowPathCli.ExampleCase, "--market", FlowPathCli.Example, "--prices", Path.Combine(FlowPathCli.Example, "dayahead"), "--out", dir);
        Assert.True(code == CommandRunner.Success, error);
        return new Run(
            dir,
            FlowPathCli.Rows(Path.Combine(dir, "path_requirements.csv")),
            FlowPathCli.Rows(Path.Combine(dir, "rejected_schedules.csv")),
            FlowPathCli.Rows(Path.Combine(dir, "path_settlement.csv")));
    });

    private sealed record Run(string Directory, List<Dictionary<string, string>> Requirements, List<Dictionary<string, string>> Rejected, List<Dictionary<string, string>> Settlement);
}
