namespace Gridclear.Solvers;

/// <summary>
/// A problem with its fixed columns (lower = upper) taken out: their values are folded into the row bounds, their
/// quadratic cross terms into the linear costs of the columns they meet, and rows left with no column are dropped.
/// Clp's QP barrier sees none of them, which matters because each of its factorisations costs the square of the KKT
/// size in Debian's build (<c>HeadroomModel</c>): a reserve market's fixed-output generators and the reserve columns
/// held at 0 were a third of the columns it factorised on case_ACTIVSg10k. <see cref="Expand"/> maps a solution back.
/// </summary>
public sealed class FixedColumns
{
    private readonly LpProblem _original;
    private readonly int[] _reducedOf;
    private readonly int[] _keptRows;

    private FixedColumns(LpProblem original, LpProblem reduced, int[] reducedOf, int[] keptRows)
    {
        _original = original;
        Reduced = reduced;
        _reducedOf = reducedOf;
        _keptRows = keptRows;
    }

    /// <summary>The problem without the fixed columns (and without the rows that had only those).</summary>
    public LpProblem Reduced { get; }

    /// <summary>
    /// The reduction of <paramref name="problem"/>; null when it has no fixed column, or when a row with only fixed
    /// columns is violated by them (the problem is infeasible as it stands, and the solver should say so itself).
    /// </summary>
    public static FixedColumns? Of(LpProblem problem)
    {
        var n = problem.ColumnCount;
        var reducedOf = new int[n];
        var kept = 0;
        for (var j = 0; j < n; j++)
        {
            reducedOf[j] = problem.ColumnLower[j] == problem.ColumnUpper[j] ? -1 : kept++;
        }

        if (kept == n)
        {
            return null;
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
                cost[ri] += q * problem.ColumnLower[j];
            }
            else if (rj >= 0)
            {
                cost[rj] += q * problem.ColumnLower[i];
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
                    constant += row.Values[k] * problem.ColumnLower[j];
                }
            }

            if (free == 0)
            {
                var slack = Optimality.PrimalTolerance * (1 + Math.Abs(constant));
                if (constant < row.Lower - slack || constant > row.Upper + slack)
                {
                    return null;
                }

                continue;
            }

            keptRows.Add(r);
            reduced.AddRow(new LpRow(row.Lower - constant, row.Upper - constant, columns, values));
        }

        return new FixedColumns(problem, reduced, reducedOf, [.. keptRows]);
    }

    /// <summary>
    /// A solution of <see cref="Reduced"/> as one of the original problem: fixed columns at their value, dropped rows with
    /// a zero dual, and the row activities, reduced costs and objective recomputed from the original.
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
            x[j] = _reducedOf[j] >= 0 ? reduced.Primal[_reducedOf[j]] : _original.ColumnLower[j];
        }

        var y = new double[_original.RowCount];
        for (var k = 0; k < _keptRows.Length; k++)
        {
            y[_keptRows[k]] = reduced.RowDual[k];
        }

        return Optimality.Of(_original, x, y).Solution(x, y, reduced.Iterations, reduced.Algorithm) with { Status = reduced.Status };
    }
}
