using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Designs.FlowPaths;
using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.FlowPaths;

/// <summary>
/// <c>clear --design flowpath</c> by hand, on the flow-path example's network (triangle 1-2-3 of equal reactances, bus 4
/// off bus 3, reference 3) with line 3-4 rated 80 MW. Zones W = {1}, E = {2, 3, 4}; path WE = lines 1-2 and 1-3 (the
/// cut around bus 1), rating 120. Every MW injected at bus 1 crosses WE (FDF 1), no MW injected in E does (FDF 0: what
/// 2 sends through 1 comes back), so the commercial model is exact on WE and blind to 3-4.
/// <para>G1 (bus 1) offers at 10, G3 (bus 3) at 30, G4 (bus 4) at 40; 100 MW of load at 2 and at 4. Commercial model:
/// G1 120 (WE full), G3 80, G4 0; prices 10 in W and 30 in E, WE's shadow price 20; loads pay 6000, generators get
/// 1200 + 2400, rent 2400 = 20 × 120. On the full network line 3-4 carries all 100 MW of bus 4's load: the operator
/// runs G4 20 MW (at 40) and backs G3 off 20 MW (saving 30): its redispatch costs 20 × (40 − 30) = 200 $.</para>
/// </summary>
public sealed class FlowPathDesignTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-fpdesign-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Case()
    {
        var text = File.ReadAllText(FlowPathCli.ExampleCase).Replace("\t3\t4\t0\t0.1\t0\t0\t", "\t3\t4\t0\t0.1\t0\t80\t", StringComparison.Ordinal);
        Assert.Contains("\t3\t4\t0\t0.1\t0\t80\t", text, StringComparison.Ordinal);
        var path = Path.Combine(_dir, "network.m");
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, string> Market() => new()
    {
        ["resources.csv"] = "resource,participant,bus,kind,settlement\nG1,west,1,generator,nodal\nG3,east,3,generator,nodal\nG4,peaker,4,generator,nodal\nL2,city,2,load,nodal\nL4,town,4,load,nodal\n",
        ["offers.csv"] = "resource,segment,mw,price\nG1,1,300,10\nG3,1,300,30\nG4,1,300,40\n",
        ["demand.csv"] = "resource,mw\nL2,100\nL4,100\n",
        ["zones.csv"] = "zone,bus\nW,1\nE,2\nE,3\nE,4\n",
        ["flowpaths.csv"] = "path,from_bus,to_bus,weight,rating\nWE,1,2,1,120\nWE,1,3,1,120\n",
        ["thresholds.csv"] = "parameter,value\nW,5\nX,5\nY,20\nZ,20\n",
        ["schedules.csv"] = "schedule,participant,bus,mw,balanced\nS1,trader,1,30,true\nS1,trader,2,-30,true\n",
        ["path_rights.csv"] = "holder,path,mw\ntrader,WE,30\n",
    };

    private (int Code, string Error) Clear(string market, string outDir, params string[] extra)
    {
        var root = new RootCommand();
        root.Subcommands.Add(ClearCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        var code = CommandRunner.Invoke(root, ["clear", "--case", Case(), "--market", market, "--out", outDir, "--design", "flowpath", .. extra], error);
        return (code, error.ToString());
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static decimal Money(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void CommercialModelThenRedispatchByHand()
    {
        var files = Market();
        files.Remove("schedules.csv");
        using var market = new TempFolder(files);
        var outDir = Path.Combine(_dir, "out");
        var (code, error) = Clear(market.Path, outDir);
        Assert.True(code == 0, error);

        var lmp = FlowPathCli.Rows(Path.Combine(outDir, "lmp.csv")).ToDictionary(r => r["bus"], r => Number(r["lmp"]));
        Assert.Equal(10, lmp["1"], 1e-6);
        foreach (var bus in new[] { "2", "3", "4" })
        {
            Assert.Equal(30, lmp[bus], 1e-6); // one price in zone E: the commercial model cannot see 3-4
        }

        var path = Assert.Single(FlowPathCli.Rows(Path.Combine(outDir, "constraints.csv")), r => r["kind"] == "interface");
        Assert.Equal(("WE", 120.0, 20.0), (path["constraint"], Number(path["limit"]), Number(path["shadow_price"])));

        var dispatch = FlowPathCli.Rows(Path.Combine(outDir, "dispatch.csv")).ToDictionary(r => r["resource"], r => Number(r["mw"]));
        Assert.Equal((120, 80, 0), (Math.Round(dispatch["G1"], 6), Math.Round(dispatch["G3"], 6), Math.Round(dispatch["G4"], 6)));

        var redispatch = FlowPathCli.Rows(Path.Combine(outDir, "redispatch.csv")).ToDictionary(r => r["resource"]);
        Assert.Equal(-20, Number(redispatch["G3"]["change_mw"]), 1e-6);
        Assert.Equal(20, Number(redispatch["G4"]["change_mw"]), 1e-6);
        Assert.Equal((-600m, 800m, 0m), (Money(redispatch["G3"]["amount"]), Money(redispatch["G4"]["amount"]), Money(redispatch["G1"]["amount"])));
        var full = FlowPathCli.Rows(Path.Combine(outDir, "redispatch_constraints.csv"));
        Assert.Contains(full, r => r["constraint"] == "3-4" && Number(r["flow"]) == 80);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("flowpath", summary.RootElement.GetProperty("design").GetString());
        Assert.Equal(200m, summary.RootElement.GetProperty("redispatch").GetProperty("cost").GetDecimal());

        // The settlement: commercial energy at zonal prices, the redispatch paid at offers by the operator; sums to 0.
        var settlement = FlowPathCli.Rows(Path.Combine(outDir, "settlement.csv"));
        Assert.Equal(0m, settlement.Sum(r => Money(r["amount"])));
        Assert.Equal(-200m, settlement.Where(r => r["participant"] == "operator" && r["charge"] == OperatorRedispatch.OperatorCharge).Sum(r => Money(r["amount"])));
        Assert.Equal(800m, settlement.Where(r => r["participant"] == "peaker" && r["charge"] == OperatorRedispatch.Charge).Sum(r => Money(r["amount"])));
        Assert.Equal(2400m, settlement.Where(r => r["participant"] == "operator" && r["charge"] == "congestion_rent").Sum(r => Money(r["amount"])));
    }

    [Fact]
    public void PathRightsAllocatesTheRedispatchAsIntraZonalCost()
    {
        using var market = new TempFolder(Market());
        var outDir = Path.Combine(_dir, "da");
        var (code, error) = Clear(market.Path, outDir);
        Assert.True(code == 0, error);

        var rightsOut = Path.Combine(_dir, "rights");
        var (rc, _, rerror) = FlowPathCli.Run("path-rights", "--case", Case(), "--market", market.Path, "--prices", outDir, "--out", rightsOut);
        Assert.True(rc == 0, rerror);
        var settlement = FlowPathCli.Rows(Path.Combine(rightsOut, "path_settlement.csv"));
        Assert.Equal(0m, settlement.Sum(r => Money(r["amount"])));
        // S1 (30 MW, covered) is the only schedule: it bears the operator's 200 $ redispatch as intra-zonal uplift.
        Assert.Equal(200m, settlement.Where(r => r["participant"] == "operator" && r["charge"] == "intra_zonal_cost").Sum(r => Math.Abs(Money(r["amount"]))));
        Assert.Equal(-200m, settlement.Where(r => r["participant"] == "trader").Sum(r => Money(r["amount"])));
    }

    /// <summary>
    /// <c>path-rights --suggest</c> (P1, N6) on the run above: WE's rent 20 × 120 = 2400 $ in the commercial model, line
    /// 3-4's 10 × 80 = 800 $ in the redispatch (bus 4 at 40, bus 3 at 30), 25 % of the 3200 $: zone E holds
    /// commercially significant internal congestion.
    /// </summary>
    [Fact]
    public void SuggestRanksCongestionAndSaysWhichZoneToSplit()
    {
        var files = Market();
        files.Remove("schedules.csv");
        files.Remove("path_rights.csv");
        using var market = new TempFolder(files);
        var da = Path.Combine(_dir, "da");
        var (code, error) = Clear(market.Path, da);
        Assert.True(code == 0, error);

        var outDir = Path.Combine(_dir, "suggest");
        var (rc, output, rerror) = FlowPathCli.Run("path-rights", "--case", Case(), "--market", market.Path, "--suggest", da, "--out", outDir);
        Assert.True(rc == 0, rerror);
        var rows = FlowPathCli.Rows(Path.Combine(outDir, "suggestions.csv"));
        Assert.Equal(("WE", "interface", 2400.0, "on flow path WE"), (rows[0]["element"], rows[0]["kind"], Number(rows[0]["rent"]), rows[0]["suggestion"]));
        Assert.Equal(("3-4", "intra_zonal", "E", 800.0, 0.25), (rows[1]["element"], rows[1]["scope"], rows[1]["zone"], Number(rows[1]["rent"]), Number(rows[1]["share"])));
        Assert.StartsWith("split zone E", rows[1]["suggestion"], StringComparison.Ordinal);
        var zone = Assert.Single(FlowPathCli.Rows(Path.Combine(outDir, "zone_congestion.csv")));
        Assert.Equal(("E", "true"), (zone["zone"], zone["split"]));
        Assert.Contains("zone E", output, StringComparison.Ordinal);

        // At a 30 % significance the line is no longer significant, nor the zone.
        (rc, _, rerror) = FlowPathCli.Run("path-rights", "--case", Case(), "--market", market.Path, "--suggest", da, "--significance", "30", "--out", outDir);
        Assert.True(rc == 0, rerror);
        Assert.Equal("not significant", FlowPathCli.Rows(Path.Combine(outDir, "suggestions.csv"))[1]["suggestion"]);
        Assert.Equal("false", Assert.Single(FlowPathCli.Rows(Path.Combine(outDir, "zone_congestion.csv")))["split"]);
    }

    [Fact]
    public void ZoneFactorsAreLoadWeightedAndBalancedInjectionsIgnoreTheReference()
    {
        var powerCase = MatpowerReader.ReadFile(FlowPathCli.ExampleCase);
        var network = NetworkCompiler.Compile(powerCase).Network;
        using var sf = new ShiftFactors(network, new KluSolver());
        var paths = FlowPathFiles.ReadFlowPaths(Path.Combine(FlowPathCli.Example, "flowpaths.csv"), network, powerCase);
        var zones = new[] { new Zone("A", [1, 4]), new Zone("B", [2]), new Zone("C", [3]) };
        var model = new CommercialModel(new FlowDistributionFactors(sf, paths), zones, [50, 0, 0, 150]);

        // P12 (line 1-2): bus 1 +1/3, bus 4 0 (off the reference) → zone A (50·1/3 + 150·0)/200 = 1/12; zone B −1/3.
        Assert.Equal(1.0 / 12, model.ZoneFactors[0][0], 12);
        Assert.Equal(-1.0 / 3, model.ZoneFactors[0][1], 12);
        Assert.Equal(4, model.Nomograms.Count);
        Assert.True(model.Network.Branches.All(b => !b.IsLimited));
    }
}
