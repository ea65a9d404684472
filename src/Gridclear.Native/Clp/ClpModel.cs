using System.Diagnostics;
using Gridclear.Solvers;

namespace Gridclear.Native.Clp;

/// <summary>
/// One problem loaded into a native Clp model. Keeps managed copies of bounds, costs and Q so that
/// objectives and reduced costs are computed in the documented convention, independent of how Clp reports
/// them. Bound and cost changes are buffered and pushed to Clp once, at the next <see cref="Solve"/>.
/// Not thread-safe: one model, one thread; separate models on separate threads are independent.
/// </summary>
public sealed unsafe class ClpModel : ILpModel
{
    /// <summary>Clp's infinity (COIN_DBL_MAX). Clp also treats |bound| ≥ 1e27 as infinite, but an explicit
    /// mapping keeps that assumption out of the binding.</summary>
    private const double ClpInfinity = double.MaxValue;

    /// <summary>The largest magnitude of a cost, finite bound, coefficient or Q entry passed to Clp. Clp asserts (and
    /// so aborts the whole process) on a scaled cost of 1e25 or more; a margin of 1e5 covers its scaling. The input
    /// limits (Gridclear.InputLimits) keep every real market far below it; this catches what slips past them.</summary>
    public const double MaxMagnitude = 1e20;

    private readonly ClpHandle _handle;
    private readonly LpOptions _options;
    private int _columnCount;
    private double[] _colLower;
    private double[] _colUpper;
    private double[] _cost;
    private readonly List<double> _rowLower;
    private readonly List<double> _rowUpper;
    private int _rowCount;

    // Q in full symmetric compressed-column form (both triangles), for xᵀQx and Qx.
    private readonly int[] _qStart;
    private readonly int[] _qIndex;
    private readonly double[] _qValue;

    private bool _columnBoundsDirty;
    private bool _rowBoundsDirty;
    private bool _costDirty;
    private bool _hasBasis;

    // What changed since the last solve, for the choice of warm algorithm.
    private bool _costChangedSinceSolve;
    private bool _boundsOrRowsChangedSinceSolve;

    internal ClpModel(LpProblem problem, LpOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.MaxSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxSeconds must be positive, got {options.MaxSeconds}");
        }

        _options = options;
        _columnCount = problem.ColumnCount;
        _colLower = [.. problem.ColumnLower];
        _colUpper = [.. problem.ColumnUpper];
        _cost = [.. problem.Cost];
        _rowLower = new List<double>(problem.RowCount);
        _rowUpper = new List<double>(problem.RowCount);
        foreach (var row in problem.Rows)
        {
            CheckRow(row, _rowCount++);
            _rowLower.Add(row.Lower);
            _rowUpper.Add(row.Upper);
        }

        (_qStart, _qIndex, _qValue) = BuildSymmetricQ(problem);

        _handle = ClpNative.Clp_newModel();
        if (_handle.IsInvalid)
        {
            throw new InvalidOperationException("Clp_newModel returned null");
        }

        ClpNative.Clp_setLogLevel(_handle, options.Log ? 1 : 0);
        if (options.Scaling != LpScaling.Automatic)
        {
            // Clp's modes: 0 off, 1 equilibrium (3, its default, is automatic).
            ClpNative.Clp_scaling(_handle, options.Scaling == LpScaling.Off ? 0 : 1);
        }

        LoadMatrix(problem.Rows);
        if (IsQuadratic)
        {
            LoadQuadratic(problem);
        }
    }

    public int ColumnCount => _columnCount;

    public int RowCount => _rowCount;

    public bool IsQuadratic => _qValue.Length > 0;

    public LpSolution Solve()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        CheckMagnitudes();
        PushChanges();
        ClpNative.Clp_setMaximumSeconds(_handle, _options.MaxSeconds);
        ClpNative.Clp_setNumberIterations(_handle, 0);

        var algorithm = ChooseAlgorithm(out var warm);
        switch (algorithm)
        {
            case LpAlgorithm.Barrier:
                ClpNative.Clp_initialBarrierSolve(_handle);
                break;
            case LpAlgorithm.PrimalSimplex when warm:
                ClpNative.Clp_primal(_handle, 0);
                break;
            case LpAlgorithm.PrimalSimplex:
                ClpNative.Clp_initialPrimalSolve(_handle);
                break;
            case LpAlgorithm.DualSimplex when warm:
                ClpNative.Clp_dual(_handle, 0);
                break;
            default:
                ClpNative.Clp_initialDualSolve(_handle);
                break;
        }

        // Clp can stop "optimal" on its scaled model while the unscaled model still has primal and dual
        // infeasibilities (secondary status 2-4): a wrong vertex whose duals have the wrong sign (seen on the
        // example market: a flow limit held as if it were an equality, 19 $/h above the optimum). Clean up
        // unscaled with primal simplex from the basis reached; scaling stays off for this model's warm re-solves.
        var earlier = 0;
        if (!IsQuadratic && ClpNative.Clp_status(_handle) == 0 && ClpNative.Clp_secondaryStatus(_handle) is >= 2 and <= 4)
        {
            // The clean-up counts its iterations afresh.
            earlier = ClpNative.Clp_numberIterations(_handle);
            ClpNative.Clp_scaling(_handle, 0);
            ClpNative.Clp_primal(_handle, 0);
        }

        _costChangedSinceSolve = false;
        _boundsOrRowsChangedSinceSolve = false;
        var solution = ReadSolution(algorithm, earlier);

        // Only a basis that came out of an optimal simplex (or crossover) solve is worth starting from.
        _hasBasis = solution.Status == LpStatus.Optimal && !IsQuadratic;
        return solution;
    }

    public int AddRows(IReadOnlyList<LpRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var first = _rowCount;
        if (rows.Count == 0)
        {
            return first;
        }

        var nonZeros = 0L;
        for (var k = 0; k < rows.Count; k++)
        {
            CheckRow(rows[k], first + k);
            nonZeros += rows[k].Columns.Length;
        }

        if (nonZeros > int.MaxValue)
        {
            throw new ArgumentException("too many non-zeros for Clp's 32-bit CoinBigIndex", nameof(rows));
        }

        var starts = new int[rows.Count + 1];
        var columns = new int[nonZeros];
        var values = new double[nonZeros];
        var lower = new double[rows.Count];
        var upper = new double[rows.Count];
        var at = 0;
        for (var k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            starts[k] = at;
            row.Columns.CopyTo(columns, at);
            row.Values.CopyTo(values, at);
            at += row.Columns.Length;
            lower[k] = ToClp(row.Lower);
            upper[k] = ToClp(row.Upper);
        }

        starts[rows.Count] = at;

        // Buffered bound changes must reach Clp before it grows its arrays.
        PushChanges();
        fixed (double* l = lower, u = upper, v = values)
        fixed (int* s = starts, c = columns)
        {
            ClpNative.Clp_addRows(_handle, rows.Count, l, u, s, c, v);
        }

        foreach (var row in rows)
        {
            _rowCount++;
            _rowLower.Add(row.Lower);
            _rowUpper.Add(row.Upper);
        }

        _boundsOrRowsChangedSinceSolve = true;
        return first;
    }

    public int AddColumns(IReadOnlyList<LpColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var first = _columnCount;
        if (columns.Count == 0)
        {
            return first;
        }

        if (IsQuadratic && columns.Any(c => c.EntryCount > 0))
        {
            throw new NotSupportedException("columns with entries cannot be added to a quadratic model");
        }

        var lower = new double[columns.Count];
        var upper = new double[columns.Count];
        var cost = new double[columns.Count];
        var starts = new int[columns.Count + 1];
        var nonZeros = 0L;
        for (var k = 0; k < columns.Count; k++)
        {
            var c = columns[k];
            CheckColumn(c, first + k);
            lower[k] = ToClp(c.Lower);
            upper[k] = ToClp(c.Upper);
            cost[k] = c.Cost;
            nonZeros += c.EntryCount;
            if (nonZeros > int.MaxValue)
            {
                throw new ArgumentException("too many non-zeros for Clp's 32-bit CoinBigIndex", nameof(columns));
            }

            starts[k + 1] = (int)nonZeros;
        }

        var rows = new int[Math.Max(1, nonZeros)];
        var values = new double[Math.Max(1, nonZeros)];
        for (var k = 0; k < columns.Count; k++)
        {
            columns[k].Rows?.CopyTo(rows, starts[k]);
            columns[k].Values?.CopyTo(values, starts[k]);
        }

        // Buffered changes reach Clp before it grows its arrays.
        PushChanges();
        fixed (double* l = lower, u = upper, o = cost, v = values)
        fixed (int* s = starts, r = rows)
        {
            ClpNative.Clp_addColumns(_handle, columns.Count, l, u, o, s, r, v);
        }

        // New columns start at their lower bound in Clp's basis; a dual-feasible start may ask for the upper.
        if (ClpNative.Clp_statusExists(_handle) != 0)
        {
            for (var k = 0; k < columns.Count; k++)
            {
                if (columns[k].StartAtUpper && double.IsFinite(columns[k].Upper))
                {
                    ClpNative.Clp_setColumnStatus(_handle, first + k, 2);
                }
            }
        }

        _colLower = [.. _colLower, .. columns.Select(c => c.Lower)];
        _colUpper = [.. _colUpper, .. columns.Select(c => c.Upper)];
        _cost = [.. _cost, .. cost];
        _columnCount += columns.Count;
        _boundsOrRowsChangedSinceSolve = true;
        return first;
    }

    public void DeleteColumns(IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (columns.Count == 0)
        {
            return;
        }

        if (IsQuadratic)
        {
            throw new NotSupportedException("columns cannot be deleted from a quadratic model");
        }

        var gone = Marked(columns, _columnCount, "column", nameof(columns));

        // Clp keeps the status (basis) of the columns that stay.
        PushChanges();
        var which = columns.ToArray();
        fixed (int* w = which)
        {
            ClpNative.Clp_deleteColumns(_handle, which.Length, w);
        }

        var keep = Enumerable.Range(0, _columnCount).Where(j => !gone[j]).ToArray();
        _colLower = [.. keep.Select(j => _colLower[j])];
        _colUpper = [.. keep.Select(j => _colUpper[j])];
        _cost = [.. keep.Select(j => _cost[j])];
        _columnCount = keep.Length;
        _boundsOrRowsChangedSinceSolve = true;
    }

    public void DeleteRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (rows.Count == 0)
        {
            return;
        }

        if (IsQuadratic)
        {
            throw new NotSupportedException("rows cannot be deleted from a quadratic model");
        }

        var gone = Marked(rows, _rowCount, "row", nameof(rows));

        // Clp_deleteRows does not keep a basis to warm-start from (measured: a re-solve from scratch), so the status of
        // every column and of the rows that stay is copied out first and back in after: with the deleted rows' slacks
        // basic, what stays is a basis of the smaller model.
        PushChanges();
        byte[]? status = null;
        if (ClpNative.Clp_statusExists(_handle) != 0)
        {
            var all = new ReadOnlySpan<byte>(ClpNative.Clp_statusArray(_handle), _columnCount + _rowCount);
            status = new byte[_columnCount + _rowCount - rows.Count];
            all[.._columnCount].CopyTo(status);
            var at = _columnCount;
            for (var i = 0; i < _rowCount; i++)
            {
                if (!gone[i])
                {
                    status[at++] = all[_columnCount + i];
                }
            }
        }

        var which = rows.ToArray();
        fixed (int* w = which)
        {
            ClpNative.Clp_deleteRows(_handle, which.Length, w);
        }

        var keep = Enumerable.Range(0, _rowCount).Where(i => !gone[i]).ToArray();
        var lower = keep.Select(i => _rowLower[i]).ToList();
        var upper = keep.Select(i => _rowUpper[i]).ToList();
        _rowLower.Clear();
        _rowLower.AddRange(lower);
        _rowUpper.Clear();
        _rowUpper.AddRange(upper);
        _rowCount = keep.Length;
        if (status is not null)
        {
            fixed (byte* s = status)
            {
                ClpNative.Clp_copyinStatus(_handle, s);
            }
        }

        _boundsOrRowsChangedSinceSolve = true;
    }

    public void SetBasis(IReadOnlyList<BasisStatus> columns, IReadOnlyList<BasisStatus> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (columns.Count != _columnCount || rows.Count != _rowCount)
        {
            throw new ArgumentException($"a basis of {columns.Count} columns and {rows.Count} rows for a model of {_columnCount} and {_rowCount}");
        }

        if (IsQuadratic)
        {
            throw new NotSupportedException("a quadratic model always solves by the barrier, from scratch");
        }

        // Clp's status array: columns then rows, 1 basic, 2 at upper, 3 at lower.
        PushChanges();
        var status = new byte[_columnCount + _rowCount];
        for (var j = 0; j < _columnCount; j++)
        {
            status[j] = Code(columns[j]);
        }

        for (var i = 0; i < _rowCount; i++)
        {
            status[_columnCount + i] = Code(rows[i]);
        }

        fixed (byte* s = status)
        {
            ClpNative.Clp_copyinStatus(_handle, s);
        }

        _hasBasis = true;
        _boundsOrRowsChangedSinceSolve = true;

        static byte Code(BasisStatus s) => s switch
        {
            BasisStatus.Basic => 1,
            BasisStatus.AtUpper => 2,
            _ => 3,
        };
    }

    public (BasisStatus[] Columns, BasisStatus[] Rows)? GetBasis()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (!_hasBasis || ClpNative.Clp_statusExists(_handle) == 0)
        {
            return null;
        }

        var status = ClpNative.Clp_statusArray(_handle);
        var columns = new BasisStatus[_columnCount];
        var rows = new BasisStatus[_rowCount];
        for (var j = 0; j < _columnCount; j++)
        {
            columns[j] = Status(status[j]);
        }

        for (var i = 0; i < _rowCount; i++)
        {
            rows[i] = Status(status[_columnCount + i]);
        }

        return (columns, rows);

        // Free (0), superbasic (4) and fixed (5) nonbasic columns are read as at their lower bound.
        static BasisStatus Status(byte code) => (code & 7) switch
        {
            1 => BasisStatus.Basic,
            2 => BasisStatus.AtUpper,
            _ => BasisStatus.AtLower,
        };
    }

    public void SetColumnBounds(int column, double lower, double upper)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)column, (uint)_columnCount, nameof(column));
        CheckBounds(lower, upper, $"column {column}");
        _colLower[column] = lower;
        _colUpper[column] = upper;
        _columnBoundsDirty = true;
        _boundsOrRowsChangedSinceSolve = true;
    }

    public void SetRowBounds(int row, double lower, double upper)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)_rowCount, nameof(row));
        CheckBounds(lower, upper, $"row {row}");
        _rowLower[row] = lower;
        _rowUpper[row] = upper;
        _rowBoundsDirty = true;
        _boundsOrRowsChangedSinceSolve = true;
    }

    public void SetCost(int column, double cost)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)column, (uint)_columnCount, nameof(column));
        if (!double.IsFinite(cost))
        {
            throw new ArgumentException($"column {column}: cost {cost} is not finite", nameof(cost));
        }

        _cost[column] = cost;
        _costDirty = true;
        _costChangedSinceSolve = true;
    }

    public void Dispose() => _handle.Dispose();

    private LpAlgorithm ChooseAlgorithm(out bool warm)
    {
        warm = false;

        // Clp's simplex codes give wrong "optimal" answers on QPs with binding rows (DEPENDENCIES.md):
        // a quadratic objective always goes to the barrier, from scratch, whatever was asked.
        if (IsQuadratic)
        {
            return LpAlgorithm.Barrier;
        }

        switch (_options.Algorithm)
        {
            case LpAlgorithm.Barrier:
                return LpAlgorithm.Barrier;
            case LpAlgorithm.PrimalSimplex:
                warm = _hasBasis;
                return LpAlgorithm.PrimalSimplex;
            case LpAlgorithm.DualSimplex:
                warm = _hasBasis;
                return LpAlgorithm.DualSimplex;
            default:
                warm = _hasBasis;

                // A change of costs alone keeps the last basis primal feasible: primal simplex repairs it.
                // Anything touching bounds or rows keeps it dual feasible: dual simplex.
                return warm && _costChangedSinceSolve && !_boundsOrRowsChangedSinceSolve
                    ? LpAlgorithm.PrimalSimplex
                    : LpAlgorithm.DualSimplex;
        }
    }

    private void PushChanges()
    {
        if (_columnBoundsDirty)
        {
            var lower = MapBounds(_colLower);
            var upper = MapBounds(_colUpper);
            fixed (double* l = lower, u = upper)
            {
                ClpNative.Clp_chgColumnLower(_handle, l);
                ClpNative.Clp_chgColumnUpper(_handle, u);
            }

            _columnBoundsDirty = false;
        }

        if (_rowBoundsDirty)
        {
            var lower = MapBounds(_rowLower);
            var upper = MapBounds(_rowUpper);
            fixed (double* l = lower, u = upper)
            {
                ClpNative.Clp_chgRowLower(_handle, l);
                ClpNative.Clp_chgRowUpper(_handle, u);
            }

            _rowBoundsDirty = false;
        }

        if (_costDirty)
        {
            fixed (double* c = _cost)
            {
                ClpNative.Clp_chgObjCoefficients(_handle, c);
            }

            _costDirty = false;
        }
    }

    private LpSolution ReadSolution(LpAlgorithm algorithm, int earlierIterations)
    {
        var n = _columnCount;
        var m = _rowCount;
        var primal = new double[n];
        var activity = new double[m];
        var rowDual = new double[m];
        var reducedCost = new double[n];
        Copy(ClpNative.Clp_getColSolution(_handle), primal);
        Copy(ClpNative.Clp_getRowActivity(_handle), activity);
        Copy(ClpNative.Clp_getRowPrice(_handle), rowDual);
        Copy(ClpNative.Clp_getReducedCost(_handle), reducedCost);

        var status = MapStatus();
        var iterations = earlierIterations + ClpNative.Clp_numberIterations(_handle);
        return new LpSolution(status, Objective(primal), primal, activity, rowDual, reducedCost, iterations, algorithm);
    }

    private LpStatus MapStatus()
    {
        var status = ClpNative.Clp_status(_handle);
        var secondary = ClpNative.Clp_secondaryStatus(_handle);
        return status switch
        {
            0 => LpStatus.Optimal,
            1 => LpStatus.Infeasible,
            2 => LpStatus.Unbounded,
            3 when secondary == 9 => LpStatus.TimeLimit,
            3 => LpStatus.IterationLimit,
            _ => LpStatus.Failed,
        };
    }

    private double Objective(double[] x)
    {
        var linear = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            linear += _cost[j] * x[j];
        }

        // Q covers the columns loaded with it (columns added later have no Q terms; a model with Q loses none).
        var quadratic = 0.0;
        for (var j = 0; j < Math.Min(x.Length, _qStart.Length - 1); j++)
        {
            var xj = x[j];
            for (var k = _qStart[j]; k < _qStart[j + 1]; k++)
            {
                quadratic += xj * _qValue[k] * x[_qIndex[k]];
            }
        }

        return linear + (0.5 * quadratic);
    }

    private static void Copy(double* source, double[] target)
    {
        if (source is null || target.Length == 0)
        {
            return;
        }

        new ReadOnlySpan<double>(source, target.Length).CopyTo(target);
    }

    /// <summary>Builds the constraint matrix column-wise in two passes over the rows (count, then fill):
    /// O(non-zeros), and Clp copies it once in <c>Clp_loadProblem</c>.</summary>
    private void LoadMatrix(IReadOnlyList<LpRow> rows)
    {
        var n = _columnCount;
        var m = rows.Count;
        var start = new int[n + 1];
        long nonZeros = 0;
        foreach (var row in rows)
        {
            foreach (var c in row.Columns)
            {
                start[c + 1]++;
            }

            nonZeros += row.Columns.Length;
        }

        if (nonZeros > int.MaxValue)
        {
            throw new ArgumentException("too many non-zeros for Clp's 32-bit CoinBigIndex");
        }

        for (var j = 0; j < n; j++)
        {
            start[j + 1] += start[j];
        }

        var index = new int[nonZeros];
        var value = new double[nonZeros];
        var next = start[..n];
        for (var r = 0; r < m; r++)
        {
            var row = rows[r];
            var cols = row.Columns;
            var vals = row.Values;
            for (var k = 0; k < cols.Length; k++)
            {
                var at = next[cols[k]]++;
                index[at] = r;
                value[at] = vals[k];
            }
        }

        var colLower = MapBounds(_colLower);
        var colUpper = MapBounds(_colUpper);
        var rowLower = MapBounds(_rowLower);
        var rowUpper = MapBounds(_rowUpper);
        fixed (int* s = start, i = index)
        fixed (double* v = value, cl = colLower, cu = colUpper, c = _cost, rl = rowLower, ru = rowUpper)
        {
            ClpNative.Clp_loadProblem(_handle, n, m, s, i, v, cl, cu, c, rl, ru);
        }
    }

    /// <summary>
    /// Hands Q to Clp as one triangle: vector i (the <c>start</c> index) lists the entries (i, j) with j ≥ i.
    /// Measured on Clp 1.17.6: Clp mirrors that half itself and minimises cᵀx + ½xᵀQx (the full symmetric
    /// matrix gives the same answer); the other half (vector j listing i ≤ j) aborts the process.
    /// </summary>
    private void LoadQuadratic(LpProblem problem)
    {
        var n = _columnCount;
        var start = new int[n + 1];
        foreach (var ((i, _), _) in problem.Quadratic)
        {
            start[i + 1]++;
        }

        for (var j = 0; j < n; j++)
        {
            start[j + 1] += start[j];
        }

        var count = start[n];
        var index = new int[count];
        var value = new double[count];
        var next = start[..n];

        // Sorted so the matrix handed to Clp does not depend on dictionary order.
        foreach (var ((i, j), q) in problem.Quadratic.OrderBy(e => e.Key.Row).ThenBy(e => e.Key.Column))
        {
            var at = next[i]++;
            index[at] = j;
            value[at] = q;
        }

        fixed (int* s = start, c = index)
        fixed (double* v = value)
        {
            ClpNative.Clp_loadQuadraticObjective(_handle, n, s, c, v);
        }
    }

    private static (int[] Start, int[] Index, double[] Value) BuildSymmetricQ(LpProblem problem)
    {
        var n = problem.ColumnCount;
        var start = new int[n + 1];
        foreach (var ((i, j), _) in problem.Quadratic)
        {
            start[i + 1]++;
            if (i != j)
            {
                start[j + 1]++;
            }
        }

        for (var k = 0; k < n; k++)
        {
            start[k + 1] += start[k];
        }

        var index = new int[start[n]];
        var value = new double[start[n]];
        var next = start[..n];
        foreach (var ((i, j), q) in problem.Quadratic.OrderBy(e => e.Key.Row).ThenBy(e => e.Key.Column))
        {
            var at = next[i]++;
            index[at] = j;
            value[at] = q;
            if (i != j)
            {
                at = next[j]++;
                index[at] = i;
                value[at] = q;
            }
        }

        return (start, index, value);
    }

    /// <summary>Refuses numbers Clp cannot take (see <see cref="MaxMagnitude"/>) before they reach it: an exception the
    /// caller can report, never an abort of the process.</summary>
    private void CheckMagnitudes()
    {
        // Runs before every solve over every column: the message (and the index in it) is formatted only on failure.
        static void Check(double value, string what, int index = -1)
        {
            if (Math.Abs(value) > MaxMagnitude && double.IsFinite(value))
            {
                throw new InvalidInputException(
                    "solver input",
                    null,
                    $"{(index < 0 ? what : $"{what} {index}")} is {value:G6}, beyond the ±{InputLimits.Text(MaxMagnitude)} the LP solver handles: an input beyond the documented limits reached the engine");
            }
        }

        for (var j = 0; j < _columnCount; j++)
        {
            Check(_cost[j], "the cost of column", j);
            Check(_colLower[j], "the lower bound of column", j);
            Check(_colUpper[j], "the upper bound of column", j);
        }

        for (var i = 0; i < _rowCount; i++)
        {
            Check(_rowLower[i], "the lower bound of row", i);
            Check(_rowUpper[i], "the upper bound of row", i);
        }

        foreach (var q in _qValue)
        {
            Check(q, "a quadratic cost coefficient");
        }
    }

    private void CheckRow(LpRow row, int index)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Columns.Length != row.Values.Length)
        {
            throw new ArgumentException($"row {index}: {row.Columns.Length} columns but {row.Values.Length} values");
        }

        CheckBounds(row.Lower, row.Upper, $"row {index}");
        for (var k = 0; k < row.Columns.Length; k++)
        {
            if ((uint)row.Columns[k] >= (uint)_columnCount)
            {
                throw new ArgumentException($"row {index} names column {row.Columns[k]}, which does not exist");
            }

            if (!double.IsFinite(row.Values[k]))
            {
                throw new ArgumentException($"row {index}: coefficient {row.Values[k]} of column {row.Columns[k]} is not finite");
            }

            if (Math.Abs(row.Values[k]) > MaxMagnitude)
            {
                throw new InvalidInputException("solver input", null, $"row {index}: coefficient {row.Values[k]:G6} of column {row.Columns[k]} is beyond the ±{InputLimits.Text(MaxMagnitude)} the LP solver handles");
            }
        }
    }

    private void CheckColumn(LpColumn column, int index)
    {
        ArgumentNullException.ThrowIfNull(column);
        CheckBounds(column.Lower, column.Upper, $"column {index}");
        if (!double.IsFinite(column.Cost))
        {
            throw new ArgumentException($"column {index}: cost {column.Cost} is not finite");
        }

        if ((column.Rows?.Length ?? 0) != (column.Values?.Length ?? 0))
        {
            throw new ArgumentException($"column {index}: {column.Rows?.Length ?? 0} rows but {column.Values?.Length ?? 0} values");
        }

        for (var k = 0; k < column.EntryCount; k++)
        {
            if ((uint)column.Rows![k] >= (uint)_rowCount)
            {
                throw new ArgumentException($"column {index} names row {column.Rows[k]}, which does not exist");
            }

            if (!double.IsFinite(column.Values![k]))
            {
                throw new ArgumentException($"column {index}: coefficient {column.Values[k]} in row {column.Rows[k]} is not finite");
            }

            if (Math.Abs(column.Values[k]) > MaxMagnitude)
            {
                throw new InvalidInputException("solver input", null, $"column {index}: coefficient {column.Values[k]:G6} in row {column.Rows[k]} is beyond the ±{InputLimits.Text(MaxMagnitude)} the LP solver handles");
            }
        }
    }

    private static void CheckBounds(double lower, double upper, string what)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper
            || double.IsPositiveInfinity(lower) || double.IsNegativeInfinity(upper))
        {
            throw new ArgumentException($"{what}: bounds [{lower}, {upper}] are invalid");
        }
    }

    private static double ToClp(double bound) => double.IsInfinity(bound) ? Math.CopySign(ClpInfinity, bound) : bound;

    private static double[] MapBounds(IReadOnlyList<double> bounds)
    {
        var mapped = new double[bounds.Count];
        for (var k = 0; k < mapped.Length; k++)
        {
            mapped[k] = ToClp(bounds[k]);
        }

        return mapped;
    }

    /// <summary>Which of <paramref name="count"/> indices are listed (each in range, none twice), for the deletions.</summary>
    private static bool[] Marked(IReadOnlyList<int> indices, int count, string what, string parameter)
    {
        var marked = new bool[count];
        foreach (var i in indices)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)count, parameter);
            if (marked[i])
            {
                throw new ArgumentException($"{what} {i} is listed twice", parameter);
            }

            marked[i] = true;
        }

        return marked;
    }
}
