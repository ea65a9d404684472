using Gridclear.Market;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.DayAhead;

/// <summary>
/// When demand lands exactly on a step boundary the dispatch is primal degenerate: any price between the last
/// accepted and the first rejected offer clears the market. The market must say so and name the rule it used.
/// </summary>
public sealed class DegeneratePriceTests
{
    [Fact]
    public void DemandOnAStepBoundaryIsReportedAsNonUnique()
    {
        var r = Clear(200);
        Assert.False(r.PricesUnique);
        Assert.Contains(r.Notes, n => n.Contains("not be unique", StringComparison.Ordinal) && n.Contains("rule used", StringComparison.Ordinal));

        // Whatever the rule picks, the price lies between the marginal offers: 10 accepted, 20 rejected.
        Assert.All(r.Prices, p => Assert.InRange(p.Lmp, 10 - 1e-9, 20 + 1e-9));
    }

    [Fact]
    public void DemandInsideAStepHasUniquePrices()
    {
        var r = Clear(150);
        Assert.True(r.PricesUnique);
        Assert.DoesNotContain(r.Notes, n => n.Contains("not be unique", StringComparison.Ordinal));
        Assert.All(r.Prices, p => Assert.Equal(10, p.Lmp, 1e-9));
    }

    /// <summary>Two identical generators at bus 1, each 100 MW at 10 then 100 MW at 20; a fixed load at bus 3.
    /// Total demand is small enough that no line binds.</summary>
    private static DayAheadResult Clear(double demand)
    {
        using var market = new TempFolder(new Dictionary<string, string>
        {
            ["resources.csv"] = "resource,participant,bus,kind,settlement\nG1,A,1,generator,nodal\nG2,B,1,generator,nodal\nL3,C,3,load,nodal\n",
            ["offers.csv"] = "resource,segment,mw,price\nG1,1,100,10\nG1,2,100,20\nG2,1,100,10\nG2,2,100,20\n",
            ["demand.csv"] = $"resource,mw\nL3,{demand}\n",
        });
        var r = Clearing.Folder("case5", market.Path).Result;
        Assert.Equal(ClearingStatus.Optimal, r.Status);
        return r;
    }
}
