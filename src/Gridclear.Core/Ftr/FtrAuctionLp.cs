using Gridclear.Solvers;

namespace Gridclear.Ftr;

/// <summary>
/// The auction LP's recipe, kept apart from the rounds that drive it. Minimises −value: a buy column costs −price,
/// a sell column +price. A row for constraint i in direction +1 reads Σ_bids c·x ≤ released upper − outstanding
/// upper load, in direction −1 Σ_bids c·x ≥ released lower − outstanding lower load, with c the bid path's flow
/// (obligations), its positive part (options, +1) or negative part (options, −1), negated for sells. With no
/// options anywhere the two directions are one ranged row.
/// <para>In the angle form (<see cref="FtrFormulation.Angle"/>) the network is written out instead: a free angle
/// column per bus but the reference (fixed at 0), a nodal balance row per bus but the reference (redundant: every
/// path balances), Σ_bids inj·x − Σ_lines out-flow(θ) = −(outstanding obligations' injection), and a constraint row
/// holds the branch flows b·(θf − θt) it is made of, the injection terms of a nomogram and the options' loads (dense
/// as before, options do not net). Outstanding obligations load the rows through θ, so a row's bounds only lose
/// the outstanding options' loads.</para>
/// </summary>
internal sealed partial class FtrAuctionLp
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

    // Each path as one list of (bus, weight) terms, sink weights negated: its flow on a row is Σ weight·row[bus],
    // read many times a round (pricing reads every held-out bid on every priced row), so kept in plain arrays.
    private readonly List<int[]> _pathBuses = [];
    private readonly List<double[]> _pathWeights = [];
    private readonly int[] _pathOfBid;
    private readonly bool[] _isOption;
    private readonly bool[] _isBuy;
    private readonly List<int[]> _bidsOfPath = [];
    private readonly List<bool> _optionPath = [];
    private readonly HashSet<(int Constraint, int Direction)> _inModel = [];
    private readonly List<(int Constraint, int Direction)> _rowKeys = [];

    // Rows leaving the LP once slack (FtrAuctionLp.Rows.cs): solves in a row that each row has been slack, and the
    // rows that left once (they stay if they come back).
    private readonly List<int> _slackSolves = [];
    private readonly HashSet<(int Constraint, int Direction)> _droppedOnce = [];

    // Column generation (FtrAuctionLp.Columns.cs): which bids are priced in and out, where each sits, and per
    // constraint row its bounds before and the load of the bids held out at their full MW.
    private readonly bool[] _generated;
    private readonly bool[] _generatedPath;
    private readonly int[] _columnOfBid;
    private readonly bool[] _outAtUpper;
    private readonly int[] _entries;
    private readonly List<int> _owner = [];
    private readonly List<double> _baseLower = [];
    private readonly List<double> _baseUpper = [];
    private readonly List<double> _fixedLoad = [];
    private readonly List<double> _negligible = [];

    // Angle form only (null otherwise): the network, θ column and balance row of every bus (−1 at the reference),
    // the outstanding options' loads and the outstanding obligations' net injections.
    private readonly IFtrFlowConstraints? _network;
    private readonly int[] _theta = [];
    private readonly int[] _balance = [];
    private readonly int _balanceCount;
    private readonly FtrLoads? _outstandingOptions;
    private readonly double[] _outstandingInjection = [];
    private readonly bool _anyOptionBid;

    public FtrAuctionLp(IFtrConstraints constraints, IReadOnlyList<FtrBid> bids, FtrLoads outstanding, double share)
        : this(constraints, bids, outstanding, share, null, [], priceColumns: false)
    {
    }

    /// <param name="network">Non-null for the angle form.</param>
    /// <param name="outstandingFtrs">The FTRs behind <paramref name="outstanding"/> (the angle form splits them).</param>
    /// <param name="priceColumns">Whether bids with dense columns (options in the angle form, every bid in the shift
    /// factor form) leave the LP once clearly in or out, to be priced back in when the duals call for them.</param>
    public FtrAuctionLp(IFtrConstraints constraints, IReadOnlyList<FtrBid> bids, FtrLoads outstanding, double share, IFtrFlowConstraints? network, IReadOnlyList<OutstandingFtr> outstandingFtrs, bool priceColumns)
    {
        _constraints = constraints;
        _bids = bids;
        _outstanding = outstanding;
        _share = share;
        _anyOptionBid = bids.Any(b => b.Kind == FtrKind.Option);
        _anyOption = _anyOptionBid || outstanding.Upper.AsSpan().SequenceCompareTo(outstanding.Lower) != 0;
        _network = network;
        // Columns: the bids that start in the LP, in bid order, then the θ columns, then bids as they are priced in.
        // Rows: the balance rows, then the constraint rows. Options start out of the angle form's LP (held at 0):
        // their dense columns come in only when the prices call for them.
        _columnOfBid = new int[bids.Count];
        _outAtUpper = new bool[bids.Count];
        _entries = new int[bids.Count];
        _generated = new bool[bids.Count];
        for (var b = 0; b < bids.Count; b++)
        {
            _generated[b] = priceColumns && (network is null || bids[b].Kind == FtrKind.Option);
        }

        for (var b = 0; b < bids.Count; b++)
        {
            if (network is not null && _generated[b])
            {
                _columnOfBid[b] = -1;
                continue;
            }

            _columnOfBid[b] = _owner.Count;
            _owner.Add(b);
        }

        if (network is not null)
        {
            var n = network.BusCount;
            _theta = new int[n];
            _balance = new int[n];
            for (var i = 0; i < n; i++)
            {
                if (i == network.Network.ReferenceBus)
                {
                    _theta[i] = _balance[i] = -1;
                    continue;
                }

                _theta[i] = _owner.Count;
                _owner.Add(-1 - i);
                _balance[i] = _balanceCount++;
            }

            _outstandingOptions = FtrLoads.Of(constraints, outstandingFtrs.Where(f => f.Kind == FtrKind.Option).Select(f => (f.Path, f.Kind, f.Mw)));
            _outstandingInjection = new double[n];
            foreach (var f in outstandingFtrs.Where(f => f.Kind == FtrKind.Obligation))
            {
                f.Path.AddInjection(_outstandingInjection, f.Mw);
            }
        }

        _pathOfBid = new int[bids.Count];
        _isOption = [.. bids.Select(b => b.Kind == FtrKind.Option)];
        _isBuy = [.. bids.Select(b => b.Side == FtrSide.Buy)];
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
                AddPathTerms(bids[b].Path);
                _optionPath.Add(false);
                members.Add([]);
            }

            _optionPath[p] |= bids[b].Kind == FtrKind.Option;

            _pathOfBid[b] = p;
            members[p].Add(b);
        }

        foreach (var m in members)
        {
            _bidsOfPath.Add([.. m]);
        }

        _generatedPath = new bool[_paths.Count];
        for (var b = 0; b < bids.Count; b++)
        {
            _generatedPath[_pathOfBid[b]] |= _generated[b];
        }
    }

    public IReadOnlyList<(int Constraint, int Direction)> RowKeys => _rowKeys;

    /// <summary>The flow 1 MW of path <paramref name="p"/> puts on a row with per-bus coefficients <paramref name="row"/>.</summary>
    private double Flow(int p, double[] row)
    {
        var buses = _pathBuses[p];
        var weights = _pathWeights[p];
        var v = 0.0;
        for (var k = 0; k < buses.Length; k++)
        {
            v += weights[k] * row[buses[k]];
        }

        return v;
    }

    private void AddPathTerms(FtrPath path)
    {
        var buses = new List<int>();
        var weights = new List<double>();
        for (var k = 0; k < path.Source.Buses.Count; k++)
        {
            buses.Add(path.Source.Buses[k]);
            weights.Add(path.Source.Weights[k]);
        }

        for (var k = 0; k < path.Sink.Buses.Count; k++)
        {
            buses.Add(path.Sink.Buses[k]);
            weights.Add(-path.Sink.Weights[k]);
        }

        _pathBuses.Add([.. buses]);
        _pathWeights.Add([.. weights]);
    }

    /// <summary>The LP optimum with no constraint rows: every bid whose award adds value is awarded in full.</summary>
    public double[] UnconstrainedAwards()
    {
        var x = new double[_bids.Count];
        for (var b = 0; b < x.Length; b++)
        {
            var gain = _bids[b].Side == FtrSide.Buy ? _bids[b].Price : -_bids[b].Price;
            x[b] = gain > 0 && _columnOfBid[b] >= 0 ? _bids[b].Mw : 0;
        }

        return x;
    }

    /// <summary>The awards <paramref name="x"/> as signed MW on their paths (sells negative), less
    /// <paramref name="since"/> when given: what changed since those awards.</summary>
    public IEnumerable<(FtrPath Path, FtrKind Kind, double Mw)> SignedAwards(double[] x, double[]? since)
    {
        for (var b = 0; b < x.Length; b++)
        {
            var mw = x[b] - (since?[b] ?? 0);
            if (mw != 0)
            {
                yield return (_bids[b].Path, _bids[b].Kind, _bids[b].Side == FtrSide.Buy ? mw : -mw);
            }
        }
    }

    public LpProblem Problem(IReadOnlyList<LpRow> rows)
    {
        // θ columns are free: the starting basis makes them all basic, where the dual simplex leaves them.
        var problem = new LpProblem();
        foreach (var owner in _owner)
        {
            if (owner >= 0)
            {
                var bid = _bids[owner];
                problem.AddColumn(0, bid.Mw, Cost(bid));
            }
            else
            {
                problem.AddColumn(double.NegativeInfinity, double.PositiveInfinity, 0);
            }
        }

        if (_network is not null)
        {
            AddNetwork(problem);
        }

        foreach (var row in rows)
        {
            problem.AddRow(row);
        }

        return problem;
    }

    /// <summary>
    /// The angle form's starting basis: every angle basic, every balance row at its (fixed) value, every constraint
    /// row's activity basic, each bid at the bound its cost favours. It is nonsingular (the reduced susceptance
    /// matrix) and dual feasible (all duals 0), so the dual simplex starts at the unconstrained awards with the
    /// network already in the basis: from Clp's slack basis it first spends thousands of pivots bringing angles in,
    /// through vertices with primal infeasibilities of 1e14 (measured on case2000_goc).
    /// </summary>
    public (BasisStatus[] Columns, BasisStatus[] Rows) StartingBasis(int rowCount)
    {
        var columns = new BasisStatus[_owner.Count];
        for (var j = 0; j < columns.Length; j++)
        {
            var owner = _owner[j];
            columns[j] = owner < 0 ? BasisStatus.Basic : Cost(_bids[owner]) < 0 ? BasisStatus.AtUpper : BasisStatus.AtLower;
        }

        var rows = new BasisStatus[rowCount];
        for (var i = 0; i < rowCount; i++)
        {
            rows[i] = i < _balanceCount ? BasisStatus.AtLower : BasisStatus.Basic;
        }

        return (columns, rows);
    }

    /// <summary>A bid's LP cost: the auction minimises −value.</summary>
    private static double Cost(FtrBid bid) => bid.Side == FtrSide.Buy ? -bid.Price : bid.Price;

    /// <summary>The nodal balance rows (the θ columns are among the problem's columns already).</summary>
    private void AddNetwork(LpProblem problem)
    {
        var network = _network!.Network;
        var entries = new SortedDictionary<int, double>[_theta.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = [];
        }

        for (var b = 0; b < _bids.Count; b++)
        {
            var bid = _bids[b];
            if (bid.Kind != FtrKind.Obligation)
            {
                continue;
            }

            var sign = bid.Side == FtrSide.Buy ? 1.0 : -1.0;
            AddLocation(entries, _columnOfBid[b], bid.Path.Source, sign);
            AddLocation(entries, _columnOfBid[b], bid.Path.Sink, -sign);
        }

        foreach (var br in network.Branches)
        {
            // Flow f→t = base·b·(θf − θt) leaves f and arrives at t: −out-flow in f's row, +in t's.
            var b = network.BaseMva * br.Susceptance;
            Add(entries[br.From], _theta[br.From], -b);
            Add(entries[br.From], _theta[br.To], b);
            Add(entries[br.To], _theta[br.From], b);
            Add(entries[br.To], _theta[br.To], -b);
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (_balance[i] >= 0)
            {
                var row = problem.AddRow(LpRow.Equal(-_outstandingInjection[i], [.. entries[i].Keys], [.. entries[i].Values]));
                if (row != _balance[i])
                {
                    throw new InvalidOperationException("balance rows must come first");
                }
            }
        }
    }

    private static void AddLocation(SortedDictionary<int, double>[] entries, int column, FtrLocation location, double mw)
    {
        for (var k = 0; k < location.Buses.Count; k++)
        {
            Add(entries[location.Buses[k]], column, location.Weights[k] * mw);
        }
    }

    private static void Add(SortedDictionary<int, double> row, int column, double value)
    {
        if (column >= 0)
        {
            row[column] = row.GetValueOrDefault(column) + value;
        }
    }

    /// <summary>
    /// Rows for the most violated constraints not yet in the model, at most one per monitored element (the worst of
    /// its contingencies and directions: the others often clear once that one binds, and every row is dense over
    /// the bids) and at most <paramref name="max"/> in all, largest violation first; records them as added. Bids
    /// held out at full MW that would make a new row infeasible on their own come back into
    /// <paramref name="model"/> first (see <see cref="RestoreFor"/>).
    /// </summary>
    public List<LpRow> RowsFor(List<FtrViolation> violations, int max, ILpModel? model)
    {
        var selected = new List<(int Constraint, int Direction)>();
        var elements = new HashSet<int>();
        foreach (var v in violations)
        {
            if (selected.Count >= max)
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
            if (elements.Add(_constraints.Element(v.Constraint)))
            {
                selected.Add((v.Constraint, direction));
            }
        }

        if (model is not null)
        {
            RestoreFor(selected, model);
        }

        var rows = new List<LpRow>();
        var coefficients = new double[_constraints.BusCount];
        var flows = new double[_paths.Count];
        var columns = new List<int>();
        var values = new List<double>();
        foreach (var (constraint, direction) in selected)
        {
            if (_network is not null)
            {
                if (AngleRow(constraint, direction, coefficients, flows, columns, values) is { } angleRow)
                {
                    rows.Add(angleRow);
                }

                continue;
            }

            _constraints.Coefficients(constraint, coefficients);
            var largest = 0.0;
            for (var p = 0; p < _paths.Count; p++)
            {
                flows[p] = Flow(p, coefficients);
                largest = Math.Max(largest, Math.Abs(flows[p]));
            }

            // Shift factors from a sparse solve carry round-off where they are zero; kept, such entries wreck
            // Clp's scaling (a non-optimal vertex with wrong-sign duals), as in the day-ahead market's rows.
            var negligible = Math.Max(ZeroCoefficient * largest, double.Epsilon);
            columns.Clear();
            values.Clear();
            var fixedLoad = 0.0;
            for (var b = 0; b < _bids.Count; b++)
            {
                var c = Coefficient(b, flows[_pathOfBid[b]], direction);
                if (Math.Abs(c) > negligible)
                {
                    fixedLoad += Entry(b, c, columns, values);
                }
            }

            if (columns.Count == 0 && fixedLoad == 0)
            {
                continue;
            }

            var (lo, up) = SimultaneousFeasibility.ReleasedLimits(_constraints, constraint, _share);
            var lower = direction >= 0 && direction != 0 ? double.NegativeInfinity : lo - _outstanding.Lower[constraint];
            var upper = direction < 0 ? double.PositiveInfinity : up - _outstanding.Upper[constraint];
            rows.Add(Register(constraint, direction, lower, upper, negligible, fixedLoad, columns, values));
        }

        return rows;
    }

    /// <summary>One constraint row of the angle form, or null when nothing in the LP loads it.</summary>
    private LpRow? AngleRow(int constraint, int direction, double[] coefficients, double[] flows, List<int> columns, List<double> values)
    {
        var network = _network!.Network;
        var terms = _network.Terms(constraint);
        var theta = new SortedDictionary<int, double>();
        foreach (var (l, w) in terms.Flows)
        {
            var br = network.Branches[l];
            var b = network.BaseMva * br.Susceptance * w;
            Add(theta, _theta[br.From], b);
            Add(theta, _theta[br.To], -b);
        }

        // A nomogram's injection terms: obligations carry them directly, outstanding ones as a constant.
        var constant = 0.0;
        var injection = terms.Injections.Count > 0 ? new double[_theta.Length] : null;
        foreach (var (bus, c) in terms.Injections)
        {
            injection![bus] += c;
            constant += c * _outstandingInjection[bus];
        }

        // Options do not net: each keeps its directional loading, from the constraint's shift factors.
        var largest = 0.0;
        if (_anyOptionBid)
        {
            _constraints.Coefficients(constraint, coefficients);
            for (var p = 0; p < _paths.Count; p++)
            {
                flows[p] = _optionPath[p] ? Flow(p, coefficients) : 0;
                largest = Math.Max(largest, Math.Abs(flows[p]));
            }
        }

        var negligible = Math.Max(ZeroCoefficient * largest, double.Epsilon);
        columns.Clear();
        values.Clear();
        var fixedLoad = 0.0;
        for (var b = 0; b < _bids.Count; b++)
        {
            var bid = _bids[b];
            var c = bid.Kind == FtrKind.Option ? Coefficient(b, flows[_pathOfBid[b]], direction)
                : injection is not null ? Coefficient(b, bid.Path.Flow(injection), 0)
                : 0;
            if (Math.Abs(c) > negligible)
            {
                fixedLoad += Entry(b, c, columns, values);
            }
        }

        foreach (var (column, value) in theta)
        {
            if (value != 0)
            {
                columns.Add(column);
                values.Add(value);
            }
        }

        if (columns.Count == 0 && fixedLoad == 0)
        {
            return null;
        }

        var (lo, up) = SimultaneousFeasibility.ReleasedLimits(_constraints, constraint, _share);
        var lower = direction > 0 ? double.NegativeInfinity : lo - _outstandingOptions!.Lower[constraint] - constant;
        var upper = direction < 0 ? double.PositiveInfinity : up - _outstandingOptions!.Upper[constraint] - constant;
        return Register(constraint, direction, lower, upper, negligible, fixedLoad, columns, values);
    }

    /// <summary>Bid <paramref name="b"/>'s coefficient in a row of the given direction (0: ranged, obligations only).</summary>
    private double Coefficient(int b, double flow, int direction)
    {
        var c = !_isOption[b] || direction == 0 ? flow
            : direction > 0 ? Math.Max(0, flow) : Math.Min(0, flow);
        return _isBuy[b] ? c : -c;
    }

    /// <summary>Nodal prices from the balance rows' duals, on the level of <paramref name="shiftFactorPrices"/> (Σ y·a)
    /// at the slack.</summary>
    private double[] BalancePrices(LpSolution solution, double[] injectionPart, double[] shiftFactorPrices)
    {
        // Buses past the network's (flowgate rights' virtual buses, FtrFlowgates) have no balance row: their prices
        // are the shift-factor form's, Σ y·a.
        var prices = new double[shiftFactorPrices.Length];
        for (var i = 0; i < prices.Length; i++)
        {
            prices[i] = i >= _balance.Length ? shiftFactorPrices[i] : (_balance[i] >= 0 ? solution.RowDual[_balance[i]] : 0) + injectionPart[i];
        }

        var slack = _network!.Slack;
        var shift = 0.0;
        for (var k = 0; k < slack.Buses.Count; k++)
        {
            shift += slack.Weights[k] * (shiftFactorPrices[slack.Buses[k]] - prices[slack.Buses[k]]);
        }

        for (var i = 0; i < _balance.Length; i++)
        {
            prices[i] += shift;
        }

        return prices;
    }

    /// <summary>Every bid's award: its column's value snapped to its bounds, or the bound a bid held out sits at.</summary>
    public double[] Clean(double[] primal)
    {
        var x = new double[_bids.Count];
        for (var b = 0; b < x.Length; b++)
        {
            var column = _columnOfBid[b];
            if (column < 0)
            {
                x[b] = _outAtUpper[b] ? _bids[b].Mw : 0;
                continue;
            }

            var v = Math.Clamp(primal[column], 0, _bids[b].Mw);
            x[b] = v < SnapMw ? 0 : _bids[b].Mw - v < SnapMw ? _bids[b].Mw : v;
        }

        return x;
    }

    /// <summary>Prices from the row duals y (minimisation convention: a ≤ row binding has y ≤ 0): the price of
    /// a path is −Σ_rows y·(its coefficient as a buy), so nodal prices are π = Σ_rows y·a. In the angle form an
    /// obligation's price is read off the balance rows instead: π = λ (their duals, 0 at the reference) plus Σ y·(a
    /// nomogram's injection coefficients), shifted by a constant so that Σ slack weight·π is the same as Σ y·a gives
    /// (0 unless a nomogram has injection terms): the two agree wherever the duals are unique.</summary>
    public FtrAuctionResult Result(double[] x, LpSolution? solution, FtrLoads total, int rounds)
    {
        var busPrices = new double[_constraints.BusCount];
        var obligationPrice = new double[_paths.Count];
        var optionPrice = new double[_paths.Count];
        var binding = new List<FtrBindingConstraint>();

        // The Lagrangian bound of the LP with every bid and every constraint (see DualBound): Σ y·a per path (its
        // obligation and option forms) and the rows' part, Σ y·bound.
        var pricedObligation = new double[_paths.Count];
        var pricedOption = new double[_paths.Count];
        var rowPart = 0.0;
        if (solution is not null)
        {
            var coefficients = new double[_constraints.BusCount];
            var injectionPart = _network is null ? null : new double[_constraints.BusCount];
            for (var r = 0; r < _rowKeys.Count; r++)
            {
                var y = solution.RowDual[_balanceCount + r];
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

                if (injectionPart is not null)
                {
                    foreach (var (bus, c) in _network!.Terms(constraint).Injections)
                    {
                        injectionPart[bus] += y * c;
                    }
                }

                // Which bound binds: a ≤ side has y < 0, a ≥ side y > 0. A dual of the wrong sign for the row's
                // direction (round-off) is left out of the bound, which holds for any multipliers of the right sign.
                var side = direction != 0 ? direction : y < 0 ? 1 : -1;
                var (lo, up) = SimultaneousFeasibility.ReleasedLimits(_constraints, constraint, _share);
                var bounding = side == (y < 0 ? 1 : -1);
                if (bounding)
                {
                    rowPart += y * (side > 0 ? up - _outstanding.Upper[constraint] : lo - _outstanding.Lower[constraint]);
                }

                for (var p = 0; p < _paths.Count; p++)
                {
                    var f = Flow(p, coefficients);
                    var optionPart = side > 0 ? Math.Max(0, f) : Math.Min(0, f);
                    obligationPrice[p] -= y * f;
                    optionPrice[p] -= y * optionPart;
                    if (bounding)
                    {
                        pricedObligation[p] += y * f;
                        pricedOption[p] += y * optionPart;
                    }
                }

                binding.Add(new FtrBindingConstraint(
                    constraint, _constraints.Describe(constraint), side,
                    side > 0 ? total.Upper[constraint] : total.Lower[constraint],
                    side > 0 ? up : lo, Math.Abs(y)));
            }

            if (injectionPart is not null)
            {
                busPrices = BalancePrices(solution, injectionPart, busPrices);
                for (var p = 0; p < _paths.Count; p++)
                {
                    obligationPrice[p] = _paths[p].Value(busPrices);
                }
            }
        }

        var awards = new List<FtrAward>(_bids.Count);
        decimal revenue = 0;
        double value = 0;
        var boxPart = 0.0;
        for (var b = 0; b < _bids.Count; b++)
        {
            var bid = _bids[b];
            var priced = bid.Kind == FtrKind.Obligation ? pricedObligation[_pathOfBid[b]] : pricedOption[_pathOfBid[b]];
            boxPart += bid.Mw * Math.Min(0, Cost(bid) - (_isBuy[b] ? priced : -priced));
            var price = bid.Kind == FtrKind.Obligation ? obligationPrice[_pathOfBid[b]] : optionPrice[_pathOfBid[b]];
            var amount = Math.Round((decimal)price * (decimal)x[b], 2, MidpointRounding.AwayFromZero);
            awards.Add(new FtrAward(bid, x[b], price, amount));
            revenue += bid.Side == FtrSide.Buy ? amount : -amount;
            value += (bid.Side == FtrSide.Buy ? 1 : -1) * bid.Price * x[b];
        }

        binding.Sort((a, b) => a.Constraint != b.Constraint ? a.Constraint.CompareTo(b.Constraint) : a.Direction.CompareTo(b.Direction));
        return new FtrAuctionResult(awards, busPrices, binding, revenue, value, rounds, _rowKeys.Count) { DualBound = -(rowPart + boxPart) };
    }
}
