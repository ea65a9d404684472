using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Gridclear.Sparse;

namespace Gridclear.Native.Klu;

/// <summary>
/// A KLU factorisation of a square CSC matrix.
/// <para>
/// Thread safety: <see cref="Solve(Span{double})"/> and <see cref="SolveTransposed"/> may be called from several threads at
/// once. <c>klu_solve</c> writes into the numeric object's own work array, so one numeric object cannot serve
/// two solves at a time; this class keeps a pool of numeric objects, each factorised from the same symbolic
/// analysis and the same matrix. KLU's factorisation is sequential and deterministic, so every pooled copy
/// holds bit-identical factors and a solve returns the same bits whichever copy serves it. The pool grows to
/// the largest number of concurrent solves seen (each copy costs one extra numeric factorisation).
/// <see cref="Dispose"/> must not race with a solve.
/// </para>
/// </summary>
public sealed unsafe class KluFactorization : ISparseFactorization
{
    private readonly int[] _columnStarts;
    private readonly int[] _rowIndices;
    private readonly double[] _values;
    private readonly ConcurrentBag<Workspace> _idle = new();
    private readonly List<Workspace> _all = new();
    private readonly Lock _allLock = new();
    private readonly KluCommon* _analysisCommon;
    private nint _symbolic;
    private bool _disposed;

    internal KluFactorization(SparseMatrix matrix)
    {
        if (matrix.Rows != matrix.Columns)
        {
            throw new ArgumentException($"KLU factorises square matrices; got {matrix.Rows}×{matrix.Columns}", nameof(matrix));
        }

        if (matrix.ColumnStarts.Length != matrix.Columns + 1)
        {
            throw new ArgumentException("column starts must have Columns + 1 entries", nameof(matrix));
        }

        Dimension = matrix.Rows;

        // Copies: the pool may factorise again later, and the caller may reuse its arrays.
        _columnStarts = (int[])matrix.ColumnStarts.Clone();
        _rowIndices = matrix.RowIndices[..matrix.NonZeros];
        _values = matrix.Values[..matrix.NonZeros];

        _analysisCommon = NewCommon();
        fixed (int* ap = _columnStarts)
        fixed (int* ai = _rowIndices)
        {
            _symbolic = KluNative.Analyze(Dimension, ap, ai, _analysisCommon);
        }

        if (_symbolic == 0)
        {
            var status = _analysisCommon->Status;
            Dispose();
            throw new InvalidOperationException($"klu_analyze failed with status {status}");
        }

        try
        {
            // Factorise once now so that a singular matrix fails here, as ISparseSolver promises.
            _idle.Add(NewWorkspace());
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    ~KluFactorization() => Release();

    public int Dimension { get; }

    /// <summary>Number of numeric factorisations held (one per concurrent solver seen so far).</summary>
    public int PooledFactorizations
    {
        get
        {
            lock (_allLock)
            {
                return _all.Count;
            }
        }
    }

    /// <inheritdoc />
    public void Solve(Span<double> rhs) => Run(rhs, transposed: false);

    /// <inheritdoc />
    public void SolveTransposed(Span<double> rhs) => Run(rhs, transposed: true);

    /// <inheritdoc />
    /// <remarks>klu_solve takes up to four right-hand sides a pass over L and U, and its arithmetic for each one is that
    /// of a single solve (the unrolled loops keep each right-hand side's operations in order): the same bits.</remarks>
    public void Solve(Span<double> rhs, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (rhs.Length != Dimension * count)
        {
            throw new ArgumentException($"{count} right-hand sides need {Dimension * count} entries, not {rhs.Length}", nameof(rhs));
        }

        if (Dimension == 0 || count == 0)
        {
            return;
        }

        var workspace = _idle.TryTake(out var w) ? w : NewWorkspace();
        try
        {
            int ok;
            fixed (double* b = rhs)
            {
                ok = KluNative.Solve(_symbolic, workspace.Numeric, Dimension, count, b, workspace.Common);
            }

            if (ok != 1)
            {
                throw new InvalidOperationException($"klu_solve failed with status {workspace.Common->Status}");
            }
        }
        finally
        {
            _idle.Add(workspace);
        }
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    /// <remarks>Only when no entry lies between the diagonal blocks of KLU's block triangular form, as for any matrix with a
    /// symmetric pattern (a network's: its blocks are the parts the reference bus joins). Block by block, klu_solve then
    /// does what one solve over the whole of L and U does, entry by entry in the same order.</remarks>
    public LuFactors? Factors()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var n = Dimension;
        if (n == 0)
        {
            return null;
        }

        var workspace = _idle.TryTake(out var w) ? w : NewWorkspace();
        try
        {
            // klu_numeric begins with n, nblocks, lnz and unz (ints; klu.h).
            var head = (int*)workspace.Numeric;
            if (head[0] != n)
            {
                throw new InvalidOperationException($"klu_numeric holds dimension {head[0]}, not {n}");
            }

            int lnz = head[2], unz = head[3];
            var lp = new int[n + 1];
            var li = new int[lnz];
            var lx = new double[lnz];
            var up = new int[n + 1];
            var ui = new int[unz];
            var ux = new double[unz];
            var p = new int[n];
            var q = new int[n];
            var rs = new double[n];
            var fp = new int[n + 1];
            int ok;
            fixed (int* lpp = lp, lip = li, upp = up, uip = ui, pp = p, qp = q, fpp = fp)
            fixed (double* lxp = lx, uxp = ux, rsp = rs)
            {
                ok = KluNative.Extract(workspace.Numeric, _symbolic, lpp, lip, lxp, upp, uip, uxp, fpp, null, null, pp, qp, rsp, null, workspace.Common);
            }

            if (ok != 1)
            {
                throw new InvalidOperationException($"klu_extract failed with status {workspace.Common->Status}");
            }

            if (fp[n] != 0)
            {
                return null;
            }

            return ToFactors(lp, li, lx, up, ui, ux, p, q, rs);
        }
        finally
        {
            _idle.Add(workspace);
        }
    }

    // klu_extract gives each column of L with its unit diagonal first and each column of U with its pivot last; the
    // entries between keep the order klu_solve applies them in.
    private static LuFactors ToFactors(int[] lp, int[] li, double[] lx, int[] up, int[] ui, double[] ux, int[] p, int[] q, double[] rs)
    {
        var n = p.Length;
        var lowerStarts = new int[n + 1];
        var lowerRows = new int[li.Length - n];
        var lowerValues = new double[li.Length - n];
        var upperStarts = new int[n + 1];
        var upperRows = new int[ui.Length - n];
        var upperValues = new double[ui.Length - n];
        var diagonal = new double[n];
        int lower = 0, upper = 0;
        for (var k = 0; k < n; k++)
        {
            if (li[lp[k]] != k || ui[up[k + 1] - 1] != k)
            {
                throw new InvalidOperationException($"klu_extract's column {k} does not hold its diagonal where expected");
            }

            for (var e = lp[k] + 1; e < lp[k + 1]; e++)
            {
                lowerRows[lower] = li[e];
                lowerValues[lower++] = lx[e];
            }

            for (var e = up[k]; e < up[k + 1] - 1; e++)
            {
                upperRows[upper] = ui[e];
                upperValues[upper++] = ux[e];
            }

            diagonal[k] = ux[up[k + 1] - 1];
            lowerStarts[k + 1] = lower;
            upperStarts[k + 1] = upper;
        }

        return new LuFactors(p, q, rs, lowerStarts, lowerRows, lowerValues, upperStarts, upperRows, upperValues, diagonal);
    }

    private static KluCommon* NewCommon()
    {
        var common = (KluCommon*)NativeMemory.AllocZeroed((nuint)sizeof(KluCommon));
        if (KluNative.Defaults(common) != 1)
        {
            NativeMemory.Free(common);
            throw new InvalidOperationException("klu_defaults failed");
        }

        return common;
    }

    private void Run(Span<double> rhs, bool transposed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (rhs.Length != Dimension)
        {
            throw new ArgumentException($"right-hand side has {rhs.Length} entries; the matrix has dimension {Dimension}", nameof(rhs));
        }

        if (Dimension == 0)
        {
            return;
        }

        var workspace = _idle.TryTake(out var w) ? w : NewWorkspace();
        try
        {
            int ok;
            fixed (double* b = rhs)
            {
                ok = transposed
                    ? KluNative.TransposedSolve(_symbolic, workspace.Numeric, Dimension, 1, b, workspace.Common)
                    : KluNative.Solve(_symbolic, workspace.Numeric, Dimension, 1, b, workspace.Common);
            }

            if (ok != 1)
            {
                throw new InvalidOperationException($"klu_{(transposed ? "tsolve" : "solve")} failed with status {workspace.Common->Status}");
            }
        }
        finally
        {
            _idle.Add(workspace);
        }
    }

    private Workspace NewWorkspace()
    {
        var common = NewCommon();
        nint numeric;
        fixed (int* ap = _columnStarts)
        fixed (int* ai = _rowIndices)
        fixed (double* ax = _values)
        {
            numeric = KluNative.Factor(ap, ai, ax, _symbolic, common);
        }

        if (numeric == 0)
        {
            var status = common->Status;
            var column = common->SingularColumn;
            NativeMemory.Free(common);
            throw new InvalidOperationException(status == KluNative.Singular
                ? $"matrix is singular (zero pivot in column {column})"
                : $"klu_factor failed with status {status}");
        }

        var workspace = new Workspace(numeric, common);
        lock (_allLock)
        {
            _all.Add(workspace);
        }

        return workspace;
    }

    private void Release()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_allLock)
        {
            foreach (var w in _all)
            {
                var numeric = w.Numeric;
                _ = KluNative.FreeNumeric(&numeric, w.Common);
                NativeMemory.Free(w.Common);
            }

            _all.Clear();
        }

        if (_symbolic != 0)
        {
            var symbolic = _symbolic;
            _ = KluNative.FreeSymbolic(&symbolic, _analysisCommon);
            _symbolic = 0;
        }

        NativeMemory.Free(_analysisCommon);
    }

    /// <summary>One numeric factorisation with its own klu_common: serves one solve at a time.</summary>
    private sealed class Workspace(nint numeric, KluCommon* common)
    {
        public nint Numeric { get; } = numeric;

        public KluCommon* Common { get; } = common;
    }
}
