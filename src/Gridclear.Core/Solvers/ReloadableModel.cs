namespace Gridclear.Solvers;

/// <summary>
/// A loaded model that can be reloaded from its <see cref="LpProblem"/> when the problem changed in a way a live model
/// cannot follow (quadratic terms: the marginal-loss iteration). Between reloads it is the loaded model itself, so
/// constraint generation keeps adding rows warm; the caller keeps the problem in step with what it adds.
/// </summary>
public sealed class ReloadableModel : ILpModel
{
    private readonly ILpSolver _solver;
    private readonly LpProblem _problem;
    private readonly LpOptions _options;
    private ILpModel _model;

    public ReloadableModel(ILpSolver solver, LpProblem problem, LpOptions options)
    {
        _solver = solver;
        _problem = problem;
        _options = options;
        _model = solver.Load(problem, options);
    }

    public int ColumnCount => _model.ColumnCount;

    public int RowCount => _model.RowCount;

    /// <summary>Drops the loaded model and loads the problem as it is now.</summary>
    public void Reload()
    {
        var fresh = _solver.Load(_problem, _options);
        _model.Dispose();
        _model = fresh;
    }

    public LpSolution Solve() => _model.Solve();

    public int AddRows(IReadOnlyList<LpRow> rows) => _model.AddRows(rows);

    public int AddColumns(IReadOnlyList<LpColumn> columns) => _model.AddColumns(columns);

    public void DeleteColumns(IReadOnlyList<int> columns) => _model.DeleteColumns(columns);

    public void DeleteRows(IReadOnlyList<int> rows) => _model.DeleteRows(rows);

    public void SetBasis(IReadOnlyList<BasisStatus> columns, IReadOnlyList<BasisStatus> rows) => _model.SetBasis(columns, rows);

    public (BasisStatus[] Columns, BasisStatus[] Rows)? GetBasis() => _model.GetBasis();

    public void SetColumnBounds(int column, double lower, double upper) => _model.SetColumnBounds(column, lower, upper);

    public void SetRowBounds(int row, double lower, double upper) => _model.SetRowBounds(row, lower, upper);

    public void SetCost(int column, double cost) => _model.SetCost(column, cost);

    public void Dispose() => _model.Dispose();
}
