namespace Gridclear.Solvers;

// The iteration of the interior point: its state, the predictor-corrector loop, the start and the result.
public static partial class InteriorPointQp
{
    /// <summary>One solve's state: the point (v, y, z) and the work arrays of its Newton systems.</summary>
    private sealed partial class Iteration
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
