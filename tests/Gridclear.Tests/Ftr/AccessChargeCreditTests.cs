using System.CommandLine;
using System.Globalization;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Ftr;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Ftr;

/// <summary>M4, F5: the FTR auction's revenue credited against the transmission access charge: ARR holders their ARR
/// payments, the transmission owners the rest by the shares of owners.csv, to the cent.</summary>
public sealed class AccessChargeCreditTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-acc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Credits_split_the_proceeds_by_share_and_sum_to_them_exactly()
    {
        var credits = AccessChargeCredit.Allocate(100m, [new("A", 1.0 / 3), new("B", 1.0 / 3), new("C", 1.0 / 3)]);
        Assert.All(credits, c => Assert.Equal(AccessChargeCredit.Charge, c.Charge));
        Assert.Equal([33.34m, 33.33m, 33.33m], credits.Select(c => c.Amount));
        credits = AccessChargeCredit.Allocate(1234.57m, [new("A", 0.25), new("B", 0.75)]);
        Assert.Equal([308.64m, 925.93m], credits.Select(c => c.Amount));
        Assert.Throws<ArgumentException>(() => AccessChargeCredit.Allocate(1m, [new("A", 0.5), new("B", 0.4)]));
    }

    private (int Code, string Error) Run(string owners, string? arrs = null)
    {
        var market = Path.Combine(_dir, "market");
        Directory.CreateDirectory(market);
        File.WriteAllText(Path.Combine(market, "owners.csv"), owners);
        File.WriteAllText(Path.Combine(market, "hubs.csv"), "hub,bus,weight\nWEST,1,1\nWEST,5,3\n");
        var bidsPath = Path.Combine(_dir, "bids.csv");
        File.WriteAllText(bidsPath, "bid,bidder,source,sink,kind,side,mw,price\nY1,alta,5,4,option,buy,1000,8\nY2,hubber,WEST,4,option,buy,10,1\nY3,cato,1,4,obligation,buy,30,2\nY4,dora,5,4,obligation,buy,20,9\n");
        if (arrs is not null)
        {
            File.WriteAllText(Path.Combine(market, "arrs.csv"), arrs);
        }

        var root = new RootCommand();
        root.Subcommands.Add(FtrAuctionCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        var code = CommandRunner.Invoke(root, ["ftr-auction", "--case", TestPaths.Case("case5"), "--market", market, "--bids", bidsPath, "--out", Path.Combine(_dir, "out")], error);
        return (code, error.ToString());
    }

    private static decimal Dec(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The auction's revenue from awards.csv: what buyers paid less what sellers were paid.</summary>
    private decimal Revenue() =>
        File.ReadAllLines(Path.Combine(_dir, "out", "awards.csv")).Skip(1).Select(l => l.Split(',')).Sum(a => a[5] == "buy" ? Dec(a[10]) : -Dec(a[10]));

    [Fact]
    public void Ftr_auction_writes_a_credit_line_per_owner_for_the_auction_revenue()
    {
        var (code, error) = Run("owner,share\nNorthTx,0.6\nSouthTx,0.4\n");
        Assert.True(code == 0, error);
        var outDir = Path.Combine(_dir, "out");
        var awards = File.ReadAllLines(Path.Combine(outDir, "awards.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.True(awards.Where(a => a[4] == "option").Sum(a => Dec(a[10])) > 0, "the test's options clear at a price");
        Assert.True(awards.Where(a => a[4] == "obligation").Sum(a => Dec(a[10])) > 0, "and so does its obligation");
        var proceeds = Revenue();
        var lines = File.ReadAllLines(Path.Combine(outDir, "access_charge_credit.csv"));
        Assert.Equal("party,charge,amount", lines[0]);
        var credits = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["NorthTx", "SouthTx"], credits.Select(c => c[0]));
        Assert.All(credits, c => Assert.Equal(AccessChargeCredit.Charge, c[1]));
        Assert.Equal(proceeds, credits.Sum(c => decimal.Parse(c[2], CultureInfo.InvariantCulture)));
        Assert.Equal(Math.Round(proceeds * 0.4m, 2, MidpointRounding.AwayFromZero), decimal.Parse(credits[1][2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void With_arrs_holders_are_credited_their_arr_payments_and_owners_the_rest_so_the_lines_sum_to_the_revenue()
    {
        // Two ARRs of one holder on the options' and the obligation's paths, and one of another holder.
        var (code, error) = Run("owner,share\nNorthTx,0.6\nSouthTx,0.4\n", "arr,holder,source,sink,mw\nA1,CityLse,5,4,100\nA2,CityLse,1,4,10\nA3,Coop,1,4,5\n");
        Assert.True(code == 0, error);
        var outDir = Path.Combine(_dir, "out");
        var revenue = Revenue();
        var payments = File.ReadAllLines(Path.Combine(outDir, "arr_payments.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var credits = File.ReadAllLines(Path.Combine(outDir, "access_charge_credit.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(
            [("CityLse", AccessChargeCredit.ArrCharge), ("Coop", AccessChargeCredit.ArrCharge), ("NorthTx", AccessChargeCredit.Charge), ("SouthTx", AccessChargeCredit.Charge)],
            credits.Select(c => (c[0], c[1])));
        Assert.Equal(payments.Where(p => p[1] == "CityLse").Sum(p => Dec(p[4])), Dec(credits[0][2]));
        Assert.Equal(payments.Where(p => p[1] == "Coop").Sum(p => Dec(p[4])), Dec(credits[1][2]));
        Assert.True(Dec(credits[0][2]) > 0, "the ARRs are paid");
        var paid = payments.Sum(p => Dec(p[4]));
        Assert.Equal(revenue - paid, Dec(credits[2][2]) + Dec(credits[3][2]));
        Assert.Equal(Math.Round((revenue - paid) * 0.4m, 2, MidpointRounding.AwayFromZero), Dec(credits[3][2]));
        Assert.Equal(revenue, credits.Sum(c => Dec(c[2])));
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
