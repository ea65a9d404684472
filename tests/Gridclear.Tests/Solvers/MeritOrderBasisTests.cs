using Gridclear.Native.Clp;
using Gridclear.Solvers;

namespace Gridclear.Tests.Solvers;

/// <summary>The merit-order start of a dispatch LP: which basis it gives, that it is optimal where only the balance
/// binds, and where it declines.</summary>
public class MeritOrderBasisTests
{
    /// <summary>Three offers at 10, 20 and 30 $/MWh of 50 MW each, a bid of up to 20 MW at 25 $/MWh, 70 MW of demand:
    /// minimise 10·g1 + 20·g2 + 30·g3 − 25·b subject to g1 + g2 + g3 − b = 70.</summary>
    private static LpProblem Market(double demand = 70)
    {
        var p = new LpProblem();
        var g1 = p.AddColumn(0, 50, 10);
        var g2 = p.AddColumn(0, 50, 20);
        var g3 = p.AddColumn(0, 50, 30);
        var bid = p.AddColumn(0, 20, -25);
        p.AddRow(LpRow.Equal(demand, [g1, g2, g3, bid], [1, 1, 1, -1]));

        // A flow limit that does not bind: its slack stays basic.
        p.AddRow(LpRow.AtMost(1000, [g1, g3], [0.5, -0.5]));
        return p;
    }

    [Fact]
    public void Cheapest_offers_run_the_marginal_one_is_basic_and_bids_above_the_price_are_served()
    {
        var basis = MeritOrderBasis.For(Market(), 0);

        Assert.NotNull(basis);
        var (columns, rows) = basis.Value;

        // λ = 20 (g2 marginal): g1 at its upper bound; the bid (25 $/MWh > λ) served in full; g3 off.
        Assert.Equal([BasisStatus.AtUpper, BasisStatus.Basic, BasisStatus.AtLower, BasisStatus.AtUpper], columns);
        Assert.Equal([BasisStatus.AtLower, BasisStatus.Basic], rows);
    }

    [Fact]
    public void Clp_started_from_it_is_optimal_without_a_pivot_and_agrees_with_a_cold_solve()
    {
        var (coldSolution, warmSolution) = SolveBothWays(Market());

        Assert.True(warmSolution.IsOptimal);
        Assert.Equal(0, warmSolution.Iterations);
        Assert.Equal(coldSolution.Objective, warmSolution.Objective, 9);

        // g1 = 50, g2 = 40 (70 + 20 of bid − 50), g3 = 0, bid = 20; the balance prices at g2's 20 $/MWh.
        Assert.Equal([50, 40, 0, 20], warmSolution.Primal.Select(x => Math.Round(x, 9)));
        Assert.Equal(20, Math.Abs(warmSolution.RowDual[0]), 9);
    }

    [Fact]
    public void A_start_on_a_congested_market_still_reaches_the_cold_optimum()
    {
        // The flow row now binds (g1 − g3 ≤ 10 MW): dual simplex repairs the merit order.
        var problem = Market();
        problem.SetRowBounds(1, double.NegativeInfinity, 5);
        var (coldSolution, warmSolution) = SolveBothWays(problem);

        Assert.True(warmSolution.IsOptimal);
        Assert.Equal(coldSolution.Objective, warmSolution.Objective, 9);
        Assert.Equal(coldSolution.Primal.Select(x => Math.Round(x, 9)), warmSolution.Primal.Select(x => Math.Round(x, 9)));
    }

    /// <summary>The problem solved by Clp from scratch, and from its merit-order basis.</summary>
    private static (LpSolution Cold, LpSolution Warm) SolveBothWays(LpProblem problem)
    {
        var solver = new ClpSolver();
        using var cold = solver.Load(problem, LpOptions.Default);
        using var warm = solver.Load(problem, LpOptions.Default);
        var (columns, rows) = MeritOrderBasis.For(problem, 0)!.Value;
        warm.SetBasis(columns, rows);
        return (cold.Solve(), warm.Solve());
    }

    [Fact]
    public void Declines_where_it_has_no_merit_order()
    {
        // Demand beyond every offer.
        Assert.Null(MeritOrderBasis.For(Market(demand: 1000), 0));

        // A quadratic cost.
        var quadratic = Market();
        quadratic.AddQuadratic(0, 0, 0.1);
        Assert.Null(MeritOrderBasis.For(quadratic, 0));

        // A balance that is not an equality.
        var inequality = Market();
        inequality.SetRowBounds(0, 70, 80);
        Assert.Null(MeritOrderBasis.For(inequality, 0));

        // A withdrawal without an upper bound would start at infinity.
        var unbounded = Market();
        var sink = unbounded.AddColumn(0, double.PositiveInfinity, 0);
        unbounded.AddRow(LpRow.AtMost(0, [sink], [1]));
        Assert.NotNull(MeritOrderBasis.For(unbounded, 0)); // off the balance, at its finite lower bound: fine
        var p = new LpProblem();
        var g = p.AddColumn(0, 50, 10);
        var w = p.AddColumn(0, double.PositiveInfinity, 0);
        p.AddRow(LpRow.Equal(10, [g, w], [1, -1]));
        Assert.Null(MeritOrderBasis.For(p, 0));
    }
}
