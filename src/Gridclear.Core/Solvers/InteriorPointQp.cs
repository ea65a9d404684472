using System.Runtime.Intrinsics;

namespace Gridclear.Solvers;

/// <summary>
/// A primal-dual interior-point method (Mehrotra's predictor-corrector) for convex QPs with few rows and a
/// block-diagonal Q, written for the dispatch with reserves in headroom form: thousands of columns (energy, reserve
/// steps, demand-curve segments) in a few hundred rows (balance, requirements, minimum outputs, binding flows), with Q
/// in blocks of one generator's columns. Each iteration factorises the normal equations A·H⁻¹·Aᵀ (rows × rows, dense)
/// with H = Q + the barrier's diagonal inverted block by block, so an iteration costs about Σ (rows a block touches)² ·
/// (its columns) — a millisecond where Clp's KKT factorisation in Debian's build costs (columns + 2·rows)²
/// (BENCHMARKS.md, "Reserves in headroom form").
/// <para>Each row lower ≤ a·x ≤ upper with lower &lt; upper gets a slack w = a·x carrying the row's bounds; the solve
/// ends when the residuals and every complementarity product are below <see cref="Tolerance"/>, so the point passes
/// <see cref="Optimality"/> with room (a Clp barrier point stops at a relative gap and does not). Fixed columns must be
/// taken out first (<see cref="Presolve"/>): a column with equal bounds has no interior.</para>
/// </summary>
public static class InteriorPointQp
{
    /// <summary>Dual residuals this small end the solve ($/MWh).</summary>
    public const double Tolerance = 1e-9;

    /// <summary>Primal residuals this small, relative to the largest right-hand side, end the solve (a 70 GW balance to
    /// 7e-5 MW; 1e-12 left most of the loss iteration's solves stalled at their limit with no change to its course).</summary>
    public const double PrimalTolerance = 1e-9;

    /// <summary>Every complementarity product this small ends the solve: a tenth of what <see cref="Optimality"/> allows.</summary>
    public const double Complementarity = 0.1 * Optimality.DualTolerance;

    /// <summary>Iterations before giving up (a solve that converges takes 20–40).</summary>
    public const int MaxIterations = 100;

    /// <summary>Rows beyond this and the dense normal equations stop paying; the caller solves otherwise.</summary>
    public const int MaxRows = 800;

    /// <summary>A block of Q beyond this many columns is not inverted densely; the caller solves otherwise.</summary>
    public const int MaxBlock = 32;

    /// <summary>Multiply-adds per iteration beyond which the caller's solver is the better choice.</summary>
    public const double MaxWork = 5e7;

    private const double StepShare = 0.995;

    private static readonly bool Trace = Environment.GetEnvironmentVariable("GRIDCLEAR_TRACE") == "1";

    /// <summary>A row with more entries than this is held dense (<see cref="Shape.Dense"/>).</summary>
    private const int DenseEntries = 64;

    /// <summary>Dense rows × columns held at most (32 MB); beyond, every row stays sparse.</summary>
    private const double MaxDenseValues = 4e6;

    /// <summary>Every product s·z at the start (at most the largest cost): columns sit mid-range, rows' slacks at their
    /// activity moved inside their bounds (on case_ACTIVSg10k's reserve QP: 43 iterations; 1: 60, 1e5: 47).</summary>
    private const double StartProduct = 1e3;
    private const double Regularisation = 1e-10;

    /// <summary>
    /// Solves <paramref name="problem"/> (no fixed columns); null when it is not of the shape this method is for (too many
    /// rows, a large block of Q, too much work per iteration, a fixed column). A solve that does not converge, or whose
    /// point misses <see cref="Optimality"/>, ends <see cref="LpStatus.Failed"/>.
    /// </summary>
    public static LpSolution? Solve(LpProblem problem)
    {
        var shape = Shape.Of(problem);
        if (shape is null)
        {
            return null;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = new Iteration(problem, shape).Run();
        if (Trace)
        {
            var dense = Enumerable.Range(0, shape.Rows).Count(k => problem.Rows[shape.RowOf[k]].Columns.Length > 64);
            Console.Error.WriteLine($"ipm: {shape.Columns} columns, {shape.Rows} rows ({dense} with over 64 entries), {shape.Blocks.Length} blocks: {result.Status} in {result.Iterations} iterations, {watch.Elapsed.TotalMilliseconds:F1} ms");
        }

        return result;
    }

    /// <summary>The problem in the form the iteration works on: constrained rows, slack columns, blocks of Q.</summary>
    private sealed class Shape
    {
        public required int Columns { get; init; }
        public required int[] RowOf { get; init; }            // constrained row k → the problem's row
        public required int[] SlackOf { get; init; }          // constrained row k → its slack variable, or −1 (equality)
        public required double[] Lower { get; init; }         // per variable (columns, then slacks)
        public required double[] Upper { get; init; }
        public required double[] Cost { get; init; }
        public required double[] Rhs { get; init; }           // per constrained row: the equality's value, or 0
        public required (int[] Rows, double[] Values)[] ColumnEntries { get; init; } // constrained rows of each column
        public required Block[] Blocks { get; init; }
        public required int[] BlockOf { get; init; }          // column → its block, or −1 (a diagonal column)
        public required double[] Diagonal { get; init; }      // Q_jj of a diagonal column
        public required int FirstDense { get; init; }         // constrained rows from here on are dense (Dense)
        public required double[] Dense { get; init; }         // dense rows × columns, row-major
        public required int[] SparseCount { get; init; }      // per column, its entries in rows before FirstDense

        public int Variables => Lower.Length;

        public int Rows => RowOf.Length;

        public static Shape? Of(LpProblem problem)
        {
            var n = problem.ColumnCount;
            for (var j = 0; j < n; j++)
            {
                if (problem.ColumnLower[j] == problem.ColumnUpper[j])
                {
                    return null;
                }
            }

            var rowOf = new List<int>();
            var slackOf = new List<int>();
            var rhs = new List<double>();
            var lower = new List<double>(problem.ColumnLower);
            var upper = new List<double>(problem.ColumnUpper);
            var cost = new List<double>(problem.Cost);

            // Sparsest rows first (a stable order): the factorisation of the normal equations then stays sparse in them.
            var constrained = Enumerable.Range(0, problem.RowCount)
                .Where(r => !(double.IsNegativeInfinity(problem.Rows[r].Lower) && double.IsPositiveInfinity(problem.Rows[r].Upper)))
                .OrderBy(r => problem.Rows[r].Columns.Length)
                .ToList();
            foreach (var r in constrained)
            {
                var row = problem.Rows[r];
                rowOf.Add(r);
                if (row.Lower == row.Upper)
                {
                    slackOf.Add(-1);
                    rhs.Add(row.Lower);
                }
                else
                {
                    slackOf.Add(lower.Count);
                    rhs.Add(0);
                    lower.Add(row.Lower);
                    upper.Add(row.Upper);
                    cost.Add(0);
                }
            }

            var m = rowOf.Count;
            if (m > MaxRows)
            {
                return null;
            }

            // Each column's entries in row order (rows are visited in order); a column a row names twice is merged.
            var rows = new List<int>[n];
            var values = new List<double>[n];
            for (var j = 0; j < n; j++)
            {
                rows[j] = [];
                values[j] = [];
            }

            for (var k = 0; k < m; k++)
            {
                var row = problem.Rows[rowOf[k]];
                for (var e = 0; e < row.Columns.Length; e++)
                {
                    var (j, value) = (row.Columns[e], row.Values[e]);
                    if (rows[j].Count > 0 && rows[j][^1] == k)
                    {
                        values[j][^1] += value;
                    }
                    else if (value != 0)
                    {
                        rows[j].Add(k);
                        values[j].Add(value);
                    }
                }
            }

            var entries = new (int[] Rows, double[] Values)[n];
            for (var j = 0; j < n; j++)
            {
                entries[j] = ([.. rows[j]], [.. values[j]]);
            }

            // Blocks of Q: the connected columns of its off-diagonal entries.
            var parent = new int[n];
            for (var j = 0; j < n; j++)
            {
                parent[j] = j;
            }

            int Find(int j)
            {
                while (parent[j] != j)
                {
                    parent[j] = parent[parent[j]];
                    j = parent[j];
                }

                return j;
            }

            var diagonal = new double[n];
            foreach (var ((i, j), q) in problem.Quadratic)
            {
                if (i == j)
                {
                    diagonal[i] += q;
                }
                else if (q != 0)
                {
                    var (a, b) = (Find(i), Find(j));
                    if (a != b)
                    {
                        parent[Math.Max(a, b)] = Math.Min(a, b);
                    }
                }
            }

            var groups = new SortedDictionary<int, List<int>>();
            for (var j = 0; j < n; j++)
            {
                var root = Find(j);
                if (!groups.TryGetValue(root, out var list))
                {
                    groups[root] = list = [];
                }

                list.Add(j);
            }

            // Off-diagonal entries by the root of their block (its smallest column).
            var offDiagonal = new Dictionary<int, List<(int I, int J, double Q)>>();
            foreach (var ((i, j), q) in problem.Quadratic)
            {
                if (i != j && q != 0)
                {
                    var root = Find(i);
                    if (!offDiagonal.TryGetValue(root, out var list))
                    {
                        offDiagonal[root] = list = [];
                    }

                    list.Add((i, j, q));
                }
            }

            var blockOf = new int[n];
            Array.Fill(blockOf, -1);
            var blocks = new List<Block>();
            double work = (double)m * m * m / 3;
            foreach (var columns in groups.Values.Where(g => g.Count > 1))
            {
                if (columns.Count > MaxBlock)
                {
                    return null;
                }

                foreach (var j in columns)
                {
                    blockOf[j] = blocks.Count;
                }

                blocks.Add(Block.Of(columns, entries, diagonal, offDiagonal[columns[0]]));
            }

            for (var j = 0; j < n; j++)
            {
                var count = entries[j].Rows.Length;
                work += blockOf[j] < 0 ? 0.5 * count * count : 0;
            }

            foreach (var block in blocks)
            {
                work += (double)block.Rows.Length * block.Rows.Length * block.Columns.Length;
            }

            if (work > MaxWork)
            {
                return null;
            }

            // Rows with many entries (balance, flows, loss cuts) are also kept dense, so their part of the normal equations
            // is a product of dense rows (vectorised) instead of a scatter per column.
            var firstDense = m;
            while (firstDense > 0 && problem.Rows[rowOf[firstDense - 1]].Columns.Length > DenseEntries)
            {
                firstDense--;
            }

            if ((double)(m - firstDense) * n > MaxDenseValues)
            {
                firstDense = m;
            }

            var dense = new double[(m - firstDense) * n];
            var sparseCount = new int[n];
            for (var j = 0; j < n; j++)
            {
                var (r, v) = entries[j];
                var count = 0;
                for (var e = 0; e < r.Length; e++)
                {
                    if (r[e] < firstDense)
                    {
                        count++;
                    }
                    else
                    {
                        dense[((r[e] - firstDense) * n) + j] = v[e];
                    }
                }

                sparseCount[j] = count;
            }

            return new Shape
            {
                FirstDense = firstDense,
                Dense = dense,
                SparseCount = sparseCount,
                Columns = n,
                RowOf = [.. rowOf],
                SlackOf = [.. slackOf],
                Lower = [.. lower],
                Upper = [.. upper],
                Cost = [.. cost],
                Rhs = [.. rhs],
                ColumnEntries = entries,
                Blocks = [.. blocks],
                BlockOf = blockOf,
                Diagonal = diagonal,
            };
        }
    }

    /// <summary>Columns joined by Q: its dense Q, and its rows of A as a dense matrix (rows × columns).</summary>
    private sealed record Block(int[] Columns, int[] Rows, double[] Q, double[] A)
    {
        public static Block Of(List<int> columns, (int[] Rows, double[] Values)[] entries, double[] diagonal, List<(int I, int J, double Q)> offDiagonal)
        {
            var s = columns.Count;
            var rows = columns.SelectMany(j => entries[j].Rows).Distinct().Order().ToArray();
            var at = new Dictionary<int, int>();
            for (var i = 0; i < rows.Length; i++)
            {
                at[rows[i]] = i;
            }

            var a = new double[rows.Length * s];
            for (var c = 0; c < s; c++)
            {
                var (r, v) = entries[columns[c]];
                for (var e = 0; e < r.Length; e++)
                {
                    a[(at[r[e]] * s) + c] = v[e];
                }
            }

            var q = new double[s * s];
            var index = new Dictionary<int, int>();
            for (var c = 0; c < s; c++)
            {
                index[columns[c]] = c;
                q[(c * s) + c] = diagonal[columns[c]];
            }

            foreach (var (i, j, value) in offDiagonal)
            {
                var (ci, cj) = (index[i], index[j]);
                q[(ci * s) + cj] += value;
                q[(cj * s) + ci] += value;
            }

            return new Block([.. columns], rows, q, a);
        }
    }

    /// <summary>One solve's state: the point (v, y, z) and the work arrays of its Newton systems.</summary>
    private sealed class Iteration
    {
        private readonly LpProblem _problem;
        private readonly Shape _s;
        private readonly int _n;
        private readonly int _m;
        private readonly int _variables;
        private readonly double[] _v;
        private readonly double[] _y;
        private readonly double[] _zl;
        private readonly double[] _zu;
        private readonly bool[] _hasLower;
        private readonly bool[] _hasUpper;
        private readonly double[] _d;          // barrier diagonal z/s per variable
        private readonly double[] _m2;         // normal equations (lower triangle used), then their factor
        private readonly double[][] _blockInverse;
        private readonly double[] _hDiagonal;  // H of each diagonal variable (columns outside blocks, slacks)
        private readonly double[] _rd;
        private readonly double[] _rp;
        private readonly double[] _sl;
        private readonly double[] _su;
        private (double[] V, double[] Y, double[] Zl, double[] Zu, double[] Sl, double[] Su)? _saved;
        private readonly double[] _scratchH = new double[MaxBlock * MaxBlock];
        private readonly double[] _scratchL = new double[MaxBlock * MaxBlock];
        private readonly double[] _scratchColumn = new double[MaxBlock];
        private readonly double[] _scratchT;
        private readonly int[] _factorEntries;  // per row of the factor, the columns of its non-zeros left of the diagonal
        private readonly int[] _factorCount;
        private readonly double[] _scratchScale;
        private readonly double[] _scratchScaled;

        public Iteration(LpProblem problem, Shape shape)
        {
            _problem = problem;
            _s = shape;
            _n = shape.Columns;
            _m = shape.Rows;
            _variables = shape.Variables;
            _v = new double[_variables];
            _y = new double[_m];
            _zl = new double[_variables];
            _zu = new double[_variables];
            _sl = new double[_variables];
            _su = new double[_variables];
            _hasLower = new bool[_variables];
            _hasUpper = new bool[_variables];
            _d = new double[_variables];
            _m2 = new double[_m * _m];
            _blockInverse = [.. shape.Blocks.Select(b => new double[b.Columns.Length * b.Columns.Length])];
            _hDiagonal = new double[_variables];
            _rd = new double[_variables];
            _rp = new double[_m];
            _factorEntries = new int[_m * _m];
            _factorCount = new int[_m];
            _scratchScale = new double[_n];
            _scratchScaled = new double[_n];
            _scratchT = new double[shape.Blocks.Select(b => b.Rows.Length * b.Columns.Length).DefaultIfEmpty(0).Max()];
        }

        public LpSolution Run()
        {
            Start();
            var dv = new double[_variables];
            var dy = new double[_m];
            var dzl = new double[_variables];
            var dzu = new double[_variables];
            var g = new double[_variables];
            var rcl = new double[_variables];
            var rcu = new double[_variables];
            var affine = new double[_variables];
            var affineZl = new double[_variables];
            var affineZu = new double[_variables];
            var iterations = 0;
            for (; iterations < MaxIterations; iterations++)
            {
                var (primal, dual, worst, mu) = Residuals();
                if (!double.IsFinite(primal + dual + worst))
                {
                    Restore();
                    break;
                }

                if (primal <= PrimalTolerance * (1 + Scale(_s.Rhs)) && dual <= Tolerance && worst <= Complementarity)
                {
                    break;
                }

                Save();

                if (!Factor())
                {
                    return Failed(iterations);
                }

                // Predictor: the affine direction (σ = 0).
                for (var j = 0; j < _variables; j++)
                {
                    rcl[j] = _hasLower[j] ? -SlackLower(j) * _zl[j] : 0;
                    rcu[j] = _hasUpper[j] ? -SlackUpper(j) * _zu[j] : 0;
                }

                Direction(rcl, rcu, g, dv, dy, dzl, dzu);
                var alpha = StepLength(dv, dzl, dzu);
                var count = 0;
                var affineMu = 0.0;
                for (var j = 0; j < _variables; j++)
                {
                    if (_hasLower[j])
                    {
                        affineMu += (SlackLower(j) + (alpha * dv[j])) * (_zl[j] + (alpha * dzl[j]));
                        count++;
                    }

                    if (_hasUpper[j])
                    {
                        affineMu += (SlackUpper(j) - (alpha * dv[j])) * (_zu[j] + (alpha * dzu[j]));
                        count++;
                    }
                }

                affineMu /= Math.Max(1, count);
                var sigma = Math.Pow(Math.Max(0, affineMu) / mu, 3);
                Array.Copy(dv, affine, _variables);
                Array.Copy(dzl, affineZl, _variables);
                Array.Copy(dzu, affineZu, _variables);

                // Corrector: centring and the second-order term of the affine step.
                for (var j = 0; j < _variables; j++)
                {
                    rcl[j] = _hasLower[j] ? (sigma * mu) - (SlackLower(j) * _zl[j]) - (affine[j] * affineZl[j]) : 0;
                    rcu[j] = _hasUpper[j] ? (sigma * mu) - (SlackUpper(j) * _zu[j]) + (affine[j] * affineZu[j]) : 0;
                }

                Direction(rcl, rcu, g, dv, dy, dzl, dzu);
                alpha = StepShare * StepLength(dv, dzl, dzu);
                for (var j = 0; j < _variables; j++)
                {
                    _v[j] += alpha * dv[j];
                    _sl[j] += _hasLower[j] ? alpha * dv[j] : 0;
                    _su[j] -= _hasUpper[j] ? alpha * dv[j] : 0;
                    _zl[j] += alpha * dzl[j];
                    _zu[j] += alpha * dzu[j];
                }

                for (var k = 0; k < _m; k++)
                {
                    _y[k] += alpha * dy[k];
                }
            }

            return Result(iterations);
        }

        /// <summary>Keeps the last finite point, which a breakdown in the last iterations (NaN) falls back to.</summary>
        private void Save()
        {
            _saved ??= (new double[_variables], new double[_m], new double[_variables], new double[_variables], new double[_variables], new double[_variables]);
            Array.Copy(_sl, _saved.Value.Sl, _variables);
            Array.Copy(_su, _saved.Value.Su, _variables);
            Array.Copy(_v, _saved.Value.V, _variables);
            Array.Copy(_y, _saved.Value.Y, _m);
            Array.Copy(_zl, _saved.Value.Zl, _variables);
            Array.Copy(_zu, _saved.Value.Zu, _variables);
        }

        private void Restore()
        {
            if (_saved is { } s)
            {
                Array.Copy(s.V, _v, _variables);
                Array.Copy(s.Y, _y, _m);
                Array.Copy(s.Zl, _zl, _variables);
                Array.Copy(s.Zu, _zu, _variables);
                Array.Copy(s.Sl, _sl, _variables);
                Array.Copy(s.Su, _su, _variables);
            }
        }

        private static double Scale(double[] values)
        {
            var s = 0.0;
            foreach (var v in values)
            {
                s = Math.Max(s, Math.Abs(v));
            }

            return s;
        }

        // The distances to the bounds are kept apart from v and moved by the same steps: v − lower loses every digit once v
        // is within rounding of a large bound, and a distance of exactly 0 ends the iteration in NaN.
        private double SlackLower(int j) => _sl[j];

        private double SlackUpper(int j) => _su[j];

        /// <summary>A point inside every bound, each product s·z the same.</summary>
        private void Start()
        {
            var mu0 = 1.0;
            for (var j = 0; j < _n; j++)
            {
                mu0 = Math.Max(mu0, Math.Abs(_s.Cost[j]));
            }

            mu0 = Math.Min(mu0, StartProduct);
            for (var j = 0; j < _n; j++)
            {
                _v[j] = Inside(0, _s.Lower[j], _s.Upper[j]);
            }

            for (var k = 0; k < _m; k++)
            {
                var w = _s.SlackOf[k];
                if (w >= 0)
                {
                    _v[w] = Inside(RowActivity(k), _s.Lower[w], _s.Upper[w]);
                }
            }

            for (var j = 0; j < _variables; j++)
            {
                _hasLower[j] = double.IsFinite(_s.Lower[j]);
                _hasUpper[j] = double.IsFinite(_s.Upper[j]);
                _sl[j] = _hasLower[j] ? _v[j] - _s.Lower[j] : 0;
                _su[j] = _hasUpper[j] ? _s.Upper[j] - _v[j] : 0;
                _zl[j] = _hasLower[j] ? mu0 / SlackLower(j) : 0;
                _zu[j] = _hasUpper[j] ? mu0 / SlackUpper(j) : 0;
            }
        }

        private static double Inside(double value, double lower, double upper)
        {
            var hasLower = double.IsFinite(lower);
            var hasUpper = double.IsFinite(upper);
            if (hasLower && hasUpper)
            {
                return lower + (0.5 * (upper - lower));
            }

            if (hasLower)
            {
                return Math.Max(value, lower + Math.Max(1, 0.1 * Math.Abs(lower)));
            }

            return hasUpper ? Math.Min(value, upper - Math.Max(1, 0.1 * Math.Abs(upper))) : value;
        }

        private double RowActivity(int k)
        {
            var row = _problem.Rows[_s.RowOf[k]];
            var sum = 0.0;
            for (var e = 0; e < row.Columns.Length; e++)
            {
                sum += row.Values[e] * _v[row.Columns[e]];
            }

            return sum;
        }

        /// <summary>The primal and dual residuals (largest), the largest and the mean complementarity product.</summary>
        private (double Primal, double Dual, double Worst, double Mean) Residuals()
        {
            // r_d = c + Qv − Ãᵀy − z_l + z_u; the slack of row k has column −e_k in Ã.
            for (var j = 0; j < _variables; j++)
            {
                _rd[j] = _s.Cost[j] - _zl[j] + _zu[j];
            }

            for (var j = 0; j < _n; j++)
            {
                if (_s.BlockOf[j] < 0)
                {
                    _rd[j] += _s.Diagonal[j] * _v[j];
                }

                var (rows, values) = _s.ColumnEntries[j];
                for (var e = 0; e < rows.Length; e++)
                {
                    _rd[j] -= values[e] * _y[rows[e]];
                }
            }

            foreach (var block in _s.Blocks)
            {
                var c = block.Columns;
                for (var a = 0; a < c.Length; a++)
                {
                    for (var b = 0; b < c.Length; b++)
                    {
                        _rd[c[a]] += block.Q[(a * c.Length) + b] * _v[c[b]];
                    }
                }
            }

            var primal = 0.0;
            for (var k = 0; k < _m; k++)
            {
                var w = _s.SlackOf[k];
                if (w >= 0)
                {
                    _rd[w] += _y[k];
                }

                _rp[k] = _s.Rhs[k] - RowActivity(k) + (w >= 0 ? _v[w] : 0);
                primal = Math.Max(primal, Math.Abs(_rp[k]));
            }

            var dual = 0.0;
            var worst = 0.0;
            var sum = 0.0;
            var count = 0;
            for (var j = 0; j < _variables; j++)
            {
                dual = Math.Max(dual, Math.Abs(_rd[j]));
                if (_hasLower[j])
                {
                    var p = SlackLower(j) * _zl[j];
                    worst = Math.Max(worst, p);
                    sum += p;
                    count++;
                }

                if (_hasUpper[j])
                {
                    var p = SlackUpper(j) * _zu[j];
                    worst = Math.Max(worst, p);
                    sum += p;
                    count++;
                }
            }

            return (primal, dual, worst, sum / Math.Max(1, count));
        }

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

        /// <summary>The longest step (at most 1) that keeps every slack and every z positive.</summary>
        private double StepLength(double[] dv, double[] dzl, double[] dzu)
        {
            var alpha = 1.0;
            for (var j = 0; j < _variables; j++)
            {
                if (_hasLower[j])
                {
                    if (dv[j] < 0)
                    {
                        alpha = Math.Min(alpha, -SlackLower(j) / dv[j]);
                    }

                    if (dzl[j] < 0)
                    {
                        alpha = Math.Min(alpha, -_zl[j] / dzl[j]);
                    }
                }

                if (_hasUpper[j])
                {
                    if (dv[j] > 0)
                    {
                        alpha = Math.Min(alpha, SlackUpper(j) / dv[j]);
                    }

                    if (dzu[j] < 0)
                    {
                        alpha = Math.Min(alpha, -_zu[j] / dzu[j]);
                    }
                }
            }

            return alpha;
        }

        private LpSolution Failed(int iterations) => Result(iterations) with { Status = LpStatus.Failed };

        /// <summary>The point as a solution of the problem: row duals y (0 on free rows), all else recomputed and checked.</summary>
        private LpSolution Result(int iterations)
        {
            var x = _v[.._n];
            var y = new double[_problem.RowCount];
            for (var k = 0; k < _m; k++)
            {
                y[_s.RowOf[k]] = _y[k];
            }

            var check = Optimality.Of(_problem, x, y);
            return check.Solution(x, y, iterations, LpAlgorithm.Barrier) with { Status = check.Holds ? LpStatus.Optimal : LpStatus.Failed };
        }
    }
}
