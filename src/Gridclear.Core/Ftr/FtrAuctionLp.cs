using Gridclear.Solvers;

namespace Gridclear.Ftr;

/// <summary>
/// The auction LP's recipe, kept apart from the rounds that drive it. Minimises −value: a buy column costs −price,
/// a sell column +price. A row for constraint i in direction +1 reads Σ_bids c·x ≤ released upper − outstanding
/// upper load, in direction −1 Σ_bids c·x ≥ released lower − outstanding lower load, with c the bid path's flow
/// (obligations), its positive part (options, +1) or negative part (options, −1), negated for sells. With no
/// options anywhere the two directions are one ranged row.
/// </summary>
internal sealed class FtrAuctionLp
{
    /// <summary>Coefficients at most this share of a row's largest are round-off and left out (as DispatchProblem.NegligibleCoefficient).</summary>
    private const double ZeroCoefficient = 1e-10;

    /// <summary>Primal values this close to a bound are snapped to it (Clp's primal tolerance is 1e-7).</summary>
    private const double SnapMw = 1e-7;

    private readonly IFtrConstraints _constraints;
    private readonly IReadOnlyList<FtrBid> _bids;
    private readonly FtrLoads _outstanding;
    private readonly double _share;
    private readonly bool _anyOption;
    private readonly List<FtrPath> _paths = [];
    private readonly int[] _pathOfBid;
    private readonly List<int[]> _bidsOfPath = [];
    private readonly HashSet<(int Constraint, int Direction)> _inModel = [];
    private readonly List<(int Constraint, int Direction)> _rowKeys = [];

    public FtrAuctionLp(IFtrConstraints constraints, IReadOnlyList<FtrBid> bids, FtrLoads outstanding, double share)
    {
        _constraints = constraints;
        _bids = bids;
        _outstanding = outstanding;
        _share = share;
        _anyOption = bids.Any(b => b.Kind == FtrKind.Option) || outstanding.Upper.AsSpan().SequenceCompareTo(outstanding.Lower) != 0;
        _pathOfBid = new int[bids.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new List<List<int>>();
        for (var b = 0; b < bids.Count; b++)
        {
            var key = FtrLoads.PathKey(bids[b].Path);
            if (!index.TryGetValue(key, out var p))
            {
                p = _paths.Count;
                index[key] = p;
                _paths.Add(bids[b].Path);
                members.Add([]);
            }

            _pathOfBid[b] = p;
            members[p].Add(b);
        }

        foreach (var m in members)
        {
            _bidsOfPath.Add([.. m]);
        }
    }

    public IReadOnlyList<(int Constraint, int Direction)> RowKeys => _rowKeys;

    /// <summary>The LP optimum with no constraint rows: every bid whose award adds value is awarded in full.</summary>
    public double[] UnconstrainedAwards()
    {
        var x = new double[_bids.Count];
        for (var b = 0; b < x.Length; b++)
        {
            var gain = _bids[b].Side == FtrSide.Buy ? _bids[b].Price : -_bids[b].Price;
            x[b] = gain > 0 ? _bids[b].Mw : 0;
        }

        return x;
    }

    public IEnumerable<(FtrPath Path, FtrKind Kind, double Mw)> SignedAwards(double[] x)
    {
        for (var b = 0; b < x.Length; b++)
        {
            if (x[b] != 0)
            {
                yield return (_bids[b].Path, _bids[b].Kind, _bids[b].Side == FtrSide.Buy ? x[b] : -x[b]);
            }
        }
    }

    public LpProblem Problem(IReadOnlyList<LpRow> rows)
    {
        var problem = new LpProblem();
        foreach (var bid in _bids)
        {
            problem.AddColumn(0, bid.Mw, bid.Side == FtrSide.Buy ? -bid.Price : bid.Price);
        }

        foreach (var row in rows)
        {
            problem.AddRow(row);
        }

        return problem;
    }

    /// <summary>
    /// Rows for the most violated constraints not yet in the model, at most one per monitored element (the worst of
    /// its contingencies and directions: the others often clear once that one binds, and every row is dense over
    /// the bids) and at most <paramref name="max"/> in all, largest violation first; records them as added.
    /// </summary>
    public List<LpRow> RowsFor(List<FtrViolation> violations, int max)
    {
        var rows = new List<LpRow>();
        var coefficients = new double[_constraints.BusCount];
        var flows = new double[_paths.Count];
        var elements = new HashSet<int>();
        var columns = new List<int>();
        var values = new List<double>();
        foreach (var v in violations)
        {
            if (rows.Count >= max)
            {
                break;
            }

            var direction = _anyOption ? v.Direction : 0;
            if (_inModel.Contains((v.Constraint, v.Direction)) || _inModel.Contains((v.Constraint, 0)))
            {
                // Already a row: the overload is within the solver's tolerance, or comes from rounding.
                continue;
            }

            // Violations come most violated first, so the first of an element is its worst.
            if (!elements.Add(_constraints.Element(v.Constraint)))
            {
                continue;
            }

            _constraints.Coefficients(v.Constraint, coefficients);
            var largest = 0.0;
            for (var p = 0; p < _paths.Count; p++)
            {
                flows[p] = _paths[p].Flow(coefficients);
                largest = Math.Max(largest, Math.Abs(flows[p]));
            }

            // Shift factors from a sparse solve carry round-off where they are zero; kept, such entries wreck
            // Clp's scaling (a non-optimal vertex with wrong-sign duals), as in the day-ahead market's rows.
            var negligible = Math.Max(ZeroCoefficient * largest, double.Epsilon);
            columns.Clear();
            values.Clear();
            for (var b = 0; b < _bids.Count; b++)
            {
                var c = Coefficient(_bids[b], flows[_pathOfBid[b]], direction);
                if (Math.Abs(c) > negligible)
                {
                    columns.Add(b);
                    values.Add(c);
                }
            }

            if (columns.Count == 0)
            {
                continue;
            }

            var (lo, up) = SimultaneousFeasibility.ReleasedLimits(_constraints, v.Constraint, _share);
            var lower = direction >= 0 && direction != 0 ? double.NegativeInfinity : lo - _outstanding.Lower[v.Constraint];
            var upper = direction < 0 ? double.PositiveInfinity : up - _outstanding.Upper[v.Constraint];
            rows.Add(new LpRow(lower, upper, [.. columns], [.. values]));
            _inModel.Add((v.Constraint, direction));
            _rowKeys.Add((v.Constraint, direction));
        }

        return rows;
    }

    /// <summary>A bid's coefficient in a row of the given direction (0: ranged, obligations only).</summary>
    private static double Coefficient(FtrBid bid, double flow, int direction)
    {
        var c = bid.Kind == FtrKind.Obligation || direction == 0 ? flow
            : direction > 0 ? Math.Max(0, flow) : Math.Min(0, flow);
        return bid.Side == FtrSide.Buy ? c : -c;
    }

    public double[] Clean(double[] primal)
    {
        var x = new double[_bids.Count];
        for (var b = 0; b < x.Length; b++)
        {
            var v = Math.Clamp(primal[b], 0, _bids[b].Mw);
            x[b] = v < SnapMw ? 0 : _bids[b].Mw - v < SnapMw ? _bids[b].Mw : v;
        }

        return x;
    }

    /// <summary>Prices from the row duals y (minimisation convention: a ≤ row binding has y ≤ 0): the price of
    /// a path is −Σ_rows y·(its coefficient as a buy), so nodal prices are π = Σ_rows y·a.</summary>
    public FtrAuctionResult Result(double[] x, LpSolution? solution, FtrLoads total, int rounds)
    {
        var busPrices = new double[_constraints.BusCount];
        var obligationPrice = new double[_paths.Count];
        var optionPrice = new double[_paths.Count];
        var binding = new List<FtrBindingConstraint>();
        if (solution is not null)
        {
            var coefficients = new double[_constraints.BusCount];
            for (var r = 0; r < _rowKeys.Count; r++)
            {
                var y = solution.RowDual[r];
                if (y == 0)
                {
                    continue;
                }

                var (constraint, direction) = _rowKeys[r];
                _constraints.Coefficients(constraint, coefficients);
                for (var bus = 0; bus < busPrices.Length; bus++)
                {
                    busPrices[bus] += y * coefficients[bus];
                }

                for (var p = 0; p < _paths.Count; p++)
                {
                    var f = _paths[p].Flow(coefficients);
                    obligationPrice[p] -= y * f;
                    var optionDirection = direction != 0 ? direction : y < 0 ? 1 : -1;
                    optionPrice[p] -= y * (optionDirection > 0 ? Math.Max(0, f) : Math.Min(0, f));
                }

                // Which bound binds: a ≤ side has y < 0, a ≥ side y > 0.
                var side = direction != 0 ? direction : y < 0 ? 1 : -1;
                var (lo, up) = SimultaneousFeasibility.ReleasedLimits(_constraints, constraint, _share);
                binding.Add(new FtrBindingConstraint(
                    constraint, _constraints.Describe(constraint), side,
                    side > 0 ? total.Upper[constraint] : total.Lower[constraint],
                    side > 0 ? up : lo, Math.Abs(y)));
            }
        }

        var awards = new List<FtrAward>(_bids.Count);
        decimal revenue = 0;
        double value = 0;
        for (var b = 0; b < _bids.Count; b++)
        {
            var bid = _bids[b];
            var price = bid.Kind == FtrKind.Obligation ? obligationPrice[_pathOfBid[b]] : optionPrice[_pathOfBid[b]];
            var amount = Math.Round((decimal)price * (decimal)x[b], 2, MidpointRounding.AwayFromZero);
            awards.Add(new FtrAward(bid, x[b], price, amount));
            revenue += bid.Side == FtrSide.Buy ? amount : -amount;
            value += (bid.Side == FtrSide.Buy ? 1 : -1) * bid.Price * x[b];
        }

        binding.Sort((a, b) => a.Constraint != b.Constraint ? a.Constraint.CompareTo(b.Constraint) : a.Direction.CompareTo(b.Direction));
        return new FtrAuctionResult(awards, busPrices, binding, revenue, value, rounds, _rowKeys.Count);
    }
}
