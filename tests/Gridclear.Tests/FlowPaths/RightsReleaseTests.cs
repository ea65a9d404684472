using System.CommandLine;
using System.Globalization;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Designs.FlowPaths;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.FlowPaths;

/// <summary>
/// The operator's release of the rights it holds below forgiveness (001 C, P8), by hand on the flow-path example. C2
/// (Beta, 30 MW from 1 to 3) needs 1/3 × 30 = 10 MW on P23, under its forgiveness threshold min(50 % × 30, 10 % × 300)
/// = 15: the operator holds those 10 MW. Released for a day, they are a flowgate right on P23 that the operator offers
/// in the FTR auction. There obligations 2→3 (2/3 MW on P23 per MW, 450 MW at 20 $/MW, 30 $ per MW of P23) and a
/// flowgate right (10 MW at 50) compete for P23's 300 MW, 10 of them held by the operator: it sells its 10 (at its 0
/// reserve), the flowgate right gets them and the obligations (300 − 10) × 3/2 = 435 MW; P23's price is 30 $/MW, so the
/// operator's sale raises 300 $. A one-hour day-ahead run is credited 300 × 1/24 = 12.50 $ of it against its costs.
/// </summary>
public sealed class RightsReleaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-release-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static decimal Money(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void ReleasedRightsAreSoldAndTheirRevenueOffsetsTheCosts()
    {
        var release = Path.Combine(_dir, "release");
        var (code, _, error) = FlowPathCli.Run("path-rights", "--case", FlowPathCli.ExampleCase, "--market", FlowPathCli.Example, "--out", release, "--release", "daily", "--release-start", "2027-01-01");
        Assert.True(code == 0, error);
        var rights = File.ReadAllLines(Path.Combine(release, "release_rights.csv"));
        Assert.Equal(["ftr,holder,source,sink,mw,kind,term_start,term_end,settle_at", "release-P23-2027-01-01,operator,P23,,10,flowgate,2027-01-01,2027-01-01,bus"], rights.Select(l => l.Replace("10.000000000000002", "10", StringComparison.Ordinal)));
        var offers = File.ReadAllLines(Path.Combine(release, "release_offers.csv"));
        Assert.StartsWith("release-P23-2027-01-01,operator,P23,,flowgate,sell,10", offers[1], StringComparison.Ordinal);

        // The auction: the market's ftrs.csv holds the operator's rights, the bids add its offer.
        using var market = new TempFolder(new Dictionary<string, string>
        {
            ["flowpaths.csv"] = File.ReadAllText(Path.Combine(FlowPathCli.Example, "flowpaths.csv")),
            ["ftrs.csv"] = string.Join('\n', rights) + "\n",
        });
        var bids = Path.Combine(_dir, "bids.csv");
        File.WriteAllText(bids, "bid,bidder,source,sink,kind,side,mw,price,term_start,term_end\nO,otto,2,3,obligation,buy,450,20,2027-01-01,2027-01-01\nF,fay,P23,,flowgate,buy,10,50,2027-01-01,2027-01-01\n" + string.Join('\n', offers.Skip(1)) + "\n");
        var auction = Path.Combine(_dir, "auction");
        var root = new RootCommand();
        root.Subcommands.Add(FtrAuctionCommand.Create(TextWriter.Null));
        var err = new StringWriter();
        code = CommandRunner.Invoke(root, ["ftr-auction", "--case", FlowPathCli.ExampleCase, "--market", market.Path, "--bids", bids, "--out", auction], err);
        Assert.True(code == 0, err.ToString());
        var awards = FlowPathCli.Rows(Path.Combine(auction, "awards.csv")).ToDictionary(r => r["bid"]);
        Assert.Equal(435, double.Parse(awards["O"]["mw"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(300m, Money(awards["release-P23-2027-01-01"]["amount"]));

        // The day-ahead costs, without and with the auction's revenue.
        var without = Path.Combine(_dir, "without");
        (code, _, error) = FlowPathCli.Run("path-rights", "--case", FlowPathCli.ExampleCase, "--market", FlowPathCli.Example, "--prices", Path.Combine(FlowPathCli.Example, "dayahead"), "--out", without);
        Assert.True(code == 0, error);
        var with = Path.Combine(_dir, "with");
        (code, _, error) = FlowPathCli.Run("path-rights", "--case", FlowPathCli.ExampleCase, "--market", FlowPathCli.Example, "--prices", Path.Combine(FlowPathCli.Example, "dayahead"), "--release-revenue", auction, "--out", with);
        Assert.True(code == 0, error);
        var before = FlowPathCli.Rows(Path.Combine(without, "path_settlement.csv"));
        var after = FlowPathCli.Rows(Path.Combine(with, "path_settlement.csv"));
        Assert.Equal(0m, after.Sum(r => Money(r["amount"])));
        Assert.Equal(-12.50m, after.Where(r => r["charge"] == "release_revenue").Sum(r => Money(r["amount"])));
        decimal Uplift(List<Dictionary<string, string>> rows) => rows.Where(r => r["charge"] == "inter_zonal_uplift").Sum(r => Money(r["amount"]));
        Assert.InRange(Uplift(after) - Uplift(before), 12.48m, 12.52m); // the schedules pay 12.50 less (cents rounding apart)
    }

    [Theory]
    [InlineData(ReleasePeriod.Annual, "2027-03-01", "2028-02-29")]
    [InlineData(ReleasePeriod.Monthly, "2027-01-31", "2027-02-27")]
    [InlineData(ReleasePeriod.Weekly, "2027-01-01", "2027-01-07")]
    [InlineData(ReleasePeriod.Daily, "2027-01-01", "2027-01-01")]
    public void TermsOfEachPeriod(ReleasePeriod period, string start, string end)
    {
        var term = RightsRelease.Term(period, DateOnly.Parse(start, CultureInfo.InvariantCulture));
        Assert.Equal(end, Gridclear.Ftr.FtrTerm.Text(term.End));
    }

    [Theory]
    [InlineData("--release", "yearly", "--release-start", "2027-01-01", "is not 'annual'")]
    [InlineData("--release", "daily", "--release-start", "2027-13-01", "is not a date")]
    [InlineData("--release", "daily", "--release-price", "1", "needs --release-start")]
    public void BadReleaseOptionsExitTwo(string o1, string v1, string o2, string v2, string problem)
    {
        var (code, _, error) = FlowPathCli.Run("path-rights", "--case", FlowPathCli.ExampleCase, "--market", FlowPathCli.Example, "--out", Path.Combine(_dir, "bad"), o1, v1, o2, v2);
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }
}
