using System.Diagnostics;
using Gridclear.Solvers;

namespace Gridclear.Tests.Solvers;

/// <summary>
/// What every <see cref="ILpSolver"/> binding must do: tiny LPs and QPs with primal values, duals and reduced
/// costs derived by hand (signs included, in the convention of <see cref="LpSolution"/>), infeasible and
/// unbounded cases, KKT checks on QPs with binding rows, and warm re-solves. A new binding derives from
/// this class and supplies <see cref="CreateSolver"/>.
/// </summary>
public abstract class LpSolverConformance
{
    /// <summary>Primal values of tiny, well-scaled problems: simplex ends on a vertex, exact but for the
    /// solver's primal feasibility tolerance (1e-7 in Clp and most simplex codes).</summary>
    protected const double PrimalTolerance = 1e-6;

    /// <summary>Duals and reduced costs of the same tiny problems: dual feasibility tolerance 1e-7, with margin.</summary>
    protected const double DualTolerance = 1e-6;

    /// <summary>Barrier (interior point) answers: it stops at a relative gap near 1e-8 (Clp's default), so
    /// values are good to about 1e-6 relative, not to simplex precision.</summary>
    protected const double BarrierTolerance = 1e-5;

    /// <summary>Relative KKT residual accepted on the larger random QPs (scaled by 1 + the largest gradient term).</summary>
    protected const double KktTolerance = 1e-6;

    protected abstract ILpSolver CreateSolver();

    protected ILpModel Load(LpProblem problem, LpOptions? options = null) => CreateSolver().Load(problem, options ?? LpOptions.Default);

    [Fact]
    public void Name_is_not_empty() => Assert.False(string.IsNullOrWhiteSpace(CreateSolver().Name));

    /// <summary>
    /// Five independent blocks in one LP, each binding a different kind of bound:
    /// A  min 2x + 3y,   r0: x + y ≥ 10, r1: x ≤ 6, x,y ∈ [0,100].
    ///    x = 6, y = 4. r0 ≥ binding: one more unit of demand is one more y: dual +3.
    ///    r1 ≤ binding: x ≤ 7 lets x replace y: 14 + 9 = 23 &lt; 24: dual −1. d = c − Aᵀy = 2 − (3 − 1) = 0, 3 − 3 = 0.
    /// B  min u + 2v,    r2: u + v = 8, u ∈ [0,5], v ∈ [0,100].
    ///    u = 5 (upper bound), v = 3. r2 dual +2 (one more unit is one more v). d_u = 1 − 2 = −1 ≤ 0 at its
    ///    upper bound (u ≤ 6 saves 1), d_v = 0.
    /// C  min 3p + q,    r3: p − q = −2, p,q ∈ [0,10].
    ///    q = p + 2, cost 4p + 2: p = 0 (lower bound), q = 2. rhs −2 → −1 makes q = 1: dual −1 (an equality
    ///    with a negative dual). d_p = 3 − (−1) = 4 ≥ 0 at its lower bound, d_q = 1 − (−1)(−1) = 0.
    /// D  min −s − 3t,   r4: 2 ≤ s + t ≤ 5, s ∈ [0,10], t ∈ [0,1].
    ///    t = 1 (upper), s = 4; the ranged row binds at its upper side: dual −1. d_t = −3 + 1 = −2 ≤ 0, d_s = 0.
    /// E  min g + 2h,    r5: 3 ≤ g + h ≤ 8, g ∈ [0,2], h ∈ [0,10].
    ///    g = 2 (upper), h = 1; the ranged row binds at its lower side: dual +2. d_g = 1 − 2 = −1, d_h = 0.
    /// F  r6: x + u ≤ 100, activity 11: not binding, dual 0.
    /// Objective 24 + 11 + 2 − 7 + 4 = 34. Every vertex is non-degenerate, so the duals are unique.
    /// </summary>
    [Fact]
    public void Every_kind_of_bound_gives_the_documented_dual_sign()
    {
        var p = new LpProblem();
        int x = p.AddColumn(0, 100, 2), y = p.AddColumn(0, 100, 3);
        int u = p.AddColumn(0, 5, 1), v = p.AddColumn(0, 100, 2);
        int pp = p.AddColumn(0, 10, 3), q = p.AddColumn(0, 10, 1);
        int s = p.AddColumn(0, 10, -1), t = p.AddColumn(0, 1, -3);
        int g = p.AddColumn(0, 2, 1), h = p.AddColumn(0, 10, 2);
        p.AddRow(LpRow.AtLeast(10, [x, y], [1, 1]));
        p.AddRow(LpRow.AtMost(6, [x], [1]));
        p.AddRow(LpRow.Equal(8, [u, v], [1, 1]));
        p.AddRow(LpRow.Equal(-2, [pp, q], [1, -1]));
        p.AddRow(new LpRow(2, 5, [s, t], [1, 1]));
        p.AddRow(new LpRow(3, 8, [g, h], [1, 1]));
        p.AddRow(LpRow.AtMost(100, [x, u], [1, 1]));

        using var model = Load(p);
        var solution = model.Solve();

        Assert.Equal(LpStatus.Optimal, solution.Status);
        Assert.True(solution.IsOptimal);
        Assert.Equal(34, solution.Objective, PrimalTolerance);
        AssertAll([6, 4, 5, 3, 0, 2, 4, 1, 2, 1], solution.Primal, PrimalTolerance, "primal");
        AssertAll([10, 6, 8, -2, 5, 3, 11], solution.RowActivity, PrimalTolerance, "row activity");
        AssertAll([3, -1, 2, -1, -1, 2, 0], solution.RowDual, DualTolerance, "row dual");
        AssertAll([0, 0, -1, 0, 4, 0, 0, -2, -1, 0], solution.ReducedCost, DualTolerance, "reduced cost");
        OptimalityConditions.Assert(p, solution, DualTolerance);
    }

    /// <summary>
    /// The dual is the derivative of the optimal objective with respect to the active bound: checked by
    /// finite differences on the same LP, moving each binding bound by a small step and re-solving.
    /// </summary>
    [Fact]
    public void Duals_are_derivatives_of_the_optimal_objective()
    {
        var p = new LpProblem();
        int a = p.AddColumn(0, 8, 4), b = p.AddColumn(0, 100, 7), c = p.AddColumn(1, 100, 5);
        p.AddRow(LpRow.AtLeast(20, [a, b, c], [1, 1, 1]));      // demand
        p.AddRow(LpRow.AtMost(9, [b, c], [0.5, 1]));            // a limit on b and c together
        using var model = Load(p);
        var base0 = model.Solve();
        Assert.True(base0.IsOptimal);
        const double step = 1e-3;

        model.SetRowBounds(0, 20 + step, double.PositiveInfinity);
        var demand = model.Solve();
        model.SetRowBounds(0, 20, double.PositiveInfinity);
        model.SetRowBounds(1, double.NegativeInfinity, 9 + step);
        var limit = model.Solve();
        model.SetRowBounds(1, double.NegativeInfinity, 9);
        model.SetColumnBounds(a, 0, 8 + step);
        var upper = model.Solve();

        Assert.Equal((demand.Objective - base0.Objective) / step, base0.RowDual[0], 1e-6);
        Assert.Equal((limit.Objective - base0.Objective) / step, base0.RowDual[1], 1e-6);
        Assert.Equal((upper.Objective - base0.Objective) / step, base0.ReducedCost[a], 1e-6);
        Assert.True(base0.RowDual[0] > 0, "binding ≥ row: dual > 0");
        Assert.True(base0.ReducedCost[a] < 0, "column at its upper bound: reduced cost < 0");
    }

    /// <summary>x + y ≥ 5 with x, y ∈ [0, 1]: no point is feasible.</summary>
    [Fact]
    public void Infeasible_LP_is_reported()
    {
        var p = new LpProblem();
        int x = p.AddColumn(0, 1, 1), y = p.AddColumn(0, 1, 1);
        p.AddRow(LpRow.AtLeast(5, [x, y], [1, 1]));
        using var model = Load(p);
        Assert.Equal(LpStatus.Infeasible, model.Solve().Status);
    }

    /// <summary>Rows that contradict each other (x + y ≥ 5 and x + y ≤ 3) rather than bounds.</summary>
    [Fact]
    public void Infeasible_rows_are_reported()
    {
        var p = new LpProblem();
        int x = p.AddColumn(0, 10, 1), y = p.AddColumn(0, 10, 1);
        p.AddRow(LpRow.AtLeast(5, [x, y], [1, 1]));
        p.AddRow(LpRow.AtMost(3, [x, y], [1, 1]));
        using var model = Load(p);
        Assert.Equal(LpStatus.Infeasible, model.Solve().Status);
    }

    /// <summary>min −x with x − y ≤ 1, x, y ≥ 0 unbounded above: x = y + 1 grows forever.</summary>
    [Fact]
    public void Unbounded_LP_is_reported()
    {
        var p = new LpProblem();
        int x = p.AddColumn(0, double.PositiveInfinity, -1), y = p.AddColumn(0, double.PositiveInfinity, 0);
        p.AddRow(LpRow.AtMost(1, [x, y], [1, -1]));
        using var model = Load(p);
        Assert.Equal(LpStatus.Unbounded, model.Solve().Status);
    }

    /// <summary>Free columns (both bounds infinite) and a problem with no rows at all.</summary>
    [Fact]
    public void Free_columns_and_infinite_bounds_are_accepted()
    {
        var p = new LpProblem();
        int x = p.AddColumn(double.NegativeInfinity, double.PositiveInfinity, 1);
        int y = p.AddColumn(double.NegativeInfinity, 3, -1);
        p.AddRow(LpRow.AtLeast(-4, [x], [1]));
        using var model = Load(p);
        var solution = model.Solve();
        Assert.True(solution.IsOptimal);
        AssertAll([-4, 3], solution.Primal, PrimalTolerance, "primal");
        AssertAll([1], solution.RowDual, DualTolerance, "row dual");
        AssertAll([0, -1], solution.ReducedCost, DualTolerance, "reduced cost");

        var empty = new LpProblem();
        empty.AddColumn(2, 5, 1);
        using var noRows = Load(empty);
        var alone = noRows.Solve();
        Assert.True(alone.IsOptimal);
        Assert.Equal(2, alone.Primal[0], PrimalTolerance);
        Assert.Equal(1, alone.ReducedCost[0], DualTolerance);
        Assert.Empty(alone.RowDual);
    }

    /// <summary>
    /// min ½(4x² + 2xy + 3y²) − 3x − 5y, unconstrained in a box it does not touch: Qx = −c gives
    /// 4x + y = 3, x + 3y = 5, so x = 4/11, y = 17/11, objective −(3·4 + 5·17)/22 = −97/22. Pins the ½ and
    /// the symmetric meaning of AddQuadratic(0, 1, 1) (Q[0,1] = Q[1,0] = 1, added once).
    /// </summary>
    [Fact]
    public void Quadratic_objective_is_half_xQx_with_symmetric_off_diagonals()
    {
        var p = new LpProblem();
        int x = p.AddColumn(-100, 100, -3), y = p.AddColumn(-100, 100, -5);
        p.AddQuadratic(x, x, 4);
        p.AddQuadratic(y, x, 1);
        p.AddQuadratic(y, y, 3);
        using var model = Load(p);
        var solution = model.Solve();
        Assert.True(solution.IsOptimal);
        Assert.Equal(LpAlgorithm.Barrier, solution.Algorithm);
        AssertAll([4.0 / 11, 17.0 / 11], solution.Primal, BarrierTolerance, "primal");
        Assert.Equal(-97.0 / 22, solution.Objective, BarrierTolerance);
        AssertAll([0, 0], solution.ReducedCost, BarrierTolerance, "reduced cost");
    }

    /// <summary>
    /// Economic dispatch: four generators with cost aᵢg + bᵢg² (Q diagonal 2bᵢ), a balance row and a line.
    /// a = (10, 20, 30, 5), b = (0.05, 0.05, 0.1, 0.05), g ∈ [0, 500] but g4 ≤ 50; demand 350; line g1 ≤ 100;
    /// a second line 0.3g2 + 0.3g3 ≤ 200 that does not bind.
    /// g4's marginal cost at 50 is 10 &lt; λ: it sits at its upper bound. g1 is held at 100 by the line. The
    /// rest, 200, is shared by g2 and g3 at equal marginal cost λ = 20 + 0.1g2 = 30 + 0.2g3:
    /// g2 = 10(λ − 20), g3 = 5(λ − 30), 15λ − 350 = 200, λ = 110/3, g2 = 500/3, g3 = 100/3.
    /// Duals: balance +λ (≥ 0 as one more MW costs λ); line: stationarity of g1, 10 + 0.1·100 − λ − μ = 0,
    /// μ = 20 − 110/3 = −50/3 ≤ 0 (binding ≤ row). Reduced cost of g4: 5 + 0.1·50 − λ = −80/3 ≤ 0 at its
    /// upper bound; others 0. A QP with a binding row: where Clp's primal simplex once went wrong.
    /// </summary>
    [Fact]
    public void Quadratic_dispatch_with_a_binding_line_meets_KKT()
    {
        var p = new LpProblem();
        double[] a = [10, 20, 30, 5], b = [0.05, 0.05, 0.1, 0.05];
        for (var i = 0; i < 4; i++)
        {
            p.AddColumn(0, i == 3 ? 50 : 500, a[i]);
            p.AddQuadratic(i, i, 2 * b[i]);
        }

        p.AddRow(LpRow.Equal(350, [0, 1, 2, 3], [1, 1, 1, 1]));
        p.AddRow(LpRow.AtMost(100, [0], [1]));
        p.AddRow(LpRow.AtMost(200, [1, 2], [0.3, 0.3]));
        using var model = Load(p);
        var solution = model.Solve();

        Assert.Equal(LpStatus.Optimal, solution.Status);
        AssertAll([100, 500.0 / 3, 100.0 / 3, 50], solution.Primal, BarrierTolerance, "dispatch");
        AssertAll([110.0 / 3, -50.0 / 3, 0], solution.RowDual, BarrierTolerance, "row dual");
        AssertAll([0, 0, 0, -80.0 / 3], solution.ReducedCost, BarrierTolerance, "reduced cost");
        var expected = (10 * 100) + (20 * 500.0 / 3) + (30 * 100.0 / 3) + (5 * 50)
            + (0.05 * 100 * 100) + (0.05 * 500.0 / 3 * 500.0 / 3) + (0.1 * 100.0 / 3 * 100.0 / 3) + (0.05 * 50 * 50);
        Assert.Equal(expected, solution.Objective, BarrierTolerance * expected);
        OptimalityConditions.Assert(p, solution, KktTolerance);
    }

    /// <summary>200 quadratic generators, 20 dense flow rows of which several bind: KKT to 1e-6 relative.</summary>
    [Fact]
    public void Random_quadratic_dispatch_meets_KKT()
    {
        var p = RandomDispatch.Build(generators: 200, flowRows: 20, quadratic: true, seed: 7);
        using var model = Load(p);
        var solution = model.Solve();
        Assert.Equal(LpStatus.Optimal, solution.Status);
        OptimalityConditions.Assert(p, solution, KktTolerance);
        var binding = solution.RowDual.Skip(1).Count(y => Math.Abs(y) > 1e-6);
        Assert.True(binding >= 3, $"only {binding} flow rows bind: the test would not exercise binding rows");
    }

    /// <summary>The same generator with linear costs: a simplex solve, checked by KKT as well.</summary>
    [Fact]
    public void Random_linear_dispatch_meets_KKT()
    {
        var p = RandomDispatch.Build(generators: 300, flowRows: 20, quadratic: false, seed: 11);
        using var model = Load(p);
        var solution = model.Solve();
        Assert.Equal(LpStatus.Optimal, solution.Status);
        OptimalityConditions.Assert(p, solution, KktTolerance);
    }

    /// <summary>
    /// Solve, add rows that cut off the optimum, re-solve: the answer equals a cold solve of the bigger
    /// problem, and the warm dual simplex needs far fewer iterations than the cold one. The new rows are
    /// what constraint generation adds: dense flow rows limited 10% below their flow at the old optimum.
    /// (Rows that move the optimum far away can make a warm start slower than a cold one: measured 242
    /// against 48 iterations with limits at 30% of the flow.)
    /// </summary>
    [Fact]
    public void Added_rows_are_solved_warm()
    {
        const int generators = 1000;
        var p = RandomDispatch.Build(generators, flowRows: 50, quadratic: false, seed: 3);
        using var model = Load(p);
        var first = model.Solve();
        Assert.True(first.IsOptimal);

        var random = new Random(5);
        var all = Enumerable.Range(0, generators).ToArray();
        var cuts = new LpRow[10];
        for (var k = 0; k < cuts.Length; k++)
        {
            var factors = all.Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var flow = factors.Select((f, j) => f * first.Primal[j]).Sum();
            cuts[k] = flow > 0 ? LpRow.AtMost(0.9 * flow, all, factors) : LpRow.AtLeast(0.9 * flow, all, factors);
        }

        var at = model.AddRows(cuts);
        Assert.Equal(p.RowCount, at);
        Assert.Equal(p.RowCount + cuts.Length, model.RowCount);
        var warm = model.Solve();

        foreach (var row in cuts)
        {
            p.AddRow(row);
        }

        using var coldModel = Load(p);
        var cold = coldModel.Solve();
        Assert.True(warm.IsOptimal);
        Assert.True(cold.IsOptimal);
        Assert.Equal(cold.Objective, warm.Objective, 1e-7 * Math.Abs(cold.Objective));
        Assert.True(warm.Objective > first.Objective, "rows that cut off the optimum raise the minimum");
        OptimalityConditions.Assert(p, warm, KktTolerance);
        Assert.True(warm.Iterations * 3 < cold.Iterations, $"warm re-solve took {warm.Iterations} iterations, cold {cold.Iterations}");
    }

    /// <summary>
    /// A penalty slack added as a column, then a row that uses it (constraint generation with soft limits):
    /// min x₀ + 10·s s.t. x₀ ≥ 2 (col bound), then x₀ − s ≤ 1. Relaxing costs 10 per unit but lowering x₀
    /// is impossible, so s = 1, objective 2 + 10 = 12, the row's dual is −10 and x₀'s reduced cost 1 + 10 = 11.
    /// </summary>
    [Fact]
    public void Added_columns_take_part_in_rows_added_after_them()
    {
        var p = new LpProblem();
        p.AddColumn(2, 5, 1);
        p.AddRow(LpRow.AtLeast(0, [0], [1]));
        using var model = Load(p);
        Assert.True(model.Solve().IsOptimal);

        var slack = model.AddColumns([new LpColumn(0, double.PositiveInfinity, 10)]);
        Assert.Equal(1, slack);
        Assert.Equal(2, model.ColumnCount);
        model.AddRows([LpRow.AtMost(1, [0, slack], [1, -1])]);
        var s = model.Solve();

        Assert.True(s.IsOptimal);
        AssertAll([2, 1], s.Primal, PrimalTolerance, "primal");
        Assert.Equal(12, s.Objective, PrimalTolerance);
        Assert.Equal(-10, s.RowDual[1], DualTolerance);
        Assert.Equal(11, s.ReducedCost[0], DualTolerance);
    }

    /// <summary>
    /// Columns added with entries in existing rows (column generation) re-solve warm to the optimum of a model
    /// loaded with them from the start. Columns whose reduced cost at the last duals is not negative change
    /// nothing: the basis stays optimal, 0 iterations. The others start at their upper bound, where that reduced
    /// cost favours them, which keeps the basis dual feasible for the warm dual simplex.
    /// </summary>
    [Fact]
    public void Columns_added_with_entries_solve_warm_to_the_full_optimum()
    {
        var full = RandomDispatch.Build(generators: 600, flowRows: 30, quadratic: false, seed: 8);
        const int kept = 450;
        using var model = Load(Restrict(full, kept));
        var first = model.Solve();
        Assert.True(first.IsOptimal);

        var pricedOut = new List<(int Index, LpColumn Column)>();
        var pricedIn = new List<(int Index, LpColumn Column)>();
        for (var j = kept; j < full.ColumnCount; j++)
        {
            var rows = new List<int>();
            var values = new List<double>();
            for (var r = 0; r < full.RowCount; r++)
            {
                var k = Array.IndexOf(full.Rows[r].Columns, j);
                if (k >= 0)
                {
                    rows.Add(r);
                    values.Add(full.Rows[r].Values[k]);
                }
            }

            var reduced = full.Cost[j] - rows.Select((r, k) => first.RowDual[r] * values[k]).Sum();
            (reduced < 0 ? pricedIn : pricedOut).Add((j, new LpColumn(full.ColumnLower[j], full.ColumnUpper[j], full.Cost[j], [.. rows], [.. values], StartAtUpper: reduced < 0)));
        }

        Assert.NotEmpty(pricedIn);
        Assert.NotEmpty(pricedOut);
        Assert.Equal(kept, model.AddColumns([.. pricedOut.Select(c => c.Column)]));
        var unchanged = model.Solve();
        Assert.Equal(0, unchanged.Iterations);
        Assert.Equal(first.Objective, unchanged.Objective, 1e-9 * Math.Abs(first.Objective));

        model.AddColumns([.. pricedIn.Select(c => c.Column)]);
        Assert.Equal(full.ColumnCount, model.ColumnCount);
        var warm = model.Solve();
        var order = Enumerable.Range(0, kept).Concat(pricedOut.Select(c => c.Index)).Concat(pricedIn.Select(c => c.Index)).ToArray();
        var reordered = Restrict(full, order);
        using var coldModel = Load(reordered);
        var cold = coldModel.Solve();
        Assert.True(warm.IsOptimal);
        Assert.True(warm.Objective < first.Objective, "columns that price in lower the minimum");
        Assert.Equal(cold.Objective, warm.Objective, 1e-7 * Math.Abs(cold.Objective));
        OptimalityConditions.Assert(reordered, warm, KktTolerance);
    }

    /// <summary>Deleting columns leaves the model that never had them: the same optimum, indices closed up.</summary>
    [Fact]
    public void Deleted_columns_leave_the_optimum_of_the_model_without_them()
    {
        var full = RandomDispatch.Build(generators: 300, flowRows: 12, quadratic: false, seed: 9);
        using var model = Load(full);
        Assert.True(model.Solve().IsOptimal);
        var gone = Enumerable.Range(0, full.ColumnCount).Where(j => j % 3 == 1).ToArray();
        model.DeleteColumns([.. gone.Reverse()]);
        Assert.Equal(full.ColumnCount - gone.Length, model.ColumnCount);
        var after = model.Solve();

        var keep = Enumerable.Range(0, full.ColumnCount).Where(j => j % 3 != 1).ToArray();
        var smaller = Restrict(full, keep);
        using var reference = Load(smaller);
        var expected = reference.Solve();
        Assert.True(after.IsOptimal);
        Assert.Equal(expected.Objective, after.Objective, 1e-7 * Math.Abs(expected.Objective));
        OptimalityConditions.Assert(smaller, after, KktTolerance);
        Assert.Throws<ArgumentException>(() => model.DeleteColumns([0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.DeleteColumns([model.ColumnCount]));
    }

    /// <summary>Deleting rows whose slack is basic keeps the basis of the rest: the re-solve is optimal at once, with
    /// the optimum of the model that never had them; a later solve after new rows starts from there.</summary>
    [Fact]
    public void Deleted_slack_rows_keep_the_warm_start()
    {
        var full = RandomDispatch.Build(generators: 300, flowRows: 30, quadratic: false, seed: 14);
        using var model = Load(full);
        var first = model.Solve();
        Assert.True(first.IsOptimal);
        var slack = Enumerable.Range(0, full.RowCount)
            .Where(i => first.RowDual[i] == 0 && first.RowActivity[i] < full.Rows[i].Upper - 1e-6 && first.RowActivity[i] > full.Rows[i].Lower + 1e-6)
            .ToArray();
        Assert.True(slack.Length >= 3, $"{slack.Length} slack rows");
        model.DeleteRows([.. slack.Reverse()]);
        Assert.Equal(full.RowCount - slack.Length, model.RowCount);
        var after = model.Solve();
        Assert.True(after.IsOptimal);
        Assert.Equal(0, after.Iterations);
        Assert.Equal(first.Objective, after.Objective, 1e-9 * Math.Abs(first.Objective));

        var smaller = new LpProblem();
        for (var j = 0; j < full.ColumnCount; j++)
        {
            smaller.AddColumn(full.ColumnLower[j], full.ColumnUpper[j], full.Cost[j]);
        }

        foreach (var row in full.Rows.Where((_, i) => !slack.Contains(i)))
        {
            smaller.AddRow(row);
        }

        OptimalityConditions.Assert(smaller, after, KktTolerance);
        Assert.Throws<ArgumentException>(() => model.DeleteRows([0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.DeleteRows([model.RowCount]));
    }

    /// <summary>
    /// A basis handed to the solver is where it starts: the optimal basis of an earlier solve, read off its
    /// solution (the problem is non-degenerate), makes a fresh model optimal at once; a wrong status (a column
    /// at upper reported at lower) costs pivots but still reaches the optimum.
    /// </summary>
    [Fact]
    public void A_given_basis_is_where_the_solve_starts()
    {
        var p = RandomDispatch.Build(generators: 400, flowRows: 20, quadratic: false, seed: 12);
        using var first = Load(p);
        var solved = first.Solve();
        Assert.True(solved.Iterations > 20);
        var (columns, rows) = BasisOf(p, solved);
        Assert.Equal(p.RowCount, columns.Count(s => s == BasisStatus.Basic) + rows.Count(s => s == BasisStatus.Basic));

        using var started = Load(p);
        started.SetBasis(columns, rows);
        var again = started.Solve();
        Assert.True(again.IsOptimal);
        Assert.True(again.Iterations <= 2, $"{again.Iterations} iterations from the optimal basis");
        Assert.Equal(solved.Objective, again.Objective, 1e-9 * Math.Abs(solved.Objective));

        var wrong = (BasisStatus[])columns.Clone();
        var atUpper = Array.IndexOf(wrong, BasisStatus.AtUpper);
        Assert.True(atUpper >= 0);
        wrong[atUpper] = BasisStatus.AtLower;
        using var repaired = Load(p);
        repaired.SetBasis(wrong, rows);
        var fixedUp = repaired.Solve();
        Assert.True(fixedUp.IsOptimal);
        Assert.Equal(solved.Objective, fixedUp.Objective, 1e-7 * Math.Abs(solved.Objective));

        Assert.Throws<ArgumentException>(() => started.SetBasis(columns[1..], rows));
    }

    /// <summary>Every scaling reaches the same optimum.</summary>
    [Theory]
    [InlineData(LpScaling.Automatic)]
    [InlineData(LpScaling.Equilibrium)]
    [InlineData(LpScaling.Off)]
    public void Every_scaling_reaches_the_same_optimum(LpScaling scaling)
    {
        var p = RandomDispatch.Build(generators: 200, flowRows: 10, quadratic: false, seed: 31);
        AssertDefaultOptimum(p, new LpOptions(Scaling: scaling));
    }

    /// <summary>Solves <paramref name="p"/> with <paramref name="options"/> and checks it reaches the optimum of the default options.</summary>
    private LpSolution AssertDefaultOptimum(LpProblem p, LpOptions options)
    {
        using var reference = Load(p);
        var expected = reference.Solve();
        using var model = Load(p, options);
        var solution = model.Solve();
        Assert.True(solution.IsOptimal);
        Assert.Equal(expected.Objective, solution.Objective, 1e-7 * Math.Abs(expected.Objective));
        OptimalityConditions.Assert(p, solution, KktTolerance);
        return solution;
    }

    /// <summary>The first <paramref name="count"/> columns of a problem, with their rows restricted to them.</summary>
    private static LpProblem Restrict(LpProblem full, int count) => Restrict(full, [.. Enumerable.Range(0, count)]);

    /// <summary>The columns <paramref name="keep"/> of a problem, in that order, with their rows restricted to them.</summary>
    private static LpProblem Restrict(LpProblem full, int[] keep)
    {
        var index = new Dictionary<int, int>();
        var p = new LpProblem();
        foreach (var j in keep)
        {
            index[j] = p.AddColumn(full.ColumnLower[j], full.ColumnUpper[j], full.Cost[j]);
        }

        foreach (var row in full.Rows)
        {
            var cols = new List<int>();
            var vals = new List<double>();
            for (var k = 0; k < row.Columns.Length; k++)
            {
                if (index.TryGetValue(row.Columns[k], out var j))
                {
                    cols.Add(j);
                    vals.Add(row.Values[k]);
                }
            }

            p.AddRow(new LpRow(row.Lower, row.Upper, [.. cols], [.. vals]));
        }

        return p;
    }

    /// <summary>The basis a non-degenerate optimum sits at: what is strictly inside its bounds is basic.</summary>
    private static (BasisStatus[] Columns, BasisStatus[] Rows) BasisOf(LpProblem p, LpSolution s)
    {
        static BasisStatus Status(double v, double lower, double upper) =>
            v <= lower + 1e-7 ? BasisStatus.AtLower : v >= upper - 1e-7 ? BasisStatus.AtUpper : BasisStatus.Basic;
        var columns = new BasisStatus[p.ColumnCount];
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j] = Status(s.Primal[j], p.ColumnLower[j], p.ColumnUpper[j]);
        }

        var rows = new BasisStatus[p.RowCount];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = Status(s.RowActivity[r], p.Rows[r].Lower, p.Rows[r].Upper);
        }

        return (columns, rows);
    }

    /// <summary>Re-solving an unchanged model starts at its optimal basis: nothing to do.</summary>
    [Fact]
    public void Unchanged_resolve_is_immediate_and_identical()
    {
        var p = RandomDispatch.Build(generators: 200, flowRows: 10, quadratic: false, seed: 5);
        using var model = Load(p);
        var first = model.Solve();
        var again = model.Solve();
        Assert.True(first.Iterations > 0);
        Assert.Equal(0, again.Iterations);
        Assert.Equal(first.Objective, again.Objective, 1e-9 * Math.Abs(first.Objective));
    }

    /// <summary>
    /// Bounds and costs changed on the loaded model give the same answers as a fresh model built with them.
    /// Block A of the first test (min 2x + 3y, x + y ≥ 10, x ≤ 6): make x cost 4 (y takes over: x = 0,
    /// y = 10, obj 30); then cap y at 7 (x = 3, obj 12 + 21 = 33, d_y = 3 − 4 = −1); then lift the x-row to
    /// 8 and demand to 12 (x = 5, y = 7, obj 41, duals r0 +4, r1 0).
    /// </summary>
    [Fact]
    public void Changed_bounds_and_costs_take_effect_on_resolve()
    {
        var p = new LpProblem();
        int x = p.AddColumn(0, 100, 2), y = p.AddColumn(0, 100, 3);
        p.AddRow(LpRow.AtLeast(10, [x, y], [1, 1]));
        p.AddRow(LpRow.AtMost(6, [x], [1]));
        using var model = Load(p);
        Assert.Equal(24, model.Solve().Objective, PrimalTolerance);

        model.SetCost(x, 4);
        var costed = model.Solve();
        Assert.Equal(30, costed.Objective, PrimalTolerance);
        AssertAll([0, 10], costed.Primal, PrimalTolerance, "after SetCost");
        AssertAll([1, 0], costed.ReducedCost, DualTolerance, "reduced cost after SetCost");

        model.SetColumnBounds(y, 0, 7);
        var capped = model.Solve();
        Assert.Equal(33, capped.Objective, PrimalTolerance);
        AssertAll([3, 7], capped.Primal, PrimalTolerance, "after SetColumnBounds");
        AssertAll([0, -1], capped.ReducedCost, DualTolerance, "reduced cost after SetColumnBounds");
        AssertAll([4, 0], capped.RowDual, DualTolerance, "row dual after SetColumnBounds");

        model.SetRowBounds(1, double.NegativeInfinity, 8);
        model.SetRowBounds(0, 12, double.PositiveInfinity);
        var moved = model.Solve();
        Assert.Equal(41, moved.Objective, PrimalTolerance);
        AssertAll([5, 7], moved.Primal, PrimalTolerance, "after SetRowBounds");
        AssertAll([4, 0], moved.RowDual, DualTolerance, "row dual after SetRowBounds");
    }

    /// <summary>Bounds changed to make the model infeasible, then back: the model recovers.</summary>
    [Fact]
    public void Model_recovers_after_an_infeasible_resolve()
    {
        var p = new LpProblem();
        int x = p.AddColumn(0, 100, 2), y = p.AddColumn(0, 100, 3);
        p.AddRow(LpRow.AtLeast(10, [x, y], [1, 1]));
        using var model = Load(p);
        Assert.Equal(20, model.Solve().Objective, PrimalTolerance);
        model.SetColumnBounds(x, 0, 1);
        model.SetColumnBounds(y, 0, 1);
        Assert.Equal(LpStatus.Infeasible, model.Solve().Status);
        model.SetColumnBounds(x, 0, 100);
        model.SetColumnBounds(y, 0, 100);
        var back = model.Solve();
        Assert.True(back.IsOptimal);
        Assert.Equal(20, back.Objective, PrimalTolerance);
    }

    /// <summary>A QP model takes changes too; each solve is from scratch (barrier) and meets KKT.</summary>
    [Fact]
    public void Quadratic_model_resolves_after_changes()
    {
        var p = RandomDispatch.Build(generators: 100, flowRows: 5, quadratic: true, seed: 9, tightness: 2);
        using var model = Load(p);
        var first = model.Solve();
        Assert.True(first.IsOptimal);
        var cuts = RandomDispatch.Build(generators: 100, flowRows: 5, quadratic: true, seed: 10, tightness: 0.3).Rows.Skip(1).ToArray();
        model.AddRows(cuts);
        model.SetCost(0, 1);
        model.SetColumnBounds(1, 10, 20);
        var second = model.Solve();
        foreach (var row in cuts)
        {
            p.AddRow(row);
        }

        var changed = RebuildWith(p, column: 0, cost: 1, boundsColumn: 1, lower: 10, upper: 20);
        Assert.True(second.IsOptimal);
        OptimalityConditions.Assert(changed, second, KktTolerance);
    }

    /// <summary>Every algorithm the options name reaches the same optimum of an LP.</summary>
    [Theory]
    [InlineData(LpAlgorithm.Automatic)]
    [InlineData(LpAlgorithm.DualSimplex)]
    [InlineData(LpAlgorithm.PrimalSimplex)]
    [InlineData(LpAlgorithm.Barrier)]
    public void Every_algorithm_reaches_the_same_LP_optimum(LpAlgorithm algorithm)
    {
        var p = RandomDispatch.Build(generators: 150, flowRows: 8, quadratic: false, seed: 21);
        var solution = AssertDefaultOptimum(p, new LpOptions(Algorithm: algorithm));
        if (algorithm != LpAlgorithm.Automatic)
        {
            Assert.Equal(algorithm, solution.Algorithm);
        }
    }

    /// <summary>Separate models on separate threads do not interfere.</summary>
    [Fact]
    public void Separate_models_solve_on_separate_threads()
    {
        var problems = Enumerable.Range(0, 4).Select(s => RandomDispatch.Build(150, 8, quadratic: s % 2 == 0, seed: 100 + s)).ToArray();
        var sequential = problems.Select(SolveOnce).ToArray();
        var parallel = new double[problems.Length];
        var threads = problems.Select((prob, k) => new Thread(() => parallel[k] = SolveOnce(prob))).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        for (var k = 0; k < problems.Length; k++)
        {
            Assert.Equal(sequential[k], parallel[k], 1e-7 * Math.Abs(sequential[k]));
        }

        double SolveOnce(LpProblem prob)
        {
            using var m = Load(prob);
            var s = m.Solve();
            Assert.True(s.IsOptimal);
            return s.Objective;
        }
    }

    [Fact]
    public void Invalid_changes_are_refused()
    {
        var p = new LpProblem();
        p.AddColumn(0, 1, 1);
        p.AddRow(LpRow.AtMost(1, [0], [1]));
        using var model = Load(p);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.SetColumnBounds(1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.SetRowBounds(-1, 0, 1));
        Assert.Throws<ArgumentException>(() => model.SetColumnBounds(0, 2, 1));
        Assert.Throws<ArgumentException>(() => model.SetCost(0, double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => model.AddRows([LpRow.AtMost(1, [3], [1])]));
        Assert.ThrowsAny<ArgumentException>(() => model.AddRows([LpRow.AtMost(1, [0], [1, 2])]));
        Assert.Equal(1, model.RowCount);
        Assert.True(model.Solve().IsOptimal);
    }

    [Fact]
    public void Disposed_model_refuses_use()
    {
        var p = new LpProblem();
        p.AddColumn(0, 1, 1);
        var model = Load(p);
        model.Dispose();
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => model.Solve());
    }

    protected static double Activity(LpRow row, double[] x)
    {
        var sum = 0.0;
        for (var k = 0; k < row.Columns.Length; k++)
        {
            sum += row.Values[k] * x[row.Columns[k]];
        }

        return sum;
    }

    protected static void AssertAll(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance * (1 + Math.Abs(expected[k])), $"{what}[{k}]: expected {expected[k]}, got {actual[k]}");
        }
    }

    private static LpProblem RebuildWith(LpProblem source, int column, double cost, int boundsColumn, double lower, double upper)
    {
        var copy = new LpProblem();
        for (var j = 0; j < source.ColumnCount; j++)
        {
            copy.AddColumn(
                j == boundsColumn ? lower : source.ColumnLower[j],
                j == boundsColumn ? upper : source.ColumnUpper[j],
                j == column ? cost : source.Cost[j]);
        }

        foreach (var ((i, j), q) in source.Quadratic)
        {
            copy.AddQuadratic(i, j, q);
        }

        foreach (var row in source.Rows)
        {
            copy.AddRow(row);
        }

        return copy;
    }
}
