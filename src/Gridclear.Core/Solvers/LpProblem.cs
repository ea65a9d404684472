namespace Gridclear.Solvers;

/// <summary>
/// A linear or convex quadratic minimisation problem, built column by column and row by row:
/// minimise cᵀx + ½ xᵀQx subject to rowLower ≤ Ax ≤ rowUpper and colLower ≤ x ≤ colUpper.
/// Infinite bounds are <see cref="double.PositiveInfinity"/> / <see cref="double.NegativeInfinity"/>.
/// Always a minimisation: callers negate a value they maximise, so dual signs have one meaning.
/// </summary>
public sealed class LpProblem
{
    private readonly List<double> _colLower = [];
    private readonly List<double> _colUpper = [];
    private readonly List<double> _cost = [];
    private readonly List<LpRow> _rows = [];
    private readonly Dictionary<(int, int), double> _quadratic = [];

    public int ColumnCount => _cost.Count;
    public int RowCount => _rows.Count;
    public IReadOnlyList<double> ColumnLower => _colLower;
    public IReadOnlyList<double> ColumnUpper => _colUpper;
    public IReadOnlyList<double> Cost => _cost;
    public IReadOnlyList<LpRow> Rows => _rows;

    /// <summary>Entries of Q with i ≤ j; Q is symmetric and the objective adds ½ xᵀQx
    /// (so a cost c₂x² is the diagonal entry 2c₂).</summary>
    public IReadOnlyDictionary<(int Row, int Column), double> Quadratic => _quadratic;

    public bool IsQuadratic => _quadratic.Count > 0;

    /// <summary>A copy to change apart from this one (rows are immutable records, shared).</summary>
    public LpProblem Copy()
    {
        var copy = new LpProblem();
        copy._colLower.AddRange(_colLower);
        copy._colUpper.AddRange(_colUpper);
        copy._cost.AddRange(_cost);
        copy._rows.AddRange(_rows);
        foreach (var (key, q) in _quadratic)
        {
            copy._quadratic[key] = q;
        }

        return copy;
    }

    /// <summary>Adds a column and returns its index.</summary>
    public int AddColumn(double lower, double upper, double cost)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || double.IsNaN(cost) || lower > upper)
        {
            throw new ArgumentException($"column {_cost.Count}: bounds [{lower}, {upper}] or cost {cost} are invalid");
        }

        _colLower.Add(lower);
        _colUpper.Add(upper);
        _cost.Add(cost);
        return _cost.Count - 1;
    }

    /// <summary>Adds q to Q[i,j] and Q[j,i] (once when i = j).</summary>
    public void AddQuadratic(int i, int j, double q)
    {
        if (i > j)
        {
            (i, j) = (j, i);
        }

        if ((uint)j >= (uint)ColumnCount)
        {
            throw new ArgumentOutOfRangeException(nameof(j), $"quadratic term ({i},{j}) names no column");
        }

        _quadratic[(i, j)] = _quadratic.GetValueOrDefault((i, j)) + q;
    }

    /// <summary>Changes the bounds of a row (a loaded model is changed through <see cref="ILpModel.SetRowBounds"/>).</summary>
    public void SetRowBounds(int row, double lower, double upper) =>
        _rows[row] = _rows[row] with { Lower = lower, Upper = upper };

    /// <summary>Changes the bounds of a column (a loaded model is changed through <see cref="ILpModel.SetColumnBounds"/>).</summary>
    public void SetColumnBounds(int column, double lower, double upper)
    {
        _colLower[column] = lower;
        _colUpper[column] = upper;
    }

    /// <summary>Changes the linear cost of a column.</summary>
    public void SetCost(int column, double cost) => _cost[column] = cost;

    /// <summary>Sets the diagonal entry Q[j,j] (0 removes it): the objective adds ½·q·x_j².</summary>
    public void SetQuadratic(int column, double q)
    {
        if (q == 0)
        {
            _quadratic.Remove((column, column));
        }
        else
        {
            _quadratic[(column, column)] = q;
        }
    }

    /// <summary>Adds a row and returns its index.</summary>
    public int AddRow(LpRow row)
    {
        Check(row, _rows.Count);
        _rows.Add(row);
        return _rows.Count - 1;
    }

    /// <summary>Replaces row <paramref name="index"/> (coefficients and bounds); a loaded model must be reloaded to see it.</summary>
    public void ReplaceRow(int index, LpRow row)
    {
        Check(row, index);
        _rows[index] = row;
    }

    private void Check(LpRow row, int index)
    {
        foreach (var c in row.Columns)
        {
            if ((uint)c >= (uint)ColumnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"row {index} names column {c}, which does not exist");
            }
        }
    }
}
