using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Ftr;

/// <summary>FTR terms (F4) on case5: a day-ahead run settles only the FTRs in force on its --date; an auction for a
/// period honours only the outstanding FTRs in force during it; holdings carry terms to the next auction, and a month
/// of an annual FTR can be resold.</summary>
public sealed class FtrTermTests : IDisposable
{
    private const string BidHeader = "bid,bidder,source,sink,kind,side,mw,price\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-ftrterm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Error) Run(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(ClearCommand.Create(TextWriter.Null));
        root.Subcommands.Add(FtrAuctionCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        return (CommandRunner.Invoke(root, args, error), error.ToString());
    }

    private string Market(string ftrs)
    {
        var market = Path.Combine(_dir, "market-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(market);
        File.WriteAllText(Path.Combine(market, "ftrs.csv"), ftrs);
        return market;
    }

    private (int Code, string Error, string Out) Auction(string? ftrs, string bids, params string[] extra)
    {
        var market = Market(ftrs ?? "ftr,holder,source,sink,mw,kind\n");
        Directory.CreateDirectory(market + "-bids");
        var bidsPath = Path.Combine(market + "-bids", "bids.csv");
        File.WriteAllText(bidsPath, bids);
        var outDir = Path.Combine(market, "out");
        var (code, error) = Run(["ftr-auction", "--case", TestPaths.Case("case5"), "--market", market, "--bids", bidsPath, "--out", outDir, .. extra]);
        return (code, error, outDir);
    }

    private static string[][] Rows(string dir, string file) =>
        [.. File.ReadAllLines(Path.Combine(dir, file)).Skip(1).Select(l => l.Split(','))];

    private static double Mw(string[] row, int column) => double.Parse(row[column], CultureInfo.InvariantCulture);

    [Fact]
    public void ClearSettlesOnlyFtrsInForceOnTheDate()
    {
        var market = Market("ftr,holder,source,sink,mw,kind,term_start,term_end\n" +
            "Y,alta,5,4,100,obligation,2027-01-01,2027-12-31\nF,bob,5,4,50,obligation,2027-02-01,2027-02-28\nP,carl,5,4,10,obligation,,\n");
        var outDir = Path.Combine(_dir, "march");
        var (code, error) = Run("clear", "--case", TestPaths.Case("case5"), "--market", market, "--out", outDir, "--date", "2027-03-15");
        Assert.True(code == 0, error);
        Assert.Equal(["Y", "P"], Rows(outDir, "ftr_settlement.csv").Select(r => r[0]));
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))))
        {
            Assert.Equal(1, summary.RootElement.GetProperty("ftr").GetProperty("not_in_force").GetInt32());
        }

        outDir = Path.Combine(_dir, "february");
        (code, error) = Run("clear", "--case", TestPaths.Case("case5"), "--market", market, "--out", outDir, "--date", "2027-02-28");
        Assert.True(code == 0, error);
        Assert.Equal(["Y", "F", "P"], Rows(outDir, "ftr_settlement.csv").Select(r => r[0]));

        // Without --date every FTR settles, and a note says the terms were not applied.
        outDir = Path.Combine(_dir, "undated");
        (code, error) = Run("clear", "--case", TestPaths.Case("case5"), "--market", market, "--out", outDir);
        Assert.True(code == 0, error);
        Assert.Equal(3, Rows(outDir, "ftr_settlement.csv").Length);
        Assert.Contains("have terms but the run has no --date", File.ReadAllText(Path.Combine(outDir, "summary.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-01-01,2028-01-01", "longer than a year")]
    [InlineData("2027-03-01,2027-02-01", "the end is before the start")]
    [InlineData("2027-01-01,", "both term_start and term_end")]
    [InlineData("2027-1-1,2027-02-01", "is not a date yyyy-mm-dd")]
    public void BadTermsExitTwoNamingTheLine(string term, string problem)
    {
        var market = Market("ftr,holder,source,sink,mw,kind,term_start,term_end\nY,alta,5,4,100,obligation,2027-01-01,2027-12-31\nB,bob,5,4,10,obligation," + term + "\n");
        var (code, error) = Run("clear", "--case", TestPaths.Case("case5"), "--market", market, "--out", Path.Combine(_dir, "out"), "--date", "2027-03-15");
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("ftrs.csv:3:", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void MonthlyAuctionSeesTheAnnualFtrsOfItsYearOnly()
    {
        string[] year = ["--term-start", "2027-01-01", "--term-end", "2027-12-31"];
        var (code, error, annual) = Auction(null, BidHeader + "Y1,alta,5,4,obligation,buy,1000,8\n", year);
        Assert.True(code == 0, error);
        var award = Rows(annual, "awards.csv").Single();
        var full = Mw(award, 6);
        Assert.True(full > 100, $"{full} MW");
        Assert.Equal(["2027-01-01", "2027-12-31"], award[11..13]);
        var holdings = File.ReadAllText(Path.Combine(annual, "holdings.csv"));
        Assert.StartsWith("ftr,holder,source,sink,mw,kind,term_start,term_end,settle_at\n", holdings.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(",obligation,2027-01-01,2027-12-31,bus", holdings, StringComparison.Ordinal);

        // February 2027: the annual FTR is outstanding and takes the capability; February 2028 it is not.
        string[] february = ["--term-start", "2027-02-01", "--term-end", "2027-02-28"];
        (code, error, var feb) = Auction(holdings, BidHeader + "M1,brighton,5,4,obligation,buy,1000,9\n", february);
        Assert.True(code == 0, error);
        Assert.Equal(0, Mw(Rows(feb, "awards.csv").Single(), 6), 6);
        (code, error, var feb2028) = Auction(holdings, BidHeader + "M1,brighton,5,4,obligation,buy,1000,9\n", "--term-start", "2028-02-01", "--term-end", "2028-02-29");
        Assert.True(code == 0, error);
        Assert.Equal(full, Mw(Rows(feb2028, "awards.csv").Single(), 6), 6);
        Assert.Contains(",2028-02-01,2028-02-29,bus", File.ReadAllText(Path.Combine(feb2028, "holdings.csv")), StringComparison.Ordinal);

        // alta resells 100 MW of February: its annual FTR is cut into January, February less 100 MW, March-December.
        (code, error, feb) = Auction(holdings, BidHeader + "M1,brighton,5,4,obligation,buy,100,9\nM2,alta,5,4,obligation,sell,100,7\n", february);
        Assert.True(code == 0, error);
        var after = Rows(feb, "holdings.csv").Select(r => (r[0], r[1], Math.Round(Mw(r, 4), 6), r[6], r[7])).ToList();
        Assert.Equal(
            [
                ("Y1@2027-01-01", "alta", Math.Round(full, 6), "2027-01-01", "2027-01-31"),
                ("Y1@2027-02-01", "alta", Math.Round(full - 100, 6), "2027-02-01", "2027-02-28"),
                ("Y1@2027-03-01", "alta", Math.Round(full, 6), "2027-03-01", "2027-12-31"),
                ("M1", "brighton", 100, "2027-02-01", "2027-02-28"),
            ],
            after);
    }

    [Theory]
    [InlineData("bid,bidder,source,sink,kind,side,mw,price,term_start,term_end\nM1,b,5,4,obligation,buy,10,9,2027-03-01,2027-03-31\n", "bids.csv:2:", "is not the auction's period")]
    [InlineData("bid,bidder,source,sink,kind,side,mw,price\nM1,carl,5,4,obligation,sell,10,9\n", "bids.csv:2:", "holds only 0 MW")]
    public void BidsOutsideThePeriodOrUnbackedExitTwo(string bids, string where, string problem)
    {
        // carl holds 5→4 without a term: it cannot sell one month of it.
        var (code, error, _) = Auction("ftr,holder,source,sink,mw,kind\nP,carl,5,4,10,obligation\n", bids, "--term-start", "2027-02-01", "--term-end", "2027-02-28");
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--term-start", "2027-02-01" }, "--term-start")]
    [InlineData(new[] { "--term-start", "2027-01-01", "--term-end", "2028-01-31" }, "longer than a year")]
    [InlineData(new[] { "--term-start", "2027-02-30", "--term-end", "2027-03-31" }, "not a date")]
    public void BadPeriodExitsTwo(string[] period, string problem)
    {
        var (code, error, _) = Auction(null, BidHeader + "M1,b,5,4,obligation,buy,10,9\n", period);
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }
}
