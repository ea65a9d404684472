using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Cli.Runs;
using Gridclear.Ftr;
using Gridclear.Tests.FlowPaths;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.Ftr;

/// <summary>
/// Flowgate and nomogram rights (F9) auctioned beside point-to-point FTRs and settled in the day-ahead run, on the
/// flow-path example's network (a triangle 1-2-3 of equal reactances, bus 4 off bus 3, reference 3). By hand: 1 MW
/// from 1 to 2 puts 2/3 MW on line 1-2 (path P12, 60 MW) and nothing on 3-4; 1 MW from 3 to 4 puts 1 MW on 3-4
/// (nomogram N34: flow 3-4 ≤ 80).
/// <para>Auction: P12 holds F1 (flowgate, 50 MW at 10 $/MW: 10 $ per MW of capacity) and O1 (1→2, 100 MW at 3: 4.5 $
/// per MW of capacity), so F1 is awarded 50 and O1 (60 − 50)·3/2 = 15 MW; P12's price is O1's 4.5 $/MW, F1 pays 4.5,
/// O1 2/3 × 4.5 = 3. N34 holds NR (nomogram, 30 at 6) and O2 (3→4, 100 at 2): NR 30, O2 50, price 2. Revenue
/// 50·4.5 + 15·3 + 30·2 + 50·2 = 430.</para>
/// <para>Day ahead: G1 (bus 1, 10 $/MWh), G3 (bus 3, 30), G4 (bus 4, 40), 100 MW of load at buses 2 and 4. 3-4 carries
/// at most 80, so G4 runs 20 MW; flow 1-2 = P1/3 + 100/3 ≤ 60 holds G1 to 80, G3 runs 100. Prices: 30 at bus 3, 40 at
/// 4 (N34's shadow price 10), 10 at bus 1 = 30 − μ/3 so P12's μ = 60, bus 2 = 30 + 60/3 = 50. The rights are owed
/// F1 50 × 60 = 3000, O1 15 × 40 = 600, NR 30 × 10 = 300, O2 50 × 10 = 500: 4400, exactly the congestion rent
/// 60 × 60 + 10 × 80 (both constraints are full of rights).</para>
/// </summary>
public sealed class FlowgateRightsTests : IDisposable
{
    private const string BidsHeader = "bid,bidder,source,sink,kind,side,mw,price\n";

    private const string Bids = BidsHeader +
        "F1,fay,P12,,flowgate,buy,50,10\n" +
        "O1,otto,1,2,obligation,buy,100,3\n" +
        "NR,nora,N34,,nomogram,buy,30,6\n" +
        "O2,olga,3,4,obligation,buy,100,2\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-flowgate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, string> Market(bool pathInInterfaces = true)
    {
        var files = new Dictionary<string, string>
        {
            ["resources.csv"] = "resource,participant,bus,kind,settlement\nG1,gen1,1,generator,nodal\nG3,gen3,3,generator,nodal\nG4,gen4,4,generator,nodal\nL2,load2,2,load,nodal\nL4,load4,4,load,nodal\n",
            ["offers.csv"] = "resource,segment,mw,price\nG1,1,300,10\nG3,1,300,30\nG4,1,300,40\n",
            ["demand.csv"] = "resource,mw\nL2,100\nL4,100\n",
            ["nomograms.csv"] = "nomogram,term,coefficient,limit\nN34,flow:3-4,1,80\n",
            ["flowpaths.csv"] = "path,from_bus,to_bus,weight,rating\nP12,1,2,1,60\n",
        };
        if (pathInInterfaces)
        {
            files["interfaces.csv"] = "interface,from_bus,to_bus,weight,limit\nP12,1,2,1,60\n";
        }

        return files;
    }

    private (int Code, string Error, string Out) Run(string verb, string market, params string[] extra)
    {
        var root = new RootCommand();
        root.Subcommands.Add(FtrAuctionCommand.Create(TextWriter.Null));
        root.Subcommands.Add(ClearCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        var outDir = Path.Combine(_dir, verb + "-out");
        var code = CommandRunner.Invoke(root, [verb, "--case", FlowPathCli.ExampleCase, "--market", market, "--out", outDir, .. extra], error);
        return (code, error.ToString(), outDir);
    }

    private string WriteBids(string text)
    {
        var path = Path.Combine(_dir, "bids.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void AuctionAwardsFlowgateNomogramAndPointToPointRightsTogether()
    {
        using var market = new TempFolder(Market());
        var (code, error, outDir) = Run("ftr-auction", market.Path, "--bids", WriteBids(Bids));
        Assert.True(code == 0, error);

        var awards = FlowPathCli.Rows(Path.Combine(outDir, "awards.csv")).ToDictionary(r => r["bid"]);
        Assert.Equal(("flowgate", "P12", ""), (awards["F1"]["kind"], awards["F1"]["source"], awards["F1"]["sink"]));
        Assert.Equal("nomogram", awards["NR"]["kind"]);
        (string Bid, double Mw, double Price)[] expected = [("F1", 50, 4.5), ("O1", 15, 3), ("NR", 30, 2), ("O2", 50, 2)];
        foreach (var (bid, mw, price) in expected)
        {
            Assert.Equal(mw, Number(awards[bid]["mw"]), 1e-6);
            Assert.Equal(price, Number(awards[bid]["price"]), 1e-6);
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(430m, summary.RootElement.GetProperty("revenue").GetDecimal());

        // holdings.csv is an ftrs.csv: the rights keep their kind and path, no sink.
        var holdings = File.ReadAllLines(Path.Combine(outDir, "holdings.csv"));
        Assert.Contains("F1,fay,P12,,50,flowgate,,,bus", holdings);
        Assert.Contains("NR,nora,N34,,30,nomogram,,,bus", holdings);
    }

    [Theory]
    [InlineData(FtrFormulation.Angle)]
    [InlineData(FtrFormulation.ShiftFactor)]
    public void BothFormulationsAwardTheSame(FtrFormulation formulation)
    {
        using var market = new TempFolder(Market());
        var run = FtrAuctionRun.Execute(FlowPathCli.ExampleCase, market.Path, WriteBids(Bids), null, new FtrAuctionOptions(Formulation: formulation));
        Assert.Equal([50, 15, 30, 50], run.Result.Awards.Select(a => Math.Round(a.AwardedMw, 6)));
        Assert.Equal([4.5, 3, 2, 2], run.Result.Awards.Select(a => Math.Round(a.ClearingPrice, 6)));
        Assert.Equal(430m, run.Result.Revenue);
    }

    [Fact]
    public void APathOnlyInFlowpathsIsMonitoredForItsRights()
    {
        using var market = new TempFolder(Market(pathInInterfaces: false));
        var run = FtrAuctionRun.Execute(FlowPathCli.ExampleCase, market.Path, WriteBids(Bids), null, FtrAuctionOptions.Default);
        Assert.Equal(50, run.Result.Awards[0].AwardedMw, 6);
        Assert.Equal(15, run.Result.Awards[1].AwardedMw, 6);
        Assert.Contains(run.Notes, n => n.Contains("flow path P12 is not in interfaces.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void DayAheadSettlesTheMixWithinTheCongestionRent()
    {
        using var auctionMarket = new TempFolder(Market());
        var (code, error, auctionOut) = Run("ftr-auction", auctionMarket.Path, "--bids", WriteBids(Bids));
        Assert.True(code == 0, error);

        var files = Market();
        files["ftrs.csv"] = File.ReadAllText(Path.Combine(auctionOut, "holdings.csv"));
        using var market = new TempFolder(files);
        (code, error, var outDir) = Run("clear", market.Path);
        Assert.True(code == 0, error);

        var rows = FlowPathCli.Rows(Path.Combine(outDir, "ftr_settlement.csv")).ToDictionary(r => r["ftr"]);
        Assert.Equal(("flowgate", ""), (rows["F1"]["kind"], rows["F1"]["sink_price"]));
        Assert.Equal(60, Number(rows["F1"]["source_price"]), 1e-6); // P12's shadow price
        Assert.Equal("3000.00", rows["F1"]["amount"]);
        Assert.Equal("600.00", rows["O1"]["amount"]);
        Assert.Equal(("nomogram", "300.00"), (rows["NR"]["kind"], rows["NR"]["amount"]));
        Assert.Equal(10, Number(rows["NR"]["source_price"]), 1e-6);
        Assert.Equal("500.00", rows["O2"]["amount"]);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var ftr = summary.RootElement.GetProperty("ftr");
        Assert.Equal(4400m, ftr.GetProperty("congestion_rent").GetDecimal());
        Assert.Equal(4400m, ftr.GetProperty("net_paid").GetDecimal());
        Assert.True(ftr.GetProperty("adequate").GetBoolean());

        var settlement = FlowPathCli.Rows(Path.Combine(outDir, "settlement.csv"));
        Assert.Equal(0m, settlement.Sum(r => decimal.Parse(r["amount"], CultureInfo.InvariantCulture)));
        Assert.Equal(3000m, settlement.Where(r => r["participant"] == "fay").Sum(r => decimal.Parse(r["amount"], CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("X,x,P99,,flowgate,buy,10,1\n", "is not a flow path of flowpaths.csv")]
    [InlineData("X,x,N99,,nomogram,buy,10,1\n", "is not a nomogram of nomograms.csv")]
    [InlineData("X,x,P12,2,flowgate,buy,10,1\n", "has no sink")]
    [InlineData("X,x,N34,,flowgate,buy,10,1\n", "is not a flow path")]
    [InlineData("X,x,P12,,flowgate,sell,10,1\n", "holds only 0 MW")]
    public void BadRightsExitTwoWithTheLine(string row, string problem)
    {
        using var market = new TempFolder(Market());
        var (code, error, _) = Run("ftr-auction", market.Path, "--bids", WriteBids(BidsHeader + "A,x,1,2,obligation,buy,5,1\n" + row));
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("bids.csv:3:", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownPathInFtrsExitsTwoInTheDayAhead()
    {
        var files = Market();
        files["ftrs.csv"] = "ftr,holder,source,sink,mw,kind\nF1,fay,P12,,10,flowgate\nF2,fay,P13,,10,flowgate\n";
        using var market = new TempFolder(files);
        var (code, error, _) = Run("clear", market.Path);
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("ftrs.csv:3:", error, StringComparison.Ordinal);
    }
}
