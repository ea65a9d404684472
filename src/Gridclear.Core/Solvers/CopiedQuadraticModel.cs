namespace Gridclear.Solvers;

/// <summary>
/// A quadratic model that keeps its own copy of the problem, applies every change to it and solves it from scratch
/// each time (a QP is never re-solved warm: Clp's barrier cannot, nor can the interior point). As in any quadratic
/// model (ClpModel), columns and rows are only appended, and new columns enter rows added after them.
/// </summary>
public abstract class CopiedQuadraticModel(LpProblem problem) : ILpModel
{
    /// <summary>The model's own copy, as changed so far.</summary>
    protected LpProblem Problem { get; } = problem.Copy();

    public int ColumnCount => Problem.ColumnCount;

    public int RowCount => Problem.RowCount;

    public abstract LpSolution Solve();

    public int AddRows(IReadOnlyList<LpRow> rows)
    {
        var first = Problem.RowCount;
        foreach (var row in rows)
        {
            Problem.AddRow(row);
        }

        return first;
    }

    public int AddColumns(IReadOnlyList<LpColumn> columns)
    {
        if (columns.Any(c => c.EntryCount > 0))
        {
            throw new NotSupportedException("columns with entries cannot be added to a quadratic model");
        }

        var first = Problem.ColumnCount;
        foreach (var c in columns)
        {
            Problem.AddColumn(c.Lower, c.Upper, c.Cost);
        }

        return first;
    }

    public void DeleteColumns(IReadOnlyList<int> columns) => throw new NotSupportedException("columns cannot be deleted from a quadratic model");

    public void DeleteRows(IReadOnlyList<int> rows) => throw new NotSupportedException("rows cannot be deleted from a quadratic model");

    public void SetBasis(IReadOnlyList<BasisStatus> columns, IReadOnlyList<BasisStatus> rows) =>
        throw new NotSupportedException("a quadratic model always solves from scratch");

    public (BasisStatus[] Columns, BasisStatus[] Rows)? GetBasis() => null;

    public void SetColumnBounds(int column, double lower, double upper) => Problem.SetColumnBounds(column, lower, upper);

    public void SetRowBounds(int row, double lower, double upper) => Problem.SetRowBounds(row, lower, upper);

    public void SetCost(int column, double cost) => Problem.SetCost(column, cost);

    public void Dispose() => GC.SuppressFinalize(this);
}
