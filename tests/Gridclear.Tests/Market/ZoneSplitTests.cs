using System.Text;
using Gridclear.Cli.Runs;
using Gridclear.Market;

namespace Gridclear.Tests.Market;

/// <summary>
/// Zones are redrawn without touching the bus-level model (N4, 004 Immediate Phase 5-6): splitting the example's East
/// zone in two changes zonal prices and settlements, and nothing of the clearing: every bus price and every dispatch
/// is identical bit for bit, and hub prices (defined by buses) do not move.
/// </summary>
public sealed class ZoneSplitTests
{
    [Fact]
    public void Splitting_a_zone_changes_zonal_prices_and_settlements_but_no_bus_price_dispatch_or_hub_price()
    {
        var before = ExampleMarket.Cleared;
        using var split = ExampleMarket.CopyWith(new Dictionary<string, string> { ["zones.csv"] = SplitEast(File.ReadAllText(Path.Combine(ExampleMarket.Folder, "zones.csv"))) });
        var after = DayAheadRun.Execute(ExampleMarket.Case, split.Path, ClearingOptions.Default);

        Assert.Equal(before.Result.Prices.Select(p => (p.Bus, Bits(p.Lmp), Bits(p.Energy), Bits(p.Congestion))),
            after.Result.Prices.Select(p => (p.Bus, Bits(p.Lmp), Bits(p.Energy), Bits(p.Congestion))));
        Assert.Equal(before.Result.Awards.Select(a => (a.Resource, Bits(a.Mw))), after.Result.Awards.Select(a => (a.Resource, Bits(a.Mw))));
        Assert.Equal(before.Result.Schedules.SelectMany(s => s.Legs).Select(l => Bits(l.Mw)), after.Result.Schedules.SelectMany(s => s.Legs).Select(l => Bits(l.Mw)));
        Assert.Equal(before.Hubs.Select(h => (h.Hub, Bits(h.Price))), after.Hubs.Select(h => (h.Hub, Bits(h.Price))));

        var zonesBefore = before.Settlement!.ZonalPrices;
        var zonesAfter = after.Settlement!.ZonalPrices;
        Assert.Equal(["West", "Central", "East"], zonesBefore.Select(z => z.Zone));
        Assert.Equal(["West", "Central", "EastNorth", "EastSouth"], zonesAfter.Select(z => z.Zone));
        Assert.Equal(zonesBefore[0], zonesAfter[0]);
        var east = zonesBefore[2];
        Assert.Contains(zonesAfter.Skip(2), z => z.LoadPrice != east.LoadPrice);

        // EastGrid's zonal loads now pay two prices instead of one; the run still sums to zero.
        Assert.NotEqual(Lines(before, "EastGrid"), Lines(after, "EastGrid"));
        Assert.Equal(Lines(before, "RiverHydro"), Lines(after, "RiverHydro")); // nodal generators only
        Assert.Equal(0m, after.Settlement.Lines.Sum(l => l.Amount));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static string Lines(DayAheadRun run, string participant) =>
        string.Join("\n", run.Settlement!.Lines.Where(l => l.Participant == participant).Select(l => $"{l.Charge},{l.Amount},{l.Detail}"));

    /// <summary>East (68-112, 116, 118) becomes EastNorth (68-90) and EastSouth (the rest).</summary>
    private static string SplitEast(string zones)
    {
        var text = new StringBuilder();
        foreach (var line in zones.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(',');
            if (parts[0] == "East")
            {
                var bus = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                parts[0] = bus <= 90 ? "EastNorth" : "EastSouth";
            }

            text.Append(string.Join(',', parts)).Append('\n');
        }

        return text.ToString();
    }
}
