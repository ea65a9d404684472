using Gridclear.Cli.Runs;
using Gridclear.Market;
using Gridclear.Tests.Market;
using Gridclear.Tests.MarketFolder;
using static Gridclear.Tests.RealTime.DayMarkets;

namespace Gridclear.Tests.Reserves;

/// <summary>caps.csv (M1) and must_offer (M5) on the reserve test market of <see cref="ReserveMarketTests"/> (a
/// triangle where reserve scarcity lifts bus 3 to 68 $/MWh, East's reserve to 20 and the system's to 2).</summary>
public sealed class PriceCapTests
{
    private const double Tolerance = 1e-6;

    private static DayAheadRun Run(Dictionary<string, string> files)
    {
        using var folder = new TempFolder(files);
        var casePath = Path.Combine(folder.Path, "tri.m");
        File.WriteAllText(casePath, ReserveMarketTests.Case);
        return DayAheadRun.Execute(casePath, folder.Path, ClearingOptions.Default);
    }

    private static (int Code, string Error) Cli(Dictionary<string, string> files)
    {
        using var folder = new TempFolder(files);
        var casePath = Path.Combine(folder.Path, "tri.m");
        File.WriteAllText(casePath, ReserveMarketTests.Case);
        var outDir = Path.Combine(folder.Path, "out");
        var (code, _, error) = ClearCli.Run("--case", casePath, "--market", folder.Path, "--out", outDir);
        Assert.True(code != 2 || !Directory.Exists(outDir), "nothing is written on bad input");
        return (code, error);
    }

    private static Dictionary<string, string> With(string caps, params (string File, string Text)[] more)
    {
        var files = new Dictionary<string, string>(ReserveMarketTests.Folder) { ["caps.csv"] = "market,service,cap\n" + caps };
        foreach (var (file, text) in more)
        {
            files[file] = text;
        }

        return files;
    }

    [Fact]
    public void An_energy_cap_below_a_congested_price_caps_that_bus_and_leaves_the_dispatch()
    {
        var free = Run(new Dictionary<string, string>(ReserveMarketTests.Folder));
        var capped = Run(With("day-ahead,energy,60\nreal-time,energy,1\n"));
        Assert.Equal(68, free.Result.Prices[2].Lmp, Tolerance);
        for (var i = 0; i < 3; i++)
        {
            var p = capped.Result.Prices[i];
            Assert.True(p.Lmp <= 60 + Tolerance, $"bus {p.Bus} at {p.Lmp}");
            Assert.Equal(Math.Min(60, free.Result.Prices[i].Lmp), p.Lmp, Tolerance);
            Assert.Equal(p.Lmp, p.Energy + p.Congestion + p.Loss, Tolerance);
            Assert.Equal(free.Result.Awards[i].Mw, capped.Result.Awards[i].Mw, Tolerance);
        }

        Assert.Contains(capped.Result.Notes, n => n.StartsWith("energy price capped at 60", StringComparison.Ordinal));
        Assert.All(capped.Settlement!.ZonalPrices, z => Assert.True(z.LoadPrice <= 60 + Tolerance && z.GenerationPrice <= 60 + Tolerance));
        Assert.Equal(0m, capped.Settlement.Lines.Sum(l => l.Amount));
    }

    [Fact]
    public void Unserved_energy_is_priced_at_the_cap()
    {
        // Two buses, one uncongested line, 200 MW of case load (PD) against 100 + 50 MW: 50 MW go unserved. The case's
        // generators take part (no resources.csv); caps.csv alone in the folder caps the market.
        const string shortCase = """
            function mpc = short
            mpc.version = '2';
            mpc.baseMVA = 100;
            mpc.bus = [
            1 3 0 0 0 0 1 1 0 100 1 1.1 0.9;
            2 1 200 0 0 0 1 1 0 100 1 1.1 0.9;
            ];
            mpc.gen = [
            1 0 0 0 0 1 100 1 100 0 0 0 0 0 0 0 0 0 0 0 0;
            2 0 0 0 0 1 100 1 50 0 0 0 0 0 0 0 0 0 0 0 0;
            ];
            mpc.branch = [
            1 2 0.01 0.1 0 0 0 0 0 0 1 -360 360;
            ];
            mpc.gencost = [
            2 0 0 2 10 0;
            2 0 0 2 30 0;
            ];
            """;
        using var folder = new TempFolder(new Dictionary<string, string> { ["caps.csv"] = "market,service,cap\nday-ahead,energy,250\n" });
        var casePath = Path.Combine(folder.Path, "short.m");
        File.WriteAllText(casePath, shortCase);
        var run = DayAheadRun.Execute(casePath, folder.Path, ClearingOptions.Default);
        Assert.Equal(ClearingStatus.Relaxed, run.Result.Status);
        Assert.All(run.Result.Prices, p => Assert.Equal(250, p.Lmp, Tolerance));
        Assert.Equal(50, run.Result.Constraints.Single(c => c.Kind == ConstraintKind.Balance).RelaxedMw, Tolerance);
        Assert.Equal(250, run.Result.Constraints.Single(c => c.Kind == ConstraintKind.Balance).Penalty);
        Assert.Equal(0m, run.Settlement!.Lines.Sum(l => l.Amount));

        // Without the cap the same shortage prices at the default penalty.
        Assert.All(DayAheadRun.Execute(casePath, null, ClearingOptions.Default).Result.Prices, p => Assert.Equal(PenaltyPrices.Default.Balance, p.Lmp, Tolerance));
    }

    [Fact]
    public void A_reserve_cap_bounds_the_demand_curves_and_matches_an_independent_lp()
    {
        var expected = ReserveMarketTests.IndependentLp(10, reserveCap: 15);
        var run = Run(With("day-ahead,spin,15\n"));
        var reserves = run.Result.Reserves!;
        Assert.Equal(expected.EastPrice, reserves.Prices.Single(p => p.Zone == "East").Price, Tolerance);
        Assert.Equal(expected.SystemPrice, reserves.Prices.Single(p => p.Zone == ReserveDemand.System).Price, Tolerance);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected.Lmp[i], run.Result.Prices[i].Lmp, Tolerance);
            Assert.Equal(expected.Reserve[i], reserves.Awards.Single(a => a.Resource == ReserveMarketTests.Generators[i].Id).Mw, Tolerance);
        }

        Assert.All(reserves.Prices, p => Assert.True(p.Price <= 15 + Tolerance && p.SupplierPrice <= 15 + Tolerance));
        Assert.All(reserves.Awards, a => Assert.True(a.Price <= 15 + Tolerance));
        Assert.Equal(0m, run.Settlement!.Lines.Sum(l => l.Amount));
    }

    [Theory]
    [InlineData("day-ahead,energy,45\n", "offers.csv", "resource,segment,mw,price\nG1,1,200,10\nG2,1,100,30\nG3,1,60,50\n", "offers.csv:4:")]
    [InlineData("day-ahead,spin,3.5\n", "reserve_offers.csv", "resource,product,segment,mw,price\nG1,spin,1,40,2\nG2,spin,1,50,3\nG3,spin,1,60,4\n", "reserve_offers.csv:4:")]
    [InlineData("intraday,energy,45\n", "caps.csv", null, "caps.csv:2:")]
    [InlineData("day-ahead,energy,0\n", "caps.csv", null, "caps.csv:2:")]
    [InlineData("day-ahead,energy,300\nday-ahead,energy,250\n", "caps.csv", null, "caps.csv:3:")]
    [InlineData("day-ahead,energy,300\n", "resources.csv", "resource,participant,bus,kind,settlement,must_offer\nG1,PG1,1,generator,nodal,250\nG2,PG2,2,generator,nodal,\nG3,PG3,3,generator,nodal,\nL3,Retail,3,load,nodal,\n", "resources.csv:2:")]
    public void What_a_capped_market_cannot_take_exits_2_naming_the_line(string caps, string file, string? text, string where)
    {
        var files = With(caps);
        if (text is not null)
        {
            files[file] = text;
        }

        var (code, error) = Cli(files);
        Assert.Equal(2, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_offer_is_checked_only_in_a_capped_market_and_real_time_caps_do_not_bind_the_day_ahead()
    {
        const string resources = "resource,participant,bus,kind,settlement,must_offer\nG1,PG1,1,generator,nodal,200\nG2,PG2,2,generator,nodal,150\nG3,PG3,3,generator,nodal,\nL3,Retail,3,load,nodal,\n";
        Assert.Equal(0, Cli(With("real-time,energy,20\n", ("resources.csv", resources))).Code);
        var (code, error) = Cli(With("day-ahead,energy,1000\n", ("resources.csv", resources)));
        Assert.Equal(2, code);
        Assert.Contains("resources.csv:3:", error, StringComparison.Ordinal);
        Assert.Contains("must_offer", error, StringComparison.Ordinal);
    }
}
