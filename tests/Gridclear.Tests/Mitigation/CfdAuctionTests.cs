using System.CommandLine;
using System.Globalization;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Cli.Runs;
using Gridclear.Ftr;
using Gridclear.Market;
using Gridclear.Mitigation;
using Gridclear.Settlement;
using Gridclear.Tests.MarketFolder;
using Gridclear.Tests.Reserves;

namespace Gridclear.Tests.Mitigation;

/// <summary>
/// The CFD auction (M2, M4): the CFDs and call options mitigated sellers must offer, sold to bidders not affiliated with
/// the seller at one uniform price per instrument, the awards written as a cfds.csv that <c>clear</c> settles, the
/// proceeds credited against the transmission access charge by owner share, to the cent.
/// </summary>
public sealed class CfdAuctionTests
{
    private static CfdOffer Offer(string id, string seller, double mw, double reserve = 0) =>
        new(id, seller, "3", mw, 40, CfdKind.CallOption, null, null, reserve);

    [Fact]
    public void Each_instrument_clears_at_a_uniform_price_by_hand()
    {
        // I1 (100 MW): A's 60 MW at 10 fill first; 40 MW are left for B and C at 8 (80 MW): each gets half its MW (pro
        // rata, ties never depend on the order of the file), sold out at the marginal bid's 8 $/MW. D at 5 gets nothing.
        // I2 (50 MW, reserve 3): F bids below the reserve price; E's 20 MW leave 30 unsold, so the price is the reserve.
        CfdOffer[] offers = [Offer("I1", "PG1", 100), Offer("I2", "PG2", 50, reserve: 3)];
        CfdBid[] bids =
        [
            new("b1", "A", "I1", 60, 10), new("b2", "B", "I1", 50, 8), new("b3", "C", "I1", 30, 8), new("b4", "D", "I1", 20, 5),
            new("b5", "E", "I2", 20, 9), new("b6", "F", "I2", 10, 2),
        ];
        var result = CfdAuction.Clear(offers, bids);
        Assert.Equal([60, 25, 15, 0, 20, 0], result.Awards.Select(a => a.AwardedMw));
        Assert.Equal([8, 8, 8, 8, 3, 3], result.Awards.Select(a => a.Price));
        Assert.Equal([480m, 200m, 120m, 0m, 60m, 0m], result.Awards.Select(a => a.Amount));
        Assert.Equal([true, false], result.Instruments.Select(i => i.SoldOut));
        Assert.Equal([800m, 60m], result.Instruments.Select(i => i.Proceeds));
        Assert.Equal(860m, result.Proceeds);
        Assert.Equal(["I1/A", "I1/B", "I1/C", "I2/E"], result.Cfds.Select(c => c.Id));
        Assert.All(result.Cfds.Take(3), c => Assert.Equal("PG1", c.Counterparty));
        Assert.Equal([60, 25, 15, 20], result.Cfds.Select(c => c.Mw));

        // The proceeds by share, to the cent: 286.67 × 3 is a cent too much, taken from the first of the equal shares.
        var credits = AccessChargeCredit.Allocate(result.Proceeds, [new("T1", 1.0 / 3), new("T2", 1.0 / 3), new("T3", 1.0 / 3)]);
        Assert.Equal([286.66m, 286.67m, 286.67m], credits.Select(c => c.Amount));
        Assert.Equal(result.Proceeds, credits.Sum(c => c.Amount));

        // The order of the bids changes nothing.
        var reversed = CfdAuction.Clear(offers, [.. bids.Reverse()]);
        Assert.Equal(result.Awards.Select(a => (a.Bid.Id, a.AwardedMw, a.Amount)).OrderBy(a => a.Id), reversed.Awards.Select(a => (a.Bid.Id, a.AwardedMw, a.Amount)).OrderBy(a => a.Id));
    }

    [Fact]
    public void A_bidders_bids_on_one_instrument_become_one_awarded_instrument_and_the_seller_cannot_buy()
    {
        var result = CfdAuction.Clear([Offer("I1", "PG1", 50)], [new("x", "A", "I1", 30, 12), new("y", "A", "I1", 30, 7), new("z", "B", "I1", 10, 9)]);
        // 30 at 12, 10 at 9, 10 of 30 at 7: sold out at 7.
        Assert.Equal([30, 10, 10], new[] { "x", "y", "z" }.Select(id => result.Awards.Single(a => a.Bid.Id == id).AwardedMw));
        Assert.Equal(("I1/A", 40.0), (result.Cfds[0].Id, result.Cfds[0].Mw));
        Assert.Equal(350m, result.Proceeds);
        Assert.Throws<ArgumentException>(() => CfdAuction.Clear([Offer("I1", "PG1", 50)], [new("x", "PG1", "I1", 30, 12)]));
    }

    private const string Offers =
        "instrument,seller,location,mw,strike,kind,term_start,term_end,reserve_price\n" +
        "EastCall,PG3,East,30,20,call_option,2027-01-01,2027-12-31,\n" +
        "Bus3Cfd,PG3,3,20,45,cfd,,,1\n";

    private const string Bids =
        "bid,bidder,instrument,mw,price\n" +
        "r1,Retail,EastCall,20,55.5\n" +
        "m1,Muni,EastCall,20,50\n" +
        "r2,Retail,Bus3Cfd,20,4\n";

    private static (int Code, string Error) Cli(string dir, string offers, string bids, string? owners = "owner,share\nNorthTx,0.7\nSouthTx,0.3\n", string? affiliates = null)
    {
        File.WriteAllText(Path.Combine(dir, "tri.m"), ReserveMarketTests.Case);
        File.WriteAllText(Path.Combine(dir, "offers.csv"), offers);
        File.WriteAllText(Path.Combine(dir, "bids.csv"), bids);
        var market = Path.Combine(dir, "market");
        Directory.CreateDirectory(market);
        File.WriteAllText(Path.Combine(market, "zones.csv"), ReserveMarketTests.Folder["zones.csv"]);
        File.Delete(Path.Combine(market, "owners.csv"));
        if (owners is not null)
        {
            File.WriteAllText(Path.Combine(market, "owners.csv"), owners);
        }

        List<string> args = ["cfd-auction", "--case", Path.Combine(dir, "tri.m"), "--market", market, "--offers", Path.Combine(dir, "offers.csv"), "--bids", Path.Combine(dir, "bids.csv"), "--out", Path.Combine(dir, "out")];
        if (affiliates is not null)
        {
            File.WriteAllText(Path.Combine(dir, "affiliates.csv"), affiliates);
            args.AddRange(["--affiliates", Path.Combine(dir, "affiliates.csv")]);
        }

        var root = new RootCommand();
        root.Subcommands.Add(CfdAuctionCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        var code = CommandRunner.Invoke(root, [.. args], error);
        return (code, error.ToString());
    }

    private static string[][] Rows(string file) => [.. File.ReadAllLines(file).Skip(1).Select(l => l.Split(','))];

    private static decimal Dec(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Cli_writes_awards_credits_and_a_cfds_csv_that_clear_settles()
    {
        using var dir = new TempFolder(new Dictionary<string, string>());
        var (code, error) = Cli(dir.Path, Offers, Bids);
        Assert.True(code == 0, error);
        var outDir = Path.Combine(dir.Path, "out");

        // EastCall: 40 MW bid for 30: Retail's 20 at 55.5, Muni 10 of 20 at 50, sold out at 50: 1,000 + 500.
        // Bus3Cfd: 20 MW, Retail's 20 at 4 fill it: sold out at 4 = 80. Proceeds 1,580.
        var awards = Rows(Path.Combine(outDir, "awards.csv"));
        Assert.Equal(["1000.00", "500.00", "80.00"], awards.Select(a => a[7]));
        var credits = Rows(Path.Combine(outDir, "access_charge_credit.csv"));
        Assert.Equal("party,charge,amount", File.ReadLines(Path.Combine(outDir, "access_charge_credit.csv")).First());
        Assert.Equal([("NorthTx", "1106.00"), ("SouthTx", "474.00")], credits.Select(c => (c[0], c[2])));
        Assert.All(credits, c => Assert.Equal(AccessChargeCredit.Charge, c[1]));
        Assert.Equal(awards.Sum(a => Dec(a[7])), credits.Sum(c => Dec(c[2])));
        Assert.Contains("\"proceeds\": 1580", File.ReadAllText(Path.Combine(outDir, "summary.json")), StringComparison.Ordinal);

        // The awarded instruments are cfds.csv rows: clear settles them between the bidder and the seller.
        var cfds = File.ReadAllText(Path.Combine(outDir, "cfds.csv"));
        Assert.Equal(
            "cfd,holder,counterparty,location,mw,strike,kind,term_start,term_end\n" +
            "EastCall/Retail,Retail,PG3,East,20,20,call_option,2027-01-01,2027-12-31\n" +
            "EastCall/Muni,Muni,PG3,East,10,20,call_option,2027-01-01,2027-12-31\n" +
            "Bus3Cfd/Retail,Retail,PG3,3,20,45,cfd,,\n",
            cfds);
        var files = new Dictionary<string, string>(ReserveMarketTests.Folder) { ["cfds.csv"] = cfds };
        foreach (var reserveFile in new[] { "reserve_requirements.csv", "reserve_offers.csv", "reserve_self.csv" })
        {
            files.Remove(reserveFile);
        }

        using var market = new TempFolder(files);
        File.WriteAllText(Path.Combine(market.Path, "tri.m"), ReserveMarketTests.Case);
        var run = DayAheadRun.Execute(Path.Combine(market.Path, "tri.m"), market.Path, ClearingOptions.Default, new DateOnly(2027, 3, 1));
        var lmp3 = run.Result.Prices.Single(p => p.Bus == 3).Lmp;
        var east = run.Settlement!.ZonalPrices.Single(z => z.Zone == "East").LoadPrice;
        var lines = run.Settlement.Lines;
        decimal Amount(string cfd, string participant) => lines.Where(l => l.Participant == participant && l.Detail?.StartsWith(cfd + " ", StringComparison.Ordinal) == true).Sum(l => l.Amount);
        static decimal Cents(double x) => Math.Round((decimal)x, 2, MidpointRounding.AwayFromZero);
        Assert.True(east > 20, "the call option is in the money");
        Assert.Equal(Cents(10 * Math.Max(0, east - 20)), Amount("EastCall/Muni", "Muni"));
        Assert.Equal(-Amount("EastCall/Muni", "Muni"), Amount("EastCall/Muni", "PG3"));
        Assert.Equal(Cents(20 * (lmp3 - 45)), Amount("Bus3Cfd/Retail", "Retail"));
        Assert.Equal(0m, lines.Sum(l => l.Amount));
    }

    [Theory]
    [InlineData("instrument,seller,location,mw,strike,kind\nA,PG3,3,10,5,cfd\nA,PG3,3,10,5,cfd\n", Bids, "offers.csv:3:")]
    [InlineData("instrument,seller,location,mw,strike,kind\nA,PG3,99,10,5,cfd\n", Bids, "offers.csv:2:")]
    [InlineData("instrument,seller,location,mw,strike,kind\nA,PG3,3,10,5,put\n", Bids, "offers.csv:2:")]
    [InlineData("instrument,seller,location,mw,strike,kind\nA,PG3,3,-10,5,cfd\n", Bids, "offers.csv:2:")]
    [InlineData("instrument,seller,location,mw,strike,kind,term_start,term_end\nA,PG3,3,10,5,cfd,2027-01-01,\n", Bids, "offers.csv:2:")]
    [InlineData("instrument,seller,location,mw,strike,kind,reserve_price\nA,PG3,3,10,5,cfd,-1\n", Bids, "offers.csv:2:")]
    [InlineData("instrument,seller,location,mw,strike,kind\nA/B,PG3,3,10,5,cfd\n", Bids, "offers.csv:2:")]
    [InlineData(Offers, "bid,bidder,instrument,mw,price\nr1,Retail,Nope,20,5\n", "bids.csv:2:")]
    [InlineData(Offers, "bid,bidder,instrument,mw,price\nr1,Retail,EastCall,20,5\nr2,PG3,EastCall,20,5\n", "bids.csv:3:")]
    [InlineData(Offers, "bid,bidder,instrument,mw,price\nr1,Retail,EastCall,20,5\nr1,Muni,EastCall,20,5\n", "bids.csv:3:")]
    [InlineData(Offers, "bid,bidder,instrument,mw,price\nr1,Retail,EastCall,0,5\n", "bids.csv:2:")]
    [InlineData(Offers, "bid,bidder,instrument,mw,price\nr1,Retail,EastCall,10,2e9\n", "bids.csv:2:")]
    public void Bad_offers_and_bids_exit_2_naming_the_file_and_line(string offers, string bids, string where)
    {
        using var dir = new TempFolder(new Dictionary<string, string>());
        var (code, error) = Cli(dir.Path, offers, bids);
        Assert.Equal(2, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")), "nothing is written");
    }

    [Fact]
    public void An_affiliate_of_the_seller_and_a_run_without_owners_exit_2()
    {
        using var dir = new TempFolder(new Dictionary<string, string>());
        var (code, error) = Cli(dir.Path, Offers, Bids, affiliates: "participant,affiliate\nPG3,Muni\n");
        Assert.Equal(2, code);
        Assert.Contains("bids.csv:3:", error, StringComparison.Ordinal);
        (code, error) = Cli(dir.Path, Offers, Bids, owners: null);
        Assert.Equal(2, code);
        Assert.Contains("owners.csv", error, StringComparison.Ordinal);
    }
}
