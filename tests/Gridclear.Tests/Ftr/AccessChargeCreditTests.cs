using System.CommandLine;
using System.Globalization;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Ftr;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Ftr;

/// <summary>M4: the FTR auction's option proceeds credited against the transmission access charge, by the shares of
/// owners.csv, to the cent.</summary>
public sealed class AccessChargeCreditTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-acc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Credits_split_the_proceeds_by_share_and_sum_to_them_exactly()
    {
        var credits = AccessChargeCredit.Allocate(100m, [new("A", 1.0 / 3), new("B", 1.0 / 3), new("C", 1.0 / 3)]);
        Assert.Equal([33.34m, 33.33m, 33.33m], credits.Select(c => c.Amount));
        credits = AccessChargeCredit.Allocate(1234.57m, [new("A", 0.25), new("B", 0.75)]);
        Assert.Equal([308.64m, 925.93m], credits.Select(c => c.Amount));
        Assert.Throws<ArgumentException>(() => AccessChargeCredit.Allocate(1m, [new("A", 0.5), new("B", 0.4)]));
    }

    private (int Code, string Error) Run(string owners)
    {
        var market = Path.Combine(_dir, "market");
        Directory.CreateDirectory(market);
        File.WriteAllText(Path.Combine(market, "owners.csv"), owners);
        File.WriteAllText(Path.Combine(market, "hubs.csv"), "hub,bus,weight\nWEST,1,1\nWEST,5,3\n");
        var bidsPath = Path.Combine(_dir, "bids.csv");
        File.WriteAllText(bidsPath, "bid,bidder,source,sink,kind,side,mw,price\nY1,alta,5,4,option,buy,1000,8\nY2,hubber,WEST,4,option,buy,10,1\nY3,cato,1,4,obligation,buy,30,2\n");
        var root = new RootCommand();
        root.Subcommands.Add(FtrAuctionCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        var code = CommandRunner.Invoke(root, ["ftr-auction", "--case", TestPaths.Case("case5"), "--market", market, "--bids", bidsPath, "--out", Path.Combine(_dir, "out")], error);
        return (code, error.ToString());
    }

    [Fact]
    public void Ftr_auction_writes_a_credit_line_per_owner_for_the_option_proceeds()
    {
        var (code, error) = Run("owner,share\nNorthTx,0.6\nSouthTx,0.4\n");
        Assert.True(code == 0, error);
        var outDir = Path.Combine(_dir, "out");
        var awards = File.ReadAllLines(Path.Combine(outDir, "awards.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var proceeds = awards.Where(a => a[4] == "option").Sum(a => decimal.Parse(a[10], CultureInfo.InvariantCulture));
        Assert.True(proceeds > 0, "the test's options clear at a price");
        var lines = File.ReadAllLines(Path.Combine(outDir, "access_charge_credit.csv"));
        Assert.Equal("owner,charge,amount", lines[0]);
        var credits = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["NorthTx", "SouthTx"], credits.Select(c => c[0]));
        Assert.All(credits, c => Assert.Equal(AccessChargeCredit.Charge, c[1]));
        Assert.Equal(proceeds, credits.Sum(c => decimal.Parse(c[2], CultureInfo.InvariantCulture)));
        Assert.Equal(Math.Round(proceeds * 0.4m, 2, MidpointRounding.AwayFromZero), decimal.Parse(credits[1][2], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("owner,share\nA,0.6\nB,0.3\n", "owners.csv")]
    [InlineData("owner,share\nA,0.6\nA,0.4\n", "owners.csv:3:")]
    [InlineData("owner,share\nA,0\nB,1\n", "owners.csv:2:")]
    public void Bad_owners_exit_2(string owners, string where)
    {
        var (code, error) = Run(owners);
        Assert.Equal(2, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
    }
}
