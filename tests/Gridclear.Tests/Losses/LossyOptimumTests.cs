using Gridclear.Flows;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Solvers;
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

    /// <summary>
    /// case118_lin (linear costs, 54 units, nothing congested): the final dispatch P* is optimal for the lossy market when
    /// the LP with the losses replaced by their tangent at P* (ℓ ≥ L(P*) + ∇L(P*)·(P − P*), ∇L by central differences of
    /// L on independent flows) cannot do better: that LP is a relaxation of the lossy market (L is convex, so above its
    /// tangent), and P* meets L to 1e-4 MW. Built and solved here from the case alone. The iteration that froze under a
    /// growing proximal weight stopped at 76.28 MW and 86,365.92 $/h, 12.9 $/h above this bound.
    /// </summary>
    [Fact]
    public void Marginal_losses_on_case118_lin_meet_the_bound_of_the_tangent_relaxation_at_the_final_flows()
    {
        var powerCase = Clearing.ReadCase("case118_lin");
        var network = Clearing.Compile(powerCase);
        var cleared = Clearing.Run(network, Gridclear.Market.MarketInput.Empty, new ClearingOptions(Losses: LossModel.Marginal));
        Assert.True(cleared.Result.Losses!.Converged);
        Assert.DoesNotContain(cleared.Result.Constraints, c => c.Kind != ConstraintKind.Balance);

        var gens = powerCase.Generators.Select((g, k) => (Gen: g, Cost: powerCase.GenCosts[k])).Where(g => g.Gen.InService).ToArray();
        Assert.Equal(gens.Length, cleared.Result.Awards.Count);
        var p = cleared.Injections();
        var reference = network.ReferenceBus;
        double Losses(double[] injections)
        {
            var flows = Clearing.Flows(network, injections);
            var loss = 0.0;
            for (var k = 0; k < flows.Length; k++)
            {
                loss += network.Branches[k].ResistancePu * flows[k] * flows[k];
            }

            return loss / network.BaseMva;
        }

        var lossStar = Losses(p);
        var gradient = new double[network.BusCount];
        for (var i = 0; i < gradient.Length; i++)
        {
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[i] += 1;
            up[reference] -= 1;
            down[i] -= 1;
            down[reference] += 1;
            gradient[i] = (Losses(up) - Losses(down)) / 2;
        }

        // Columns: one per unit (cost c1·MW, MATPOWER polynomial [c1 0]), then ℓ. Rows: Σ g − ℓ = load; the tangent.
        var lp = new LpProblem();
        foreach (var (gen, cost) in gens)
        {
            Assert.Equal(Gridclear.Network.CostModel.Polynomial, cost.Model);
            Assert.Equal(2, cost.Parameters.Count);
            lp.AddColumn(gen.Pmin, gen.Pmax, cost.Parameters[0]);
        }

        var loss = lp.AddColumn(0, double.PositiveInfinity, 0);
        var load = network.BusLoadMw.Sum();
        var units = Enumerable.Range(0, gens.Length).ToArray();
        lp.AddRow(LpRow.Equal(load, [.. units, loss], [.. units.Select(_ => 1.0), -1]));
        var tangentAtLoad = lossStar - gradient.Select((g, i) => g * (p[i] + network.BusLoadMw[i])).Sum();
        lp.AddRow(LpRow.AtLeast(tangentAtLoad, [.. units, loss], [.. gens.Select(g => -gradient[network.BusIndex(g.Gen.Bus)]), 1]));
        using var model = new ClpSolver().Load(lp, LpOptions.Default);
        var bound = model.Solve();
        Assert.Equal(LpStatus.Optimal, bound.Status);

        var cleared118 = cleared.Result.Awards.Sum(a => a.Cost);
        Assert.InRange(cleared118 - bound.Objective, -CostTolerance, CostTolerance);
        Assert.Equal(lossStar, cleared.Result.Losses.LossMw, 6);
        Assert.InRange(lossStar, 75.6, 75.7);
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
