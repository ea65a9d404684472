using Gridclear.Cli.Runs;
using Gridclear.IO.Market;
using Gridclear.Market;
using Gridclear.Settlement;
using Gridclear.Tests.Market;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.Settlement;

/// <summary>
/// hubs.csv <c>basis</c> (D17): a hub on the zonal basis is priced at the weighted average of the zonal load prices of
/// its buses' zones (the zonal phase of 004); the default, <c>bus</c>, keeps the weighted average of bus LMPs (D8).
/// </summary>
public sealed class HubBasisTests
{
    private const string Hubs = "hub,bus,weight,basis\nWEST_HUB,11,2,\nWEST_HUB,13,1,\nWEST_HUB,17,1,\nEAST_HUB,80,2,zonal\nEAST_HUB,92,1,\nEAST_HUB,100,1,\nMIXED,11,1,zonal\nMIXED,80,3,zonal\n";

    [Fact]
    public void AZonalHubAveragesTheZonalLoadPricesOfItsBusesAndABusHubTheirLmps()
    {
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { ["hubs.csv"] = Hubs });
        var run = DayAheadRun.Execute(ExampleMarket.Case, market.Path, ClearingOptions.Default);

        var lmp = run.Result.Prices.ToDictionary(p => p.Bus, p => p.Lmp);
        var zones = run.Input.ZonesOf(run.Network);
        var zonal = run.Settlement!.ZonalPrices.ToDictionary(z => z.Zone, z => z.LoadPrice);
        double Zonal(int bus) => zonal[zones.Single(z => z.Buses.Contains(bus)).Id];
        var hubs = run.Hubs.ToDictionary(h => h.Hub, h => h.Price);

        Assert.Equal(((2 * lmp[11]) + lmp[13] + lmp[17]) / 4, hubs["WEST_HUB"], 12);
        Assert.Equal(((2 * Zonal(80)) + Zonal(92) + Zonal(100)) / 4, hubs["EAST_HUB"], 12);
        Assert.Equal((Zonal(11) + (3 * Zonal(80))) / 4, hubs["MIXED"], 12);

        // The bus hubs are the example's own prices: the column changes nothing for them.
        Assert.Equal(ExampleMarket.Cleared.Hubs.Single(h => h.Hub == "WEST_HUB").Price, hubs["WEST_HUB"]);
        Assert.NotEqual(ExampleMarket.Cleared.Hubs.Single(h => h.Hub == "EAST_HUB").Price, hubs["EAST_HUB"]);
    }

    [Theory]
    [InlineData("hub,bus,weight,basis\nH,11,1,zonal\nH,13,1,bus\n", 3, "hub H: basis bus contradicts the basis zonal given on an earlier row of the hub")]
    [InlineData("hub,bus,weight,basis\nH,11,1,zonl\n", 2, "column 'basis': 'zonl' is not one of bus, zonal")]
    public void ABadBasisNamesTheLine(string hubs, int line, string problem)
    {
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { ["hubs.csv"] = hubs });
        var network = ExampleMarket.Cleared.Network;

        var e = Assert.Throws<InvalidInputException>(() => MarketFolderReader.Read(market.Path, network));

        Assert.Equal(Path.Combine(market.Path, "hubs.csv"), e.Source);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AZonalHubWithoutZonalPricesIsRefused()
    {
        var hub = new Hub("H", [new HubBus(1, 1)]) { Basis = HubBasis.Zonal };
        var e = Assert.Throws<InvalidInputException>(() => HubPrices.Compute(new Dictionary<int, double> { [1] = 5 }, [hub]));
        Assert.Contains("zonal basis", e.Problem, StringComparison.Ordinal);
    }
}
