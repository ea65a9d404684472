using System.CommandLine;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Ftr;

/// <summary>The <c>ftr-auction</c> verb end to end on the shared case5, and its bad-input contract (exit 2 with file,
/// line and problem).</summary>
public sealed class FtrAuctionCliTests : IDisposable
{
    private const string Header = "bid,bidder,source,sink,kind,side,mw,price\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-ftr-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Error) Run(string bids, string? ftrs = null, string? hubs = null, params string[] extra)
    {
        var market = Path.Combine(_dir, "market");
        Directory.CreateDirectory(market);
        if (ftrs is not null)
        {
            File.WriteAllText(Path.Combine(market, "ftrs.csv"), ftrs);
        }

        if (hubs is not null)
        {
            File.WriteAllText(Path.Combine(market, "hubs.csv"), hubs);
        }

        var bidsPath = Path.Combine(_dir, "bids.csv");
        File.WriteAllText(bidsPath, bids);
        var root = new RootCommand();
        root.Subcommands.Add(FtrAuctionCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        var code = CommandRunner.Invoke(root, ["ftr-auction", "--case", TestPaths.Case("case5"), "--market", market, "--bids", bidsPath, "--out", Path.Combine(_dir, "out"), .. extra], error);
        return (code, error.ToString());
    }

    [Fact]
    public void AnnualAwardsFeedTheMonthlyAuction()
    {
        var (code, error) = Run(Header + "Y1,alta,5,4,obligation,buy,1000,8\nY2,hubber,WEST,4,option,buy,10,1\n", hubs: "hub,bus,weight\nWEST,1,1\nWEST,5,3\n");
        Assert.True(code == 0, error);
        var outDir = Path.Combine(_dir, "out");
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))))
        {
            Assert.Equal(1, summary.RootElement.GetProperty("binding_constraints").GetInt32());
        }

        var prices = File.ReadAllLines(Path.Combine(outDir, "prices.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
        var award = File.ReadAllLines(Path.Combine(outDir, "awards.csv"))[1].Split(',');
        Assert.Equal(prices["4"] - prices["5"], double.Parse(award[7], System.Globalization.CultureInfo.InvariantCulture), 1e-9);

        // holdings.csv is an ftrs.csv: the monthly auction honours it, and the holder can resell.
        var holdings = File.ReadAllText(Path.Combine(outDir, "holdings.csv"));
        (code, error) = Run(Header + "M1,brighton,5,4,obligation,buy,100,9\nM2,alta,5,4,obligation,sell,100,7\n", holdings, "hub,bus,weight\nWEST,1,1\nWEST,5,3\n");
        Assert.True(code == 0, error);
        var monthly = File.ReadAllLines(Path.Combine(outDir, "awards.csv"));
        Assert.StartsWith("M1,brighton,5,4,obligation,buy,100,", monthly[1], StringComparison.Ordinal);
        Assert.StartsWith("M2,alta,5,4,obligation,sell,100,", monthly[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A,x,99,4,obligation,buy,10,1\n", "bids.csv:2:", "bus 99 is not in the network")]
    [InlineData("A,x,5,4,obligation,buy,10,1\nB,x,5,4,obligation,buy,0,1\n", "bids.csv:3:", "must be positive")]
    [InlineData("A,x,5,4,obligaton,buy,10,1\n", "bids.csv:2:", "is not 'obligation' or 'option'")]
    [InlineData("A,x,5,4,option,bye,10,1\n", "bids.csv:2:", "is not 'buy' or 'sell'")]
    [InlineData("A,x,5,5,option,buy,10,1\n", "bids.csv:2:", "are the same location")]
    [InlineData("A,x,5,4,option,sell,10,1\n", "bids.csv:2:", "holds only 0 MW")]
    [InlineData("A,x,5,4,option,buy,10,1\nA,y,5,4,option,buy,10,1\n", "bids.csv:3:", "appears twice")]
    [InlineData("A,x,5,4,obligation,buy,10,1\nB,x,5,4,obligation,buy,10,1e308\n", "bids.csv:3:", "column 'price'")]
    [InlineData("A,x,5,4,obligation,buy,10,-2e9\n", "bids.csv:2:", "beyond the limit")]
    [InlineData("A,x,5,4,obligation,buy,1e28,1\n", "bids.csv:2:", "column 'mw'")]
    public void BadBidsExitTwoWithFileLineAndProblem(string rows, string where, string problem)
    {
        var (code, error) = Run(Header + rows);
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")), "nothing is written on bad input");
    }

    /// <summary>Regression (issue 11): an --arrs file that does not exist was silently ignored.</summary>
    [Fact]
    public void MissingArrsFileExitsTwoNamingIt()
    {
        var missing = Path.Combine(_dir, "no-such-arrs.csv");
        var (code, error) = Run(Header + "A,x,5,4,obligation,buy,10,1\n", null, null, "--arrs", missing);
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void InfeasibleOutstandingSetExitsTwo()
    {
        var (code, error) = Run(Header, "ftr,holder,source,sink,mw,kind\nF1,alta,5,4,600,obligation\n");
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("ftrs.csv", error, StringComparison.Ordinal);
        Assert.Contains("not simultaneously feasible", error, StringComparison.Ordinal);
        Assert.Contains("4-5", error, StringComparison.Ordinal);
    }
}
