using Gridclear.Tests.MarketFolder;
using static Gridclear.Tests.RealTime.DayMarkets;

namespace Gridclear.Tests.Market;

/// <summary>
/// A load with both a fixed demand and bids (FORMATS "demand.csv"), end to end through <c>clear</c>: it used to be refused
/// ("give one or the other", exit 2). At case5's reference bus 4, G offers 100 MW at 20 then 100 at 50; L takes 80 MW
/// fixed and bids 30 MW at 60 and 50 at 40. By hand: 80 + 30 = 110 MW clear (the 60 step beats G's 50 step, the 40 step
/// does not), G runs 110, the price is 50, L pays 110 × 50 = 5,500 and G is paid as much.
/// </summary>
public sealed class DemandAndBidsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-demand-bids-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_load_with_fixed_demand_and_bids_clears_and_settles_both()
    {
        using var folder = new TempFolder(new Dictionary<string, string>
        {
            ["resources.csv"] = "resource,participant,bus,kind,settlement\nG,Gen,4,generator,nodal\nL,Buyer,4,load,nodal\n",
            ["offers.csv"] = "resource,segment,mw,price\nG,1,100,20\nG,2,100,50\n",
            ["bids.csv"] = "resource,segment,mw,price\nL,1,30,60\nL,2,50,40\n",
            ["demand.csv"] = "resource,mw\nL,80\n",
        });
        var outDir = Path.Combine(_dir, "out");
        var (code, _, error) = ClearCli.Run("--case", Case, "--market", folder.Path, "--out", outDir);
        Assert.True(code == 0, error);

        var dispatch = ReadCsv(Path.Combine(outDir, "dispatch.csv")).ToDictionary(r => r["resource"], r => D(r["mw"]));
        Assert.Equal(110, dispatch["G"], 1e-6);
        Assert.Equal(110, dispatch["L"], 1e-6);
        Assert.All(ReadCsv(Path.Combine(outDir, "lmp.csv")), r => Assert.Equal(50, D(r["lmp"]), 1e-6));
        var settlement = ReadCsv(Path.Combine(outDir, "settlement.csv"));
        Assert.Equal(-5_500m, settlement.Where(r => r["participant"] == "Buyer" && r["charge"] == "energy").Sum(r => M(r["amount"])));
        Assert.Equal(5_500m, settlement.Where(r => r["participant"] == "Gen" && r["charge"] == "energy").Sum(r => M(r["amount"])));
        Assert.Equal(0m, settlement.Sum(r => M(r["amount"])));
        Assert.False(File.Exists(Path.Combine(outDir, "unserved.csv")));
    }
}
