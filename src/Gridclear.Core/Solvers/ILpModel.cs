namespace Gridclear.Solvers;

/// <summary>
/// A problem loaded into a solver. It can be changed (rows added, bounds and costs changed) and solved
/// again; a linear re-solve starts warm from the last basis instead of rebuilding the model.
/// Not thread-safe: one model, one thread.
/// </summary>
public interface ILpModel : IDisposable
{
    int ColumnCount { get; }

    int RowCount { get; }

    LpSolution Solve();

    /// <summary>Appends rows; returns the index of the first. Existing row and column indices do not change.</summary>
    int AddRows(IReadOnlyList<LpRow> rows);

    /// <summary>Appends columns with no entries in existing rows; returns the index of the first.
    /// Used for penalty slacks of rows added during constraint generation.</summary>
    int AddColumns(IReadOnlyList<LpColumn> columns);

    void SetColumnBounds(int column, double lower, double upper);

    void SetRowBounds(int row, double lower, double upper);

    void SetCost(int column, double cost);
}
