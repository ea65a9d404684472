using Gridclear.Market;
using Gridclear.Network;

namespace Gridclear.Tests.DayAhead;

/// <summary>MATPOWER's piecewise-linear costs are priced as the maximum of the segments' lines (its constrained cost variable).</summary>
public class PiecewiseCostTests
{
    /// <summary>
    /// Points (0,0), (10,100), (20,150), (30,300): slopes 10, 5, 15, not convex. The lines are y = 10x, y = 5x + 50 and
    /// y = 15x − 150. Their maximum on [0, 30]: 5x + 50 up to x = 10 (where 10x overtakes it), then 10x up to x = 30
    /// (where 15x − 150 meets it). So the cost at Pmin is 50 and the steps are 10 MW at 5 and 20 MW at 10 $/MWh.
    /// </summary>
    [Fact]
    public void A_non_convex_curve_is_priced_by_the_upper_envelope_of_its_lines()
    {
        var powerCase = new PowerCase(
            "envelope",
            100,
            [new CaseBus(1, CaseBus.Reference, 20, 0, 0, 0, 1, 1, 0, 100, 1, 1.1, 0.9), new CaseBus(2, 1, 0, 0, 0, 0, 1, 1, 0, 100, 1, 1.1, 0.9)],
            [new CaseGenerator(2, 0, 0, 0, 0, 1, 100, 1, 30, 0)],
            [new CaseBranch(1, 2, 0, 0.1, 0, 0, 0, 0, 0, 0, 1)],
            [new CaseGenCost(CostModel.PiecewiseLinear, 0, 0, [0, 0, 10, 100, 20, 150, 30, 300])]);
        var network = NetworkCompiler.Compile(powerCase).Network;

        var participation = Participation.Build(network, MarketInput.Empty, PenaltyPrices.Default);

        var columns = participation.Columns;
        Assert.Equal(2, columns.Count);
        Assert.Equal((10.0, 5.0), (columns[0].Upper, columns[0].Cost));
        Assert.Equal((20.0, 10.0), (columns[1].Upper, columns[1].Cost));
        Assert.Equal(50, participation.ConstantCost, 1e-12);
    }
}
