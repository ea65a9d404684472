using System.Runtime.Intrinsics;

namespace Gridclear.Solvers;

// The Newton systems of the iteration: the normal equations, their factorisation and the direction they give.
public static partial class InteriorPointQp
{
    private sealed partial class Iteration
    {
        /// <summary>H = Q + diag(z/s) inverted block by block, and the normal equations Ã·H⁻¹·Ãᵀ factorised (Cholesky).</summary>
        private bool Factor()
        {
            for (var j = 0; j < _variables; j++)
            {
                _d[j] = (_hasLower[j] ? _zl[j] / SlackLower(j) : 0) + (_hasUpper[j] ? _zu[j] / SlackUpper(j) : 0);
                _hDiagonal[j] = _d[j] + Regularisation + (j < _n && _s.BlockOf[j] < 0 ? _s.Diagonal[j] : 0);
            }

            Array.Clear(_m2);
            for (var j = 0; j < _n; j++)
            {
                if (_s.BlockOf[j] >= 0)
                {
                    continue;
                }

                // Sparse rows with sparse rows, and dense rows with sparse rows; dense with dense below.
                var (rows, values) = _s.ColumnEntries[j];
                var inverse = 1 / _hDiagonal[j];
                var sparse = _s.SparseCount[j];
                for (var a = 0; a < rows.Length; a++)
                {
                    var va = values[a] * inverse;
                    var at = rows[a] * _m;
                    for (var b = 0; b <= Math.Min(a, sparse - 1); b++)
                    {
                        _m2[at + rows[b]] += va * values[b];
                    }
                }
            }

            DenseProducts();

            for (var i = 0; i < _s.Blocks.Length; i++)
            {
                var block = _s.Blocks[i];
                var size = block.Columns.Length;
                var h = _scratchH;
                Array.Copy(block.Q, h, size * size);
                for (var c = 0; c < size; c++)
                {
                    h[(c * size) + c] += _d[block.Columns[c]] + Regularisation;
                }

                if (!Invert(h, size, _blockInverse[i], _scratchL, _scratchColumn))
                {
                    return false;
                }

                // M[R, R] += A_B · H_B⁻¹ · A_Bᵀ.
                var rows = block.Rows;
                var t = _scratchT;
                for (var r = 0; r < rows.Length; r++)
                {
                    for (var c = 0; c < size; c++)
                    {
                        var sum = 0.0;
                        for (var e = 0; e < size; e++)
                        {
                            sum += block.A[(r * size) + e] * _blockInverse[i][(e * size) + c];
                        }

                        t[(r * size) + c] = sum;
                    }
                }

                for (var a = 0; a < rows.Length; a++)
                {
                    for (var b = 0; b <= a; b++)
                    {
                        var sum = 0.0;
                        for (var c = 0; c < size; c++)
                        {
                            sum += t[(a * size) + c] * block.A[(b * size) + c];
                        }

                        _m2[(rows[a] * _m) + rows[b]] += sum;
                    }
                }
            }

            for (var k = 0; k < _m; k++)
            {
                var w = _s.SlackOf[k];
                if (w >= 0)
                {
                    _m2[(k * _m) + k] += 1 / _hDiagonal[w];
                }
            }

            // Cholesky, row by row, lower triangle in place. Rows are ordered sparsest first (Shape), so a row met by one
            // block (a minimum-output row) has a factor row with a handful of entries: each entry L[i,k] sums only over
            // the entries of row k, which keeps the factorisation far below m³/3 when most rows are local. A pivot lost
            // to cancellation (a row the others nearly repeat) is replaced by a huge one, which sets that component of Δy
            // to ~0 instead of blowing it up.
            for (var i = 0; i < _m; i++)
            {
                var rowI = i * _m;
                for (var k = 0; k < i; k++)
                {
                    var rowK = k * _m;
                    var sum = _m2[rowI + k];
                    var entries = _factorEntries.AsSpan(rowK, _factorCount[k]);
                    foreach (var p in entries)
                    {
                        sum -= _m2[rowI + p] * _m2[rowK + p];
                    }

                    _m2[rowI + k] = sum / _m2[rowK + k];
                }

                var count = 0;
                var original = _m2[rowI + i];
                var pivot = original;
                for (var p = 0; p < i; p++)
                {
                    var value = _m2[rowI + p];
                    if (value != 0)
                    {
                        pivot -= value * value;
                        _factorEntries[rowI + count++] = p;
                    }
                }

                _factorCount[i] = count;
                pivot = pivot <= 1e-14 * Math.Max(1, Math.Abs(original)) ? 1e64 : pivot;
                _m2[rowI + i] = Math.Sqrt(pivot);
            }

            return true;
        }

        /// <summary>M[k, l] += Σ_j A[k, j]·A[l, j] / H_jj over the diagonal columns, for dense rows k ≥ l.</summary>
        private void DenseProducts()
        {
            var first = _s.FirstDense;
            if (first == _m)
            {
                return;
            }

            var scale = _scratchScale;
            for (var j = 0; j < _n; j++)
            {
                scale[j] = _s.BlockOf[j] < 0 ? 1 / _hDiagonal[j] : 0;
            }

            var dense = _s.Dense;
            var scaled = _scratchScaled;
            for (var k = first; k < _m; k++)
            {
                var rowK = dense.AsSpan((k - first) * _n, _n);
                for (var j = 0; j < _n; j++)
                {
                    scaled[j] = rowK[j] * scale[j];
                }

                for (var l = first; l <= k; l++)
                {
                    _m2[(k * _m) + l] += Dot(scaled, dense.AsSpan((l - first) * _n, _n));
                }
            }
        }

        /// <summary>Σ a·b in a fixed order (two 2-lane accumulators): the same bits in the JIT and the ahead-of-time build,
        /// whose <c>Vector&lt;double&gt;</c> widths differ.</summary>
        private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            var even = Vector128<double>.Zero;
            var odd = Vector128<double>.Zero;
            var j = 0;
            for (; j <= a.Length - 4; j += 4)
            {
                even += Vector128.Create(a.Slice(j, 2)) * Vector128.Create(b.Slice(j, 2));
                odd += Vector128.Create(a.Slice(j + 2, 2)) * Vector128.Create(b.Slice(j + 2, 2));
            }

            var sum = even + odd;
            var total = sum.GetElement(0) + sum.GetElement(1);
            for (; j < a.Length; j++)
            {
                total += a[j] * b[j];
            }

            return total;
        }

        /// <summary>Inverts a small symmetric positive definite matrix through its Cholesky factor.</summary>
        private static bool Invert(double[] h, int size, double[] inverse, double[] l, double[] column)
        {
            for (var k = 0; k < size; k++)
            {
                var pivot = h[(k * size) + k];
                for (var p = 0; p < k; p++)
                {
                    pivot -= l[(k * size) + p] * l[(k * size) + p];
                }

                if (!(pivot > 0))
                {
                    return false;
                }

                var root = Math.Sqrt(pivot);
                l[(k * size) + k] = root;
                for (var i = k + 1; i < size; i++)
                {
                    var sum = h[(i * size) + k];
                    for (var p = 0; p < k; p++)
                    {
                        sum -= l[(i * size) + p] * l[(k * size) + p];
                    }

                    l[(i * size) + k] = sum / root;
                }
            }

            for (var c = 0; c < size; c++)
            {
                Array.Clear(column, 0, size);
                column[c] = 1;
                SolveFactor(l, size, column);
                for (var r = 0; r < size; r++)
                {
                    inverse[(r * size) + c] = column[r];
                }
            }

            return true;
        }

        /// <summary>Solves L·Lᵀ·x = b in place (L lower, row-major).</summary>
        private static void SolveFactor(double[] l, int size, double[] b)
        {
            for (var i = 0; i < size; i++)
            {
                var sum = b[i];
                for (var p = 0; p < i; p++)
                {
                    sum -= l[(i * size) + p] * b[p];
                }

                b[i] = sum / l[(i * size) + i];
            }

            for (var i = size - 1; i >= 0; i--)
            {
                var sum = b[i];
                for (var p = i + 1; p < size; p++)
                {
                    sum -= l[(p * size) + i] * b[p];
                }

                b[i] = sum / l[(i * size) + i];
            }
        }

        /// <summary>v ← H⁻¹·v, block by block.</summary>
        private void ApplyInverse(double[] v)
        {
            for (var j = 0; j < _variables; j++)
            {
                if (j >= _n || _s.BlockOf[j] < 0)
                {
                    v[j] /= _hDiagonal[j];
                }
            }

            Span<double> local = stackalloc double[MaxBlock];
            for (var i = 0; i < _s.Blocks.Length; i++)
            {
                var c = _s.Blocks[i].Columns;
                var inverse = _blockInverse[i];
                for (var a = 0; a < c.Length; a++)
                {
                    var sum = 0.0;
                    for (var b = 0; b < c.Length; b++)
                    {
                        sum += inverse[(a * c.Length) + b] * v[c[b]];
                    }

                    local[a] = sum;
                }

                for (var a = 0; a < c.Length; a++)
                {
                    v[c[a]] = local[a];
                }
            }
        }

        /// <summary>
        /// The Newton direction for complementarity targets rcl, rcu: (Q + D)·Δv − Ãᵀ·Δy = g and Ã·Δv = r_p, with
        /// g = −r_d + rcl/s_l − rcu/s_u, solved through the normal equations; then Δz from the complementarity rows.
        /// </summary>
        private void Direction(double[] rcl, double[] rcu, double[] g, double[] dv, double[] dy, double[] dzl, double[] dzu)
        {
            for (var j = 0; j < _variables; j++)
            {
                g[j] = -_rd[j] + (_hasLower[j] ? rcl[j] / SlackLower(j) : 0) - (_hasUpper[j] ? rcu[j] / SlackUpper(j) : 0);
                dv[j] = g[j];
            }

            ApplyInverse(dv);

            // dy = M⁻¹ (r_p − Ã·H⁻¹·g)
            for (var k = 0; k < _m; k++)
            {
                dy[k] = _rp[k] + (_s.SlackOf[k] >= 0 ? dv[_s.SlackOf[k]] : 0);
            }

            for (var j = 0; j < _n; j++)
            {
                var (rows, values) = _s.ColumnEntries[j];
                for (var e = 0; e < rows.Length; e++)
                {
                    dy[rows[e]] -= values[e] * dv[j];
                }
            }

            SolveFactor(_m2, _m, dy);

            // dv = H⁻¹ (g + Ãᵀ·dy)
            for (var j = 0; j < _variables; j++)
            {
                dv[j] = g[j];
            }

            for (var j = 0; j < _n; j++)
            {
                var (rows, values) = _s.ColumnEntries[j];
                for (var e = 0; e < rows.Length; e++)
                {
                    dv[j] += values[e] * dy[rows[e]];
                }
            }

            for (var k = 0; k < _m; k++)
            {
                if (_s.SlackOf[k] >= 0)
                {
                    dv[_s.SlackOf[k]] -= dy[k];
                }
            }

            ApplyInverse(dv);
            for (var j = 0; j < _variables; j++)
            {
                dzl[j] = _hasLower[j] ? (rcl[j] - (_zl[j] * dv[j])) / SlackLower(j) : 0;
                dzu[j] = _hasUpper[j] ? (rcu[j] + (_zu[j] * dv[j])) / SlackUpper(j) : 0;
            }
        }
    }
}
