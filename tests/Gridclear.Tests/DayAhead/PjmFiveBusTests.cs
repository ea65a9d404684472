using Gridclear.Market;

namespace Gridclear.Tests.DayAhead;

/// <summary>The PJM 5-bus system (MATPOWER case5) against the answer published in the literature (Li &amp; Bo 2010,
/// PJM training material), as quoted in shared/reference/README.md.</summary>
public sealed class PjmFiveBusTests
{
    /// <summary>The published prices, dispatch and shadow price have three decimals: half a unit of the last
    /// digit plus solver noise.</summary>
    private const double PublishedThreeDecimals = 1e-3;

    /// <summary>The published cost has two decimals (17,479.90).</summary>
    private const double PublishedCost = 5e-3 + 1e-6;

    /// <summary>Limits are met to the flow check's tolerance (ClearingOptions.Tolerance = 1e-6 MW).</summary>
    private const double FlowTolerance = 1e-6;

    [Fact]
    public void Case5ReproducesThePublishedAnswer()
    {
        var cleared = Clearing.Case("case5");
        var r = cleared.Result;

        Assert.Equal(ClearingStatus.Optimal, r.Status);
        Assert.Equal(17_479.90, r.Objective, PublishedCost);

        var lmp = new[] { 16.977, 26.385, 30.000, 39.943, 10.000 };
        for (var bus = 1; bus <= 5; bus++)
        {
            Assert.Equal(lmp[bus - 1], cleared.Lmp(bus), PublishedThreeDecimals);
        }

        // Alta, Park City (bus 1), Solitude (3), Sundance (4), Brighton (5): MATPOWER generator rows 1…5.
        var mw = new[] { 40, 170, 323.495, 0, 466.505 };
        for (var g = 0; g < 5; g++)
        {
            var award = r.Awards.Single(a => a.Resource == $"gen{g + 1}");
            Assert.Equal(mw[g], award.Mw, PublishedThreeDecimals);
        }

        // Only line E–D binds: branch 4-5 (case row 6) carries 240 MW from bus 5 to bus 4.
        var binding = Assert.Single(r.Constraints, c => c.Kind != ConstraintKind.Balance);
        Assert.Equal("4-5", binding.Constraint);
        Assert.Equal(string.Empty, binding.Contingency);
        Assert.Equal(-240, binding.Flow, FlowTolerance);
        Assert.Equal(-240, binding.Limit);
        Assert.Equal(62.322, binding.ShadowPrice, PublishedThreeDecimals);
        Assert.Equal(0, binding.RelaxedMw);
        Assert.True(r.PricesUnique);
    }
}
