using System.Globalization;
using System.Text;
using Gridclear.Cli;
using Gridclear.Cli.Runs;
using Gridclear.Ftr;
using Gridclear.Market;
using Gridclear.Tests.Market;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.Ftr;

/// <summary>
/// Zone-to-zone FTRs (F8, F10, N4) on the example market: <c>zone:NAME@BUS</c> is defined by its reference bus, so a
/// split or a renaming of the zone leaves it valid (with a note); <c>settle_at=zone</c> settles it at the zonal load
/// prices of the zones holding its reference buses (004 Immediate phase 6).
/// </summary>
public sealed class ZoneFtrTests
{
    private const string FtrHeader = "ftr,holder,source,sink,mw,kind,settle_at\n";

    /// <summary>Regression (issue 11): a split that renamed West, or left bus 12 in a differently named zone, made
    /// the example's F5 (zone:West@12 → zone:Central@42) exit 2.</summary>
    [Theory]
    [InlineData("renamed")]
    [InlineData("split")]
    public void ZoneFtrStaysValidAcrossASplitWithANote(string change)
    {
        var zones = Redraw(change == "renamed" ? bus => bus.Zone == "West" ? "Pacific" : bus.Zone : bus => bus.Zone == "West" && bus.Id <= 16 ? "WestNorth" : bus.Zone);
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { ["zones.csv"] = zones });
        var run = DayAheadRun.Execute(ExampleMarket.Case, market.Path, ClearingOptions.Default);

        var before = ExampleMarket.Cleared.Ftrs!.Lines.Single(l => l.Ftr == "F5");
        var after = run.Ftrs!.Lines.Single(l => l.Ftr == "F5");
        Assert.Equal(before, after); // settled at the same reference buses
        var expected = change == "renamed" ? "in zone 'Pacific', not in zone 'West'" : "in zone 'WestNorth', not in zone 'West'";
        Assert.Contains(run.Result.Notes, n => n.Contains("zone:West@12", StringComparison.Ordinal) && n.Contains(expected, StringComparison.Ordinal) && n.Contains("ftrs.csv:6", StringComparison.Ordinal));
        Assert.Equal(0m, run.Settlement!.Lines.Sum(l => l.Amount));
    }

    [Fact]
    public void SettleAtZoneUsesZonalLoadPricesAndReportsTheBasis()
    {
        var ftrs = FtrHeader + "Z1,WestPower,zone:West@12,zone:East@80,20,obligation,zone\nZ2,WestPower,zone:West@12,zone:East@80,20,obligation,bus\n";
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { ["ftrs.csv"] = ftrs });
        var run = DayAheadRun.Execute(ExampleMarket.Case, market.Path, ClearingOptions.Default);

        var zonal = run.Settlement!.ZonalPrices.ToDictionary(z => z.Zone, z => z.LoadPrice);
        var lmp = run.Result.Prices.ToDictionary(p => p.Bus, p => p.Lmp);
        var z1 = run.Ftrs!.Lines.Single(l => l.Ftr == "Z1");
        var z2 = run.Ftrs.Lines.Single(l => l.Ftr == "Z2");
        Assert.Equal(FtrSettleAt.Zone, z1.SettleAt);
        Assert.Equal(zonal["West"], z1.SourcePrice);
        Assert.Equal(zonal["East"], z1.SinkPrice);
        Assert.Equal(Cents((zonal["East"] - zonal["West"]) * 20), z1.Target);
        Assert.Equal(lmp[12], z2.SourcePrice);
        Assert.Equal(lmp[80], z2.SinkPrice);
        Assert.NotEqual(z1.Target, z2.Target);

        // Revenue adequacy accounts for the zonal part apart: its targets, and what the same FTRs are owed at buses.
        Assert.Equal(z1.Target, run.Ftrs.ZonalTargets);
        Assert.Equal(z2.Target, run.Ftrs.ZonalTargetsAtBuses);
        Assert.Equal(z1.Target - z2.Target, run.Ftrs.ZonalBasis);
        Assert.Equal(0m, run.Settlement.Lines.Sum(l => l.Amount));
    }

    /// <summary>After East is split, zone:East@80 settles at the load price of the zone now holding bus 80 (the
    /// reference bus "defines its new destination zone", 004 Immediate phase 6), with a note.</summary>
    [Fact]
    public void SettleAtZoneAfterASplitUsesTheZoneOfTheReferenceBus()
    {
        var ftrs = FtrHeader + "Z1,WestPower,zone:West@12,zone:East@80,20,obligation,zone\n";
        var zones = Redraw(bus => bus.Zone == "East" ? (bus.Id <= 90 ? "EastNorth" : "EastSouth") : bus.Zone);
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { ["ftrs.csv"] = ftrs, ["zones.csv"] = zones });
        var run = DayAheadRun.Execute(ExampleMarket.Case, market.Path, ClearingOptions.Default);

        var zonal = run.Settlement!.ZonalPrices.ToDictionary(z => z.Zone, z => z.LoadPrice);
        var z1 = run.Ftrs!.Lines.Single();
        Assert.Equal(zonal["EastNorth"], z1.SinkPrice);
        Assert.Equal(zonal["West"], z1.SourcePrice);
        Assert.Contains(run.Result.Notes, n => n.Contains("zone:East@80", StringComparison.Ordinal) && n.Contains("'EastNorth'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Z1,h,12,80,20,obligation,zone\n", "'zone' needs a zone:NAME@BUS")]
    [InlineData("Z1,h,zone:West@12,80,20,obligation,nodal\n", "is not 'bus' or 'zone'")]
    public void BadSettleAtExitsTwoNamingTheLine(string row, string problem)
    {
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { ["ftrs.csv"] = FtrHeader + row });
        using var output = new TempFolder(new Dictionary<string, string>());
        var (code, _, error) = ClearCli.Run("--case", ExampleMarket.Case, "--market", market.Path, "--out", Path.Combine(output.Path, "out"));
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("ftrs.csv:2:", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    private static decimal Cents(double v) => Math.Round((decimal)v, 2, MidpointRounding.AwayFromZero);

    private sealed record Bus(string Zone, int Id);

    private static string Redraw(Func<Bus, string> zoneOf)
    {
        var text = new StringBuilder("zone,bus\n");
        foreach (var line in File.ReadAllLines(Path.Combine(ExampleMarket.Folder, "zones.csv")).Skip(1).Where(l => l.Length > 0))
        {
            var parts = line.Split(',');
            var id = int.Parse(parts[1], CultureInfo.InvariantCulture);
            text.Append(zoneOf(new Bus(parts[0], id))).Append(',').Append(id).Append('\n');
        }

        return text.ToString();
    }
}
