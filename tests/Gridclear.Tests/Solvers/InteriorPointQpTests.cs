using Gridclear.Native.Clp;
using Gridclear.Solvers;

namespace Gridclear.Tests.Solvers;

/// <summary>
/// <see cref="InteriorPointQp"/> and <see cref="Presolve"/>: a hand-solved QP with its duals, QPs shaped like the
/// reserve dispatch in headroom form (blocks of Q, ranged, one-sided and equality rows, linear columns) against Clp's
/// barrier on the same problem, and the shapes it leaves to the caller.
/// </summary>
public sealed class InteriorPointQpTests
{
    // Objectives agree to this share (Clp's barrier stops at a relative gap of ~1e-8).
    private const double RelativeObjective = 1e-7;

    [Fact]
    public void A_hand_solved_qp_comes_out_with_its_duals()
    {
        var lp = HandSolvedQp.Build();
        var solution = InteriorPointQp.Solve(lp)!;
        Assert.Equal(LpStatus.Optimal, solution.Status);
        Assert.Equal(HandSolvedQp.X, solution.Primal[0], 1e-7);
        Assert.Equal(HandSolvedQp.Y, solution.Primal[1], 1e-7);
        Assert.Equal(HandSolvedQp.RowDual, solution.RowDual[0], 1e-7);
        Assert.Equal(HandSolvedQp.Objective, solution.Objective, 1e-7);
        OptimalityConditions.Assert(lp, solution, 1e-7);
    }

    [Fact]
    public void A_block_of_q_an_equality_and_a_linear_column_price_as_by_hand()
    {
        // u and r share a block: cost ½(u − r)² + 10u (energy p = u − r at 10 $/MWh plus p²/2), r at 1 $/MW; a balance
        // u − r + s = 30 with s (0..100) at 50; a requirement r ≥ 5. The energy of 30 MW costs 10 + 30 = 40 < 50 at the
        // margin, so s = 0, p = 30, λ = 40; r = 5 at a reserve price of 1 (u's headroom is free): u = 35.
        var lp = new LpProblem();
        var u = lp.AddColumn(0, 100, 10);
        var r = lp.AddColumn(0, 20, 1 - 10);
        var s = lp.AddColumn(0, 100, 50);
        lp.AddQuadratic(u, u, 1);
        lp.AddQuadratic(r, r, 1);
        lp.AddQuadratic(u, r, -1);
        lp.AddRow(LpRow.Equal(30, [u, r, s], [1, -1, 1]));
        lp.AddRow(LpRow.AtLeast(5, [r], [1]));

        var solution = InteriorPointQp.Solve(lp)!;
        Assert.Equal(LpStatus.Optimal, solution.Status);
        Assert.Equal(35, solution.Primal[u], 1e-6);
        Assert.Equal(5, solution.Primal[r], 1e-6);
        Assert.Equal(0, solution.Primal[s], 1e-6);
        Assert.Equal(40, solution.RowDual[0], 1e-6);
        Assert.Equal(1, solution.RowDual[1], 1e-6);
        OptimalityConditions.Assert(lp, solution, 1e-7);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Reserve_shaped_qps_reach_the_optimum_clps_barrier_reaches(int seed)
    {
        var lp = ReserveShaped(seed);
        var own = InteriorPointQp.Solve(lp)!;
        Assert.Equal(LpStatus.Optimal, own.Status);
        OptimalityConditions.Assert(lp, own, 1e-7);

        using var model = new ClpSolver().Load(lp, LpOptions.Default);
        var clp = model.Solve();
        Assert.Equal(LpStatus.Optimal, clp.Status);
        Assert.Equal(clp.Objective, own.Objective, RelativeObjective * (1 + Math.Abs(clp.Objective)));
    }

    [Fact]
    public void The_same_problem_gives_the_same_bits()
    {
        var a = InteriorPointQp.Solve(ReserveShaped(7))!;
        var b = InteriorPointQp.Solve(ReserveShaped(7))!;
        Assert.Equal(a.Primal, b.Primal);
        Assert.Equal(a.RowDual, b.RowDual);
    }

    [Fact]
    public void Shapes_it_is_not_for_are_left_to_the_caller()
    {
        // A fixed column (no interior): null, as is a block of Q larger than a dense inverse is for.
        var fixedColumn = new LpProblem();
        fixedColumn.AddColumn(1, 1, 0);
        fixedColumn.AddQuadratic(0, 0, 1);
        Assert.Null(InteriorPointQp.Solve(fixedColumn));

        var dense = new LpProblem();
        for (var j = 0; j <= InteriorPointQp.MaxBlock; j++)
        {
            dense.AddColumn(0, 1, 0);
            dense.AddQuadratic(0, j, 1);
        }

        Assert.Null(InteriorPointQp.Solve(dense));
    }

    [Fact]
    public void An_infeasible_problem_does_not_come_out_optimal()
    {
        var lp = new LpProblem();
        lp.AddColumn(0, 10, 1);
        lp.AddQuadratic(0, 0, 1);
        lp.AddRow(LpRow.AtLeast(20, [0], [1]));
        Assert.NotEqual(LpStatus.Optimal, InteriorPointQp.Solve(lp)!.Status);
    }

    [Fact]
    public void Fixed_columns_taken_out_and_mapped_back_give_the_full_problems_optimum()
    {
        var lp = ReserveShaped(11);

        // Fix a few columns (at a bound and inside), one with a term of Q shared with a free column.
        foreach (var j in new[] { 0, 3, 8, 13 })
        {
            var value = lp.ColumnLower[j] + (0.25 * (lp.ColumnUpper[j] - lp.ColumnLower[j]));
            lp.SetColumnBounds(j, value, value);
        }

        var reduction = Presolve.Of(lp)!;
        Assert.Equal(lp.ColumnCount - 4, reduction.Reduced.ColumnCount);
        var solution = reduction.Expand(InteriorPointQp.Solve(reduction.Reduced)!);
        Assert.Equal(LpStatus.Optimal, solution.Status);
        OptimalityConditions.Assert(lp, solution, 1e-7);

        using var model = new ClpSolver().Load(lp, LpOptions.Default);
        var clp = model.Solve();
        Assert.Equal(clp.Objective, solution.Objective, RelativeObjective * (1 + Math.Abs(clp.Objective)));
    }

    [Fact]
    public void A_row_of_fixed_columns_only_is_dropped_when_met_and_refused_when_broken()
    {
        var lp = new LpProblem();
        lp.AddColumn(2, 2, 1);
        lp.AddColumn(0, 5, 1);
        lp.AddQuadratic(1, 1, 1);
        lp.AddRow(LpRow.AtMost(3, [0], [1]));
        lp.AddRow(LpRow.AtLeast(1, [0, 1], [1, 1]));
        var reduction = Presolve.Of(lp)!;
        Assert.Equal(1, reduction.Reduced.RowCount);
        Assert.Equal(-1, reduction.Reduced.Rows[0].Lower);

        lp.SetRowBounds(0, double.NegativeInfinity, 1);
        Assert.Null(Presolve.Of(lp));
    }

    [Fact]
    public void A_forced_row_prices_at_the_end_of_its_half_line()
    {
        // A reserve requirement in a zone with no supply (its one offer held at 0): r − d1 − d2 ≥ 0 forces both
        // demand-curve segments to 0, and any price from 1,000 (the dearer segment's) up is optimal: it prices at 1,000,
        // as a simplex vertex would. Beside it, a quadratic unit meets 30 MW of load.
        var lp = new LpProblem();
        var r = lp.AddColumn(0, 0, 2);
        var d1 = lp.AddColumn(0, 10, -1000);
        var d2 = lp.AddColumn(0, 5, -100);
        var p = lp.AddColumn(0, 100, 10);
        lp.AddQuadratic(p, p, 1);
        lp.AddRow(LpRow.AtLeast(0, [r, d1, d2], [1, -1, -1]));
        lp.AddRow(LpRow.Equal(30, [p], [1]));

        var reduction = Presolve.Of(lp)!;
        Assert.Equal(1, reduction.Reduced.ColumnCount);
        var solution = reduction.Expand(InteriorPointQp.Solve(reduction.Reduced)!);
        Assert.Equal(LpStatus.Optimal, solution.Status);
        Assert.Equal(0, solution.Primal[d1]);
        Assert.Equal(1000, solution.RowDual[0], 1e-9);
        Assert.Equal(40, solution.RowDual[1], 1e-6);
        OptimalityConditions.Assert(lp, solution, 1e-7);
    }

    /// <summary>
    /// A dispatch with reserves in headroom form: per generator u (Pmin..C) and two reserve columns in one block of Q
    /// (p = u − r1 − r2, cost c1·p + c2·p²), a balance with a shortage column, ranged flow rows over every energy, zonal
    /// requirements with demand-curve segments, and minimum-output rows u − r1 − r2 ≥ Pmin for some generators.
    /// </summary>
    private static LpProblem ReserveShaped(int seed)
    {
        var random = new Random(seed);
        var lp = new LpProblem();
        const int generators = 40;
        var energy = new List<(int U, int R1, int R2)>();
        var capacity = 0.0;
        for (var g = 0; g < generators; g++)
        {
            var c = 50 + (random.NextDouble() * 300);
            var pmin = random.NextDouble() < 0.4 ? 0.2 * c : 0;
            var c1 = 10 + (random.NextDouble() * 40);
            var c2 = 0.002 + (random.NextDouble() * 0.02);
            var u = lp.AddColumn(pmin, c, c1);
            var r1 = lp.AddColumn(0, 0.1 * c, (1 + (random.NextDouble() * 5)) - c1);
            var r2 = lp.AddColumn(0, 0.2 * c, (0.5 + (random.NextDouble() * 3)) - c1);
            lp.AddQuadratic(u, u, 2 * c2);
            lp.AddQuadratic(r1, r1, 2 * c2);
            lp.AddQuadratic(r2, r2, 2 * c2);
            lp.AddQuadratic(u, r1, -2 * c2);
            lp.AddQuadratic(u, r2, -2 * c2);
            lp.AddQuadratic(r1, r2, 2 * c2);
            energy.Add((u, r1, r2));
            capacity += c;
            if (pmin > 0 && random.NextDouble() < 0.5)
            {
                lp.AddRow(LpRow.AtLeast(pmin, [u, r1, r2], [1, -1, -1]));
            }
        }

        var shortage = lp.AddColumn(0, 0.7 * capacity, 1000);
        var balanceColumns = energy.SelectMany(e => new[] { e.U, e.R1, e.R2 }).Append(shortage).ToArray();
        var balanceValues = energy.SelectMany(_ => new[] { 1.0, -1.0, -1.0 }).Append(1.0).ToArray();
        lp.AddRow(LpRow.Equal(0.6 * capacity, balanceColumns, balanceValues));

        for (var f = 0; f < 4; f++)
        {
            var factors = energy.Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var columns = energy.SelectMany(e => new[] { e.U, e.R1, e.R2 }).ToArray();
            var values = factors.SelectMany(a => new[] { a, -a, -a }).ToArray();
            var limit = 0.05 * capacity;
            lp.AddRow(new LpRow(-limit, limit, columns, values));
        }

        foreach (var (zone, product) in new[] { (0, 1), (1, 1), (0, 2), (1, 2) })
        {
            var supply = energy.Where((_, g) => g % 2 == zone).Select(e => product == 1 ? e.R1 : e.R2).ToArray();
            var segment1 = lp.AddColumn(0, 0.02 * capacity, -(200 + (random.NextDouble() * 800)));
            var segment2 = lp.AddColumn(0, 0.02 * capacity, -(5 + (random.NextDouble() * 50)));
            lp.AddRow(LpRow.AtLeast(0, [.. supply, segment1, segment2], [.. supply.Select(_ => 1.0), -1, -1]));
        }

        return lp;
    }
}
