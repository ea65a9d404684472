using Gridclear.Sparse;

namespace Gridclear.Tests.Flows;

/// <summary>An independent dense LU with partial pivoting, for checking KLU and the flow code on small systems.</summary>
internal sealed class DenseLuSolver : ISparseSolver
{
    public string Name => "dense LU (tests)";

    public ISparseFactorization Factor(SparseMatrix matrix) => new DenseLu(ToDense(matrix));

    public static double[,] ToDense(SparseMatrix matrix)
    {
        var a = new double[matrix.Rows, matrix.Columns];
        for (var c = 0; c < matrix.Columns; c++)
        {
            for (var p = matrix.ColumnStarts[c]; p < matrix.ColumnStarts[c + 1]; p++)
            {
                a[matrix.RowIndices[p], c] += matrix.Values[p];
            }
        }

        return a;
    }

    /// <summary>Solves a·x = b densely (Gaussian elimination with partial pivoting).</summary>
    public static double[] SolveDense(double[,] a, double[] b)
    {
        using var lu = new DenseLu(a);
        var x = (double[])b.Clone();
        lu.Solve(x);
        return x;
    }

    private sealed class DenseLu : ISparseFactorization
    {
        private readonly double[,] _lu;
        private readonly int[] _perm;

        public DenseLu(double[,] a)
        {
            var n = a.GetLength(0);
            _lu = (double[,])a.Clone();
            _perm = Enumerable.Range(0, n).ToArray();
            for (var k = 0; k < n; k++)
            {
                var p = k;
                for (var i = k + 1; i < n; i++)
                {
                    if (Math.Abs(_lu[i, k]) > Math.Abs(_lu[p, k]))
                    {
                        p = i;
                    }
                }

                if (Math.Abs(_lu[p, k]) < 1e-300)
                {
                    throw new InvalidOperationException("singular");
                }

                if (p != k)
                {
                    for (var j = 0; j < n; j++)
                    {
                        (_lu[k, j], _lu[p, j]) = (_lu[p, j], _lu[k, j]);
                    }

                    (_perm[k], _perm[p]) = (_perm[p], _perm[k]);
                }

                for (var i = k + 1; i < n; i++)
                {
                    _lu[i, k] /= _lu[k, k];
                    for (var j = k + 1; j < n; j++)
                    {
                        _lu[i, j] -= _lu[i, k] * _lu[k, j];
                    }
                }
            }

            Dimension = n;
        }

        public int Dimension { get; }

        public void Solve(Span<double> rhs)
        {
            var n = Dimension;
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                var s = rhs[_perm[i]];
                for (var j = 0; j < i; j++)
                {
                    s -= _lu[i, j] * y[j];
                }

                y[i] = s;
            }

            for (var i = n - 1; i >= 0; i--)
            {
                var s = y[i];
                for (var j = i + 1; j < n; j++)
                {
                    s -= _lu[i, j] * y[j];
                }

                y[i] = s / _lu[i, i];
            }

            y.CopyTo(rhs);
        }

        public void SolveTransposed(Span<double> rhs)
        {
            // Aᵀ = Uᵀ·Lᵀ·P: solve Uᵀ·z = b, Lᵀ·w = z, x = Pᵀ·w.
            var n = Dimension;
            var z = rhs.ToArray();
            for (var i = 0; i < n; i++)
            {
                var s = z[i];
                for (var j = 0; j < i; j++)
                {
                    s -= _lu[j, i] * z[j];
                }

                z[i] = s / _lu[i, i];
            }

            for (var i = n - 1; i >= 0; i--)
            {
                var s = z[i];
                for (var j = i + 1; j < n; j++)
                {
                    s -= _lu[j, i] * z[j];
                }

                z[i] = s;
            }

            for (var i = 0; i < n; i++)
            {
                rhs[_perm[i]] = z[i];
            }
        }

        public void Dispose()
        {
        }
    }
}
