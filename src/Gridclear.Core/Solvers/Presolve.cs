namespace Gridclear.Solvers;

/// <summary>
/// A problem with its fixed columns (lower = upper) and its forced rows taken out, for <see cref="InteriorPointQp"/>,
/// which needs every column to have an interior and every dual to be bounded:
/// <list type="bullet">
/// <item>A fixed column's value is folded into the row bounds, its quadratic cross terms into the linear costs of the
/// columns they meet. (A reserve market's units fixed at capacity and the reserve columns held at 0 were a third of the
/// columns on case_ACTIVSg10k.)</item>
/// <item>A forced row is one whose columns' bounds allow it no activity but its bound: a reserve requirement in a zone
/// with no supply (−Σ demand segments ≥ 0). Its columns are fixed at the bounds that force it, and its dual, which the
/// optimum leaves free on a half-line (any price above the curve's is optimal when nothing can be bought), is set to
/// the end of that half-line: the least price that keeps its columns where they are, as a simplex vertex would.</item>
/// </list>
/// Rows left with no column are dropped; <see cref="Expand"/> maps a solution back and checks it.
/// </summary>
public sealed class Presolve
{
    private readonly LpProblem _original;
    private readonly int[] _reducedOf;
    private readonly double[] _fixedAt;
    private readonly int[] _keptRows;
    private readonly List<(int Row, int Direction, int[] Columns)> _forced;

    private Presolve(LpProblem original, LpProblem reduced, int[] reducedOf, double[] fixedAt, int[] keptRows, List<(int, int, int[])> forced)
    {
        _original = original;
        Reduced = reduced;
        _reducedOf = reducedOf;
        _fixedAt = fixedAt;
        _keptRows = keptRows;
        _forced = forced;
    }

    /// <summary>The problem without the fixed columns and the forced rows (and without rows left empty).</summary>
    public LpProblem Reduced { get; }

    /// <summary>
    /// The reduction of <paramref name="problem"/>; null when there is nothing to take out, or when the bounds alone
    /// break a row (the problem is infeasible as it stands, and the solver should say so itself).
    /// </summary>
    public static Presolve? Of(LpProblem problem)
    {
        var n = problem.ColumnCount;
        var fixedAt = new double[n];
        var isFixed = new bool[n];
        var any = false;
        for (var j = 0; j < n; j++)
        {
            if (problem.ColumnLower[j] == problem.ColumnUpper[j])
            {
                isFixed[j] = true;
                fixedAt[j] = problem.ColumnLower[j];
                any = true;
            }
        }

        // Forced rows, until fixing their columns forces no other.
        var forced = new List<(int Row, int Direction, int[] Columns)>();
        var isForced = new bool[problem.RowCount];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var r = 0; r < problem.RowCount; r++)
            {
                if (isForced[r])
                {
                    continue;
                }

                var row = problem.Rows[r];
                var (least, most) = (0.0, 0.0);
                for (var k = 0; k < row.Columns.Length; k++)
                {
                    var (j, a) = (row.Columns[k], row.Values[k]);
                    if (a == 0)
                    {
                        continue;
                    }

                    if (isFixed[j])
                    {
                        least += a * fixedAt[j];
                        most += a * fixedAt[j];
                    }
                    else
                    {
                        least += a * (a > 0 ? problem.ColumnLower[j] : problem.ColumnUpper[j]);
                        most += a * (a > 0 ? problem.ColumnUpper[j] : problem.ColumnLower[j]);
                    }
                }

                var slack = Optimality.PrimalTolerance * (1 + Magnitude(row.Lower) + Magnitude(row.Upper));
                if (most < row.Lower - slack || least > row.Upper + slack)
                {
                    return null;
                }

                var direction = most <= row.Lower + (1e-3 * slack) && double.IsFinite(most) ? 1
                    : least >= row.Upper - (1e-3 * slack) && double.IsFinite(least) ? -1
                    : 0;
                var free = row.Columns.Where(j => !isFixed[j]).Distinct().ToArray();
                if (direction == 0 || free.Length == 0)
                {
                    continue;
                }

                // Every free column at the bound that pushes the activity towards the forcing side.
                for (var k = 0; k < row.Columns.Length; k++)
                {
                    var (j, a) = (row.Columns[k], row.Values[k]);
                    if (!isFixed[j] && a != 0)
                    {
                        isFixed[j] = true;
                        fixedAt[j] = (a > 0) == (direction > 0) ? problem.ColumnUpper[j] : problem.ColumnLower[j];
                    }
                }

                isForced[r] = true;
                forced.Add((r, direction, free));
                any = changed = true;
            }
        }

        if (!any)
        {
            return null;
        }

        var reducedOf = new int[n];
        var kept = 0;
        for (var j = 0; j < n; j++)
        {
            reducedOf[j] = isFixed[j] ? -1 : kept++;
        }

        var reduced = new LpProblem();
        var cost = new double[kept];
        for (var j = 0; j < n; j++)
        {
            if (reducedOf[j] >= 0)
            {
                cost[reducedOf[j]] = problem.Cost[j];
            }
        }

        // ½ Σ Q_ii x_i² + Σ_{i<j} Q_ij x_i x_j: a term with one fixed end is linear in the other.
        var quadratic = new List<(int I, int J, double Q)>();
        foreach (var ((i, j), q) in problem.Quadratic)
        {
            var (ri, rj) = (reducedOf[i], reducedOf[j]);
            if (ri >= 0 && rj >= 0)
            {
                quadratic.Add((ri, rj, q));
            }
            else if (ri >= 0)
            {
                cost[ri] += q * fixedAt[j];
            }
            else if (rj >= 0)
            {
                cost[rj] += q * fixedAt[i];
            }
        }

        for (var j = 0; j < n; j++)
        {
            if (reducedOf[j] >= 0)
            {
                reduced.AddColumn(problem.ColumnLower[j], problem.ColumnUpper[j], cost[reducedOf[j]]);
            }
        }

        // In the order of the problem's own dictionary, which is deterministic for the same sequence of additions.
        foreach (var (i, j, q) in quadratic)
        {
            reduced.AddQuadratic(i, j, q);
        }

        var keptRows = new List<int>(problem.RowCount);
        for (var r = 0; r < problem.RowCount; r++)
        {
            var row = problem.Rows[r];
            var constant = 0.0;
            var free = 0;
            foreach (var j in row.Columns)
            {
                free += reducedOf[j] >= 0 ? 1 : 0;
            }

            if (free == 0)
            {
                continue;
            }

            var columns = new int[free];
            var values = new double[free];
            var at = 0;
            for (var k = 0; k < row.Columns.Length; k++)
            {
                var j = row.Columns[k];
                if (reducedOf[j] >= 0)
                {
                    columns[at] = reducedOf[j];
                    values[at++] = row.Values[k];
                }
                else
                {
                    constant += row.Values[k] * fixedAt[j];
                }
            }

            keptRows.Add(r);
            reduced.AddRow(new LpRow(row.Lower - constant, row.Upper - constant, columns, values));
        }

        return new Presolve(problem, reduced, reducedOf, fixedAt, [.. keptRows], forced);
    }

    private static double Magnitude(double bound) => double.IsFinite(bound) ? Math.Abs(bound) : 0;

    /// <summary>
    /// A solution of <see cref="Reduced"/> as one of the original problem: taken-out columns at their value, dropped rows
    /// with a zero dual, forced rows with theirs, and the row activities, reduced costs and objective recomputed from the
    /// original. Optimal only when it is optimal there too (<see cref="Optimality"/>).
    /// </summary>
    public LpSolution Expand(LpSolution reduced)
    {
        if (reduced.Primal.Length != Reduced.ColumnCount || reduced.RowDual.Length != Reduced.RowCount)
        {
            return reduced;
        }

        var x = new double[_original.ColumnCount];
        for (var j = 0; j < x.Length; j++)
        {
            x[j] = _reducedOf[j] >= 0 ? reduced.Primal[_reducedOf[j]] : _fixedAt[j];
        }

        var y = new double[_original.RowCount];
        for (var k = 0; k < _keptRows.Length; k++)
        {
            y[_keptRows[k]] = reduced.RowDual[k];
        }

        // Each forced row's dual, last forced first (a row forced later was forced by columns an earlier one fixed): the
        // least (in magnitude, on its side) that leaves each of its columns' reduced cost pushing it where it was fixed.
        // The reduced costs are computed once and moved by each dual set (a reserve market's units fixed at capacity are
        // a thousand forced rows).
        var reducedCost = _forced.Count > 0 ? Optimality.Of(_original, x, y).ReducedCost : [];
        for (var f = _forced.Count - 1; f >= 0; f--)
        {
            var (r, direction, columns) = _forced[f];
            var row = _original.Rows[r];
            var dual = 0.0;
            foreach (var j in columns)
            {
                var a = 0.0;
                for (var k = 0; k < row.Columns.Length; k++)
                {
                    a += row.Columns[k] == j ? row.Values[k] : 0;
                }

                // Without this row, the column's reduced cost is g = d + a·y_r = d (y_r is still 0); it needs g − a·y_r
                // ≤ 0 at its upper bound and ≥ 0 at its lower, which bounds y_r by g / a on the forcing side.
                if (a != 0 && _original.ColumnLower[j] < _original.ColumnUpper[j])
                {
                    dual = direction > 0 ? Math.Max(dual, reducedCost[j] / a) : Math.Min(dual, reducedCost[j] / a);
                }
            }

            y[r] = dual;
            for (var k = 0; k < row.Columns.Length; k++)
            {
                reducedCost[row.Columns[k]] -= row.Values[k] * dual;
            }
        }

        var check = Optimality.Of(_original, x, y);
        return check.Solution(x, y, reduced.Iterations, reduced.Algorithm) with
        {
            Status = reduced.Status == LpStatus.Optimal && !check.Holds ? LpStatus.Failed : reduced.Status,
        };
    }
}
