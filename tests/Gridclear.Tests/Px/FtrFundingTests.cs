using System.Globalization;
using System.Text.Json;
using Gridclear.Tests.FlowPaths;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Px;

/// <summary>
/// FTR funding across a topology change (F7) on examples/px-funding, by hand. Before: the px triangle with lines 1-3
/// and 2-3 rated 100 MW; G1 ($10, bus 1) is held to 150 MW by line 1-3 (it carries 2/3 of P1): shadow price 30 ÷ 2/3 =
/// 45, LMP 10 / 25 / 40 / 40 at buses 1-4, rent 45 × 100 = 4,500. F1 (Alpha, 100 MW 1→4) is owed 3,000 and F2 (Beta,
/// 50 MW 2→4) 750: fully funded. After: line 1-3 switched out; all of P1 crosses 2-3, so G1 = 100, shadow price 30,
/// LMP 10 / 10 / 40 / 40, rent 3,000; F1 is owed 3,000 and F2 1,500: 4,500 against 3,000, funding ratio 2/3, shortfall
/// 1,500. Exposed: F1 paid 2,000 (loss 1,000, 50 MW more to cover), F2 1,000 (loss 500, 25 MW). Balancing account:
/// pays 1,500 and recovers it from the only load, Beta's L4 (200 MWh).
/// </summary>
public sealed class FtrFundingTests
{
    private static string Example => Path.Combine(TestPaths.RepoRoot, "examples", "px-funding");

    private static readonly Lazy<(string Before, string After, string Out, string Console)> Runs = new(() =>
    {
        string Clear(string network)
        {
            var dir = PxCli.OutDir();
            var (code, _, error) = PxCli.Run("clear", "--case", Path.Combine(Example, network), "--market", Example, "--out", dir);
            Assert.True(code == 0, error);
            return dir;
        }

        var before = Clear("network.m");
        var after = Clear("network_after.m");
        var outDir = PxCli.OutDir();
        var (code, output, error) = PxCli.Run("ftr-funding", "--before", before, "--after", after, "--out", outDir);
        Assert.True(code == 0, error);
        return (before, after, outDir, output);
    });

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("F1", "Alpha", "3000.00", "3000.00", "3000.00", "2000.00", "1000.00", 50)]
    [InlineData("F2", "Beta", "750.00", "750.00", "1500.00", "1000.00", "500.00", 25)]
    public void Each_ftr_before_and_after_under_both_treatments(string ftr, string holder, string targetBefore, string paidBefore, string targetAfter, string paidAfter, string gap, double cover)
    {
        var row = FlowPathCli.Rows(Path.Combine(Runs.Value.Out, "ftr_funding.csv")).Single(r => r["ftr"] == ftr);
        Assert.Equal(holder, row["holder"]);
        Assert.Equal(targetBefore, row["target_before"]);
        Assert.Equal(paidBefore, row["paid_before"]);
        Assert.Equal(targetAfter, row["target_after"]);
        Assert.Equal(paidAfter, row["paid_after"]);
        Assert.Equal(gap, row["account_paid"]);
        Assert.Equal(gap, row["exposed_loss"]);
        Assert.Equal(cover, D(row["cover_mw"]), 1e-9);
    }

    [Fact]
    public void The_shortfall_is_the_account_deficit_and_recovered_from_loads_to_the_cent()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Runs.Value.Out, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(4500m, root.GetProperty("before").GetProperty("congestion_rent").GetDecimal());
        Assert.Equal(0m, root.GetProperty("before").GetProperty("shortfall").GetDecimal());
        Assert.Equal(3000m, root.GetProperty("after").GetProperty("congestion_rent").GetDecimal());
        Assert.Equal(1500m, root.GetProperty("after").GetProperty("shortfall").GetDecimal());
        Assert.Equal(1500m, root.GetProperty("shortfall_caused").GetDecimal());
        Assert.True(root.GetProperty("topology_changed").GetBoolean());
        Assert.Equal(1500m, root.GetProperty("balancing_account").GetProperty("paid_to_holders").GetDecimal());
        Assert.Equal(1500m, root.GetProperty("balancing_account").GetProperty("recovered_from_loads").GetDecimal());
        Assert.Equal(4500m, root.GetProperty("balancing_account").GetProperty("holders_paid").GetDecimal());
        Assert.Equal(3000m, root.GetProperty("holders_exposed").GetProperty("holders_paid").GetDecimal());

        var account = FlowPathCli.Rows(Path.Combine(Runs.Value.Out, "balancing_account.csv")).Single();
        Assert.Equal("Beta", account["participant"]);
        Assert.Equal(200, D(account["load_mwh"]), 1e-6);
        Assert.Equal("-1500.00", account["amount"]);
        Assert.Contains("Balancing account", Runs.Value.Console);
    }

    [Fact]
    public void Different_ftr_sets_or_a_run_without_ftrs_exit_2()
    {
        var files = Directory.GetFiles(Example, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        files["ftrs.csv"] = "ftr,holder,source,sink,mw,kind\nF1,Alpha,1,4,90,obligation\nF2,Beta,2,4,50,obligation\n";
        using var market = new MarketFolder.TempFolder(files);
        var other = PxCli.OutDir();
        var (code, _, error) = PxCli.Run("clear", "--case", Path.Combine(Example, "network_after.m"), "--market", market.Path, "--out", other);
        Assert.True(code == 0, error);
        (code, _, error) = PxCli.Run("ftr-funding", "--before", Runs.Value.Before, "--after", other);
        Assert.Equal(2, code);
        Assert.Contains("ftr F1", error);

        var noFtrs = PxCli.OutDir();
        (code, _, error) = PxCli.Run("clear", "--case", PxCli.ExampleCase, "--market", PxCli.Example, "--out", noFtrs);
        Assert.True(code == 0, error);
        (code, _, error) = PxCli.Run("ftr-funding", "--before", Runs.Value.Before, "--after", noFtrs);
        Assert.Equal(2, code);
        Assert.Contains("ftr_settlement.csv", error);
    }
}
