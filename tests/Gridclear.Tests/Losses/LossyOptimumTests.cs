using Gridclear.Flows;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Tests.DayAhead;

namespace Gridclear.Tests.Losses;

/// <summary>
/// The marginal-loss iteration ends at the lossy optimum, min cost s.t. generation − load = L(P), not where a damped
/// iteration froze: checked against an independent solve on case9 (three generators, the first at the reference bus).
/// An injection at the reference bus moves no flow, so L depends on the other two outputs only and the reference output
/// is the balance: g1 = load + L(g2, g3) − g2 − g3. The cost of (g2, g3) is then convex (an increasing convex cost of a
/// convex function, plus convex costs), and nested golden-section searches find its minimum without any LP.
/// </summary>
public sealed class LossyOptimumTests
{
    /// <summary>$/h: the iteration stops within 1e-4 MW of L; at ~40 $/MWh that is worth ~4e-3 $/h, the search ~1e-9 MW.</summary>
    private const double CostTolerance = 0.01;

    /// <summary>MW between the two solutions' losses.</summary>
    private const double LossTolerance = 1e-3;

    /// <summary>MW between the two dispatches (unique: the costs are strictly convex in (g2, g3) through L or c2).</summary>
    private const double DispatchTolerance = 0.01;

    [Theory]
    [InlineData("case9")] // quadratic costs (a QP)
    [InlineData("case9_lin")] // linear costs (an LP): only the losses' curvature sets the dispatch
    public void Marginal_losses_reach_the_lossy_optimum_of_an_independent_search(string name)
    {
        var powerCase = Clearing.ReadCase(name);
        var network = Clearing.Compile(powerCase);
        var cleared = Clearing.Run(network, Gridclear.Market.MarketInput.Empty, new ClearingOptions(Losses: LossModel.Marginal));
        Assert.True(cleared.Result.Losses!.Converged);
        Assert.DoesNotContain(cleared.Result.Constraints, c => c.Kind != ConstraintKind.Balance);

        // The case's generators by bus: (bus index, Pmin, Pmax, c2, c1, c0), MATPOWER polynomial costs.
        var gens = powerCase.Generators.Select((g, k) =>
        {
            var cost = powerCase.GenCosts[k];
            Assert.Equal(Gridclear.Network.CostModel.Polynomial, cost.Model);
            double At(int power) => cost.Parameters.Count > power ? cost.Parameters[cost.Parameters.Count - 1 - power] : 0;
            return (Bus: network.BusIndex(g.Bus), Min: g.Pmin, Max: g.Pmax, C2: At(2), C1: At(1), C0: At(0));
        }).ToArray();
        Assert.Equal(3, gens.Length);
        Assert.Equal(network.ReferenceBus, gens[0].Bus);

        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var flows = new double[network.BranchCount];
        var p = new double[network.BusCount];
        var load = network.BusLoadMw.Sum();

        double Losses(double g2, double g3)
        {
            for (var i = 0; i < p.Length; i++)
            {
                p[i] = -network.BusLoadMw[i];
            }

            p[gens[1].Bus] += g2;
            p[gens[2].Bus] += g3;
            shiftFactors.ComputeFlows(p, flows);
            var loss = 0.0;
            for (var k = 0; k < flows.Length; k++)
            {
                loss += network.Branches[k].ResistancePu * flows[k] * flows[k];
            }

            return loss / network.BaseMva;
        }

        double Cost(int k, double g) => (gens[k].C2 * g * g) + (gens[k].C1 * g) + gens[k].C0;

        // The reference unit beyond its limits is priced out steeply (it stays inside them at the optimum: asserted).
        double Total(double g2, double g3)
        {
            var g1 = load + Losses(g2, g3) - g2 - g3;
            var beyond = Math.Max(0, gens[0].Min - g1) + Math.Max(0, g1 - gens[0].Max);
            return Cost(0, g1) + Cost(1, g2) + Cost(2, g3) + (1e6 * beyond);
        }

        double Best3(double g2) => Golden(g3 => Total(g2, g3), gens[2].Min, gens[2].Max);
        var g2Star = Golden(g2 => Total(g2, Best3(g2)), gens[1].Min, gens[1].Max);
        var g3Star = Best3(g2Star);
        var lossStar = Losses(g2Star, g3Star);
        var g1Star = load + lossStar - g2Star - g3Star;
        Assert.InRange(g1Star, gens[0].Min, gens[0].Max);

        var awards = cleared.Result.Awards.OrderBy(a => network.BusIndex(a.Bus)).ToArray();
        Assert.Equal(g1Star, awards[0].Mw, DispatchTolerance);
        Assert.Equal(g2Star, awards[1].Mw, DispatchTolerance);
        Assert.Equal(g3Star, awards[2].Mw, DispatchTolerance);
        Assert.Equal(lossStar, cleared.Result.Losses.LossMw, LossTolerance);
        Assert.Equal(Total(g2Star, g3Star), awards.Sum(a => a.Cost), CostTolerance);
    }

    /// <summary>The minimum of a convex function on [a, b] by golden-section search, to 1e-9 of the interval.</summary>
    private static double Golden(Func<double, double> f, double a, double b)
    {
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var c = b - (ratio * (b - a));
        var d = a + (ratio * (b - a));
        double fc = f(c), fd = f(d);
        while (b - a > 1e-9 * Math.Max(1, Math.Abs(b) + Math.Abs(a)))
        {
            if (fc <= fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (ratio * (b - a));
                fc = f(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (ratio * (b - a));
                fd = f(d);
            }
        }

        return (a + b) / 2;
    }
}
