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

    /// <summary>Appends columns, with their entries in existing rows if any; returns the index of the first.
    /// Used for penalty slacks of rows added during constraint generation and for columns priced back in (column
    /// generation); a re-solve stays warm.</summary>
    int AddColumns(IReadOnlyList<LpColumn> columns);

    /// <summary>Removes columns (distinct indices, any order); the columns after each move down to close the gap.
    /// Meant for nonbasic columns leaving a linear model during column generation: the basis of the others is
    /// kept, so a re-solve stays warm. Not for quadratic models.</summary>
    void DeleteColumns(IReadOnlyList<int> columns);

    /// <summary>Removes rows (distinct indices, any order); the rows after each move down to close the gap. Meant for
    /// rows whose slack is basic (inactive constraints leaving a linear model during constraint generation): the basis
    /// of the rest is kept, so a re-solve stays warm. Not for quadratic models.</summary>
    void DeleteRows(IReadOnlyList<int> rows);

    /// <summary>Starts the next solve from this basis instead of the last one (a crash basis the caller knows to be
    /// nonsingular and dual feasible): one status per column and per row (a row's status is its activity's).</summary>
    void SetBasis(IReadOnlyList<BasisStatus> columns, IReadOnlyList<BasisStatus> rows);

    /// <summary>The basis the last solve ended on (one status per column and per row), or null when there is none
    /// worth starting from (no optimal simplex solve yet, or a quadratic model): to start another model of the same
    /// shape from it, e.g. the next interval of a day.</summary>
    (BasisStatus[] Columns, BasisStatus[] Rows)? GetBasis();

    void SetColumnBounds(int column, double lower, double upper);

    void SetRowBounds(int row, double lower, double upper);

    void SetCost(int column, double cost);
}
