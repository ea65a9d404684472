using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gridclear.Sparse;

/// <summary>
/// The LU factors of a square matrix A with row scaling and both permutations, P·(R⁻¹·A)·Q = L·U: row k of the
/// factored matrix is row P[k] of A divided by R[k], column k is column Q[k]. L is unit lower triangular and U upper
/// triangular, both by columns, with their diagonals held apart. A KLU factorisation whose block triangular form is one
/// block gives these (<see cref="ISparseFactorization.Factors"/>), and <see cref="SolveTwoEntry(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{double}, Span{double})"/> repeats klu_solve's
/// arithmetic on them for right-hand sides of at most two entries each, the same bits, faster: the lower solve skips
/// the columns such a right-hand side never reaches, and sixteen right-hand sides share each pass over the factors.
/// </summary>
public sealed class LuFactors
{
    /// <summary>Right-hand sides solved together by one two-entry solve: a row's sixteen lanes are four Vector256. The
    /// upper solve waits on one division per column whatever the lanes, so more lanes share that wait (eight to sixteen:
    /// the N-1 screen's solves a third faster).</summary>
    public const int Lanes = 16;

    private readonly int[] _rowPermutation;
    private readonly int[] _positionOfRow;
    private readonly int[] _columnPermutation;
    private readonly int[] _positionOfColumn;
    private readonly double[] _rowScale;
    private readonly int[] _lowerStarts;
    private readonly int[] _lowerRows;
    private readonly double[] _lowerValues;
    private readonly int[] _upperStarts;
    private readonly int[] _upperRows;
    private readonly double[] _upperValues;
    private readonly double[] _upperDiagonal;

    /// <param name="rowPermutation">P: the row of A that is row k of the factors.</param>
    /// <param name="columnPermutation">Q: the column of A that is column k of the factors.</param>
    /// <param name="rowScale">R[k]: the divisor of factored row k (1 where A is not scaled).</param>
    /// <param name="lowerStarts">Column starts of L's entries below the diagonal (n + 1).</param>
    /// <param name="lowerRows">Their rows, in the order the solve applies them.</param>
    /// <param name="lowerValues">Their values.</param>
    /// <param name="upperStarts">Column starts of U's entries above the diagonal (n + 1).</param>
    /// <param name="upperRows">Their rows, in the order the solve applies them.</param>
    /// <param name="upperValues">Their values.</param>
    /// <param name="upperDiagonal">U's diagonal.</param>
    public LuFactors(
        int[] rowPermutation, int[] columnPermutation, double[] rowScale, int[] lowerStarts, int[] lowerRows, double[] lowerValues,
        int[] upperStarts, int[] upperRows, double[] upperValues, double[] upperDiagonal)
    {
        var n = rowPermutation.Length;
        if (columnPermutation.Length != n || rowScale.Length != n || upperDiagonal.Length != n || lowerStarts.Length != n + 1 || upperStarts.Length != n + 1)
        {
            throw new ArgumentException($"factors of dimension {n} need {n} permutation entries, scale factors and pivots, and {n + 1} column starts");
        }

        _positionOfRow = Inverse(rowPermutation, nameof(rowPermutation));
        _positionOfColumn = Inverse(columnPermutation, nameof(columnPermutation));
        CheckTriangle(n, lowerStarts, lowerRows, lowerValues, below: true, nameof(lowerRows));
        CheckTriangle(n, upperStarts, upperRows, upperValues, below: false, nameof(upperRows));
        _rowPermutation = rowPermutation;
        _columnPermutation = columnPermutation;
        _rowScale = rowScale;
        _lowerStarts = lowerStarts;
        _lowerRows = lowerRows;
        _lowerValues = lowerValues;
        _upperStarts = upperStarts;
        _upperRows = upperRows;
        _upperValues = upperValues;
        _upperDiagonal = upperDiagonal;
    }

    public int Dimension => _rowPermutation.Length;

    /// <summary>Entries of L and U off their diagonals.</summary>
    public int OffDiagonalCount => _lowerRows.Length + _upperRows.Length;

    /// <summary>Where <see cref="SolveTwoEntry(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{double})"/> leaves x[index]:
    /// row k of its work holds x[Q[k]].</summary>
    public int PositionOf(int index) => _positionOfColumn[index];

    /// <summary>
    /// Solves A·x = b for up to <see cref="Lanes"/> right-hand sides b_c = e_plus[c] − e_minus[c] (an index below 0 leaves
    /// its entry out; when the two are one index, that entry is −1): x receives one block of <see cref="Dimension"/>
    /// values per right-hand side, one after another. <paramref name="work"/> has Lanes·Dimension entries, any contents.
    /// Each solution is the bits klu_solve gives the same b on the factors these came from.
    /// </summary>
    public void SolveTwoEntry(ReadOnlySpan<int> plus, ReadOnlySpan<int> minus, Span<double> x, Span<double> work)
    {
        var n = Dimension;
        var count = plus.Length;
        if (x.Length != count * n)
        {
            throw new ArgumentException($"{count} right-hand sides need {count * n} values", nameof(x));
        }

        SolveTwoEntry(plus, minus, work);
        for (var c = 0; c < count; c++)
        {
            var block = x.Slice(c * n, n);
            for (var k = 0; k < n; k++)
            {
                block[_columnPermutation[k]] = work[(Lanes * k) + c];
            }
        }
    }

    /// <summary>
    /// <see cref="SolveTwoEntry(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{double}, Span{double})"/> leaving the solutions
    /// where the solve ends with them, interleaved: x_c[i] at work[Lanes·<see cref="PositionOf"/>(i) + c] (lanes past
    /// the right-hand sides hold 0). The sixteen right-hand sides of one row are two cache lines, so a caller that reads
    /// rows of all of them (flows on a branch) reads each row once.
    /// </summary>
    public void SolveTwoEntry(ReadOnlySpan<int> plus, ReadOnlySpan<int> minus, Span<double> work)
    {
        var n = Dimension;
        var count = plus.Length;
        if (count > Lanes || minus.Length != count || work.Length < Lanes * n)
        {
            throw new ArgumentException($"at most {Lanes} right-hand sides and {Lanes * n} work entries");
        }

        work = work[..(Lanes * n)];
        work.Clear();
        var start = n;
        for (var c = 0; c < count; c++)
        {
            // klu_solve's X[k] = B[P[k]] / R[k], for the (at most) two rows where B is not 0.
            if (plus[c] >= 0)
            {
                var k = _positionOfRow[plus[c]];
                work[(Lanes * k) + c] = 1.0 / _rowScale[k];
                start = Math.Min(start, k);
            }

            if (minus[c] >= 0)
            {
                var k = _positionOfRow[minus[c]];
                work[(Lanes * k) + c] = -1.0 / _rowScale[k];
                start = Math.Min(start, k);
            }
        }

        LowerSolve(work, start);
        UpperSolve(work);
    }

    /// <summary>
    /// L·y = b by columns, as klu_lsolve: each column's value is subtracted, times L's entry, from the rows below. A column
    /// whose values are all 0 changes nothing (x − l·0 is x: no value here is −0), so it is skipped; before the first
    /// non-zero row every column is. Rows are read unchecked: the constructor checked every index. A row's sixteen lanes
    /// are four Vector256: each lane's product and difference are rounded as the scalar code rounds them.
    /// </summary>
    private void LowerSolve(Span<double> work, int start)
    {
        var starts = _lowerStarts;
        var rows = _lowerRows;
        var values = _lowerValues;
        ref var w = ref MemoryMarshal.GetReference(work);
        for (var k = start; k < Dimension; k++)
        {
            var row = (nuint)(Lanes * k);
            var x = Row.Load(ref w, row);
            if (x.IsZero)
            {
                // Every lane +0 (no value here is −0, whose bits would survive the or).
                continue;
            }

            for (var p = starts[k]; p < starts[k + 1]; p++)
            {
                Subtract(ref w, (nuint)(Lanes * rows[p]), values[p], x);
            }
        }
    }

    /// <summary>
    /// U·x = y by columns from the last, as klu_usolve: divide by the pivot, then subtract from the rows above. Each
    /// column's division waits for the columns below it, so the time goes by columns, not by lanes: sixteen lanes take
    /// little longer than one.
    /// </summary>
    private void UpperSolve(Span<double> work)
    {
        var starts = _upperStarts;
        var rows = _upperRows;
        var values = _upperValues;
        var diagonal = _upperDiagonal;
        ref var w = ref MemoryMarshal.GetReference(work);
        for (var k = Dimension - 1; k >= 0; k--)
        {
            var row = (nuint)(Lanes * k);
            var x = Row.Load(ref w, row).DividedBy(diagonal[k]);
            x.Store(ref w, row);
            for (var p = starts[k]; p < starts[k + 1]; p++)
            {
                Subtract(ref w, (nuint)(Lanes * rows[p]), values[p], x);
            }
        }
    }

    // The row at w[at..] −= value·x, lane by lane: a product, then a difference, each rounded.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Subtract(ref double w, nuint at, double value, in Row x)
    {
        var v = Vector256.Create(value);
        (Vector256.LoadUnsafe(ref w, at) - (v * x.A)).StoreUnsafe(ref w, at);
        (Vector256.LoadUnsafe(ref w, at + 4) - (v * x.B)).StoreUnsafe(ref w, at + 4);
        (Vector256.LoadUnsafe(ref w, at + 8) - (v * x.C)).StoreUnsafe(ref w, at + 8);
        (Vector256.LoadUnsafe(ref w, at + 12) - (v * x.D)).StoreUnsafe(ref w, at + 12);
    }

    /// <summary>A row's sixteen lanes, four to a vector.</summary>
    private readonly record struct Row(Vector256<double> A, Vector256<double> B, Vector256<double> C, Vector256<double> D)
    {
        public bool IsZero => Vector256.EqualsAll(A | B | C | D, Vector256<double>.Zero);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Row Load(ref double w, nuint at) =>
            new(Vector256.LoadUnsafe(ref w, at), Vector256.LoadUnsafe(ref w, at + 4), Vector256.LoadUnsafe(ref w, at + 8), Vector256.LoadUnsafe(ref w, at + 12));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Row DividedBy(double pivot)
        {
            var p = Vector256.Create(pivot);
            return new(A / p, B / p, C / p, D / p);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(ref double w, nuint at)
        {
            A.StoreUnsafe(ref w, at);
            B.StoreUnsafe(ref w, at + 4);
            C.StoreUnsafe(ref w, at + 8);
            D.StoreUnsafe(ref w, at + 12);
        }
    }

    // Where each index stands in the permutation; refuses an array that is not one.
    private static int[] Inverse(int[] permutation, string name)
    {
        var n = permutation.Length;
        var position = new int[n];
        Array.Fill(position, -1);
        for (var k = 0; k < n; k++)
        {
            if ((uint)permutation[k] >= (uint)n || position[permutation[k]] >= 0)
            {
                throw new ArgumentException($"not a permutation (entry {k}: {permutation[k]})", name);
            }

            position[permutation[k]] = k;
        }

        return position;
    }

    private static void CheckTriangle(int n, int[] starts, int[] rows, double[] values, bool below, string name)
    {
        if (starts[0] != 0 || starts[n] != rows.Length || values.Length != rows.Length)
        {
            throw new ArgumentException($"column starts must run from 0 to the {rows.Length} entries", name);
        }

        for (var k = 0; k < n; k++)
        {
            if (starts[k + 1] < starts[k])
            {
                throw new ArgumentException($"column starts fall at column {k}", name);
            }

            for (var p = starts[k]; p < starts[k + 1]; p++)
            {
                if (below ? rows[p] <= k || rows[p] >= n : rows[p] >= k || rows[p] < 0)
                {
                    throw new ArgumentException($"entry {p} (row {rows[p]}, column {k}) is not strictly {(below ? "below" : "above")} the diagonal", name);
                }
            }
        }
    }
}
