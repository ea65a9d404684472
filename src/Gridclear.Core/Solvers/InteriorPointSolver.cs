namespace Gridclear.Solvers;

/// <summary>
/// A solver that takes the quadratic problems <see cref="InteriorPointQp"/> is for (few rows, Q in small blocks: the
/// dispatch with quadratic costs, its reserve and marginal-loss forms) and leaves the rest to <paramref name="native"/>:
/// linear problems, problems of another shape, and any solve the interior point does not finish at an optimum that
/// passes <see cref="Optimality"/>. Clp's QP barrier pays for a KKT factorisation of columns + 2·rows whose cost in
/// Debian's build grows with its square (BENCHMARKS.md, "Reserves in headroom form"); this one factorises the rows'
/// normal equations.
/// </summary>
public sealed class InteriorPointSolver(ILpSolver native) : ILpSolver
{
    public string Name => native.Name;

    /// <summary>The solver of <paramref name="options"/>: this one over <paramref name="native"/> when
    /// <see cref="LpOptions.InteriorPointQp"/> is on (the default), the native solver alone otherwise.</summary>
    public static ILpSolver Over(ILpSolver native, LpOptions options) =>
        options.InteriorPointQp && native is not InteriorPointSolver ? new InteriorPointSolver(native) : native;

    public ILpModel Load(LpProblem problem, LpOptions options) =>
        problem.IsQuadratic && options.InteriorPointQp ? new Model(native, problem.Copy(), options) : native.Load(problem, options);

    /// <summary>A quadratic model: its own copy of the problem, changed in place, solved from scratch each time (as
    /// any QP barrier solve is).</summary>
    private sealed class Model(ILpSolver native, LpProblem problem, LpOptions options) : ILpModel
    {
        public int ColumnCount => problem.ColumnCount;

        public int RowCount => problem.RowCount;

        public LpSolution Solve()
        {
            var reduction = Presolve.Of(problem);
            if (InteriorPointQp.Solve(reduction?.Reduced ?? problem) is { Status: LpStatus.Optimal } own)
            {
                return reduction?.Expand(own) ?? own;
            }

            using var model = native.Load(problem, options);
            return model.Solve();
        }

        public int AddRows(IReadOnlyList<LpRow> rows)
        {
            var first = problem.RowCount;
            foreach (var row in rows)
            {
                problem.AddRow(row);
            }

            return first;
        }

        public int AddColumns(IReadOnlyList<LpColumn> columns)
        {
            // As in any quadratic model (ClpModel): new columns enter rows added after them.
            if (columns.Any(c => c.EntryCount > 0))
            {
                throw new NotSupportedException("columns with entries cannot be added to a quadratic model");
            }

            var first = problem.ColumnCount;
            foreach (var c in columns)
            {
                problem.AddColumn(c.Lower, c.Upper, c.Cost);
            }

            return first;
        }

        public void DeleteColumns(IReadOnlyList<int> columns) => throw new NotSupportedException("columns cannot be deleted from a quadratic model");

        public void DeleteRows(IReadOnlyList<int> rows) => throw new NotSupportedException("rows cannot be deleted from a quadratic model");

        public void SetBasis(IReadOnlyList<BasisStatus> columns, IReadOnlyList<BasisStatus> rows) =>
            throw new NotSupportedException("a quadratic model always solves from scratch");

        public (BasisStatus[] Columns, BasisStatus[] Rows)? GetBasis() => null;

        public void SetColumnBounds(int column, double lower, double upper) => problem.SetColumnBounds(column, lower, upper);

        public void SetRowBounds(int row, double lower, double upper) => problem.SetRowBounds(row, lower, upper);

        public void SetCost(int column, double cost) => problem.SetCost(column, cost);

        public void Dispose()
        {
        }
    }
}
