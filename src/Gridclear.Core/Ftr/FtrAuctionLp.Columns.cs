using Gridclear.Solvers;

namespace Gridclear.Ftr;

/// <summary>
/// Column generation over the bids whose columns are dense (options in the angle form, every bid in the shift
/// factor form). Each costs as many entries as there are constraint rows, and the dual simplex pays for all of them
/// at every iteration, yet at the optimum only the marginal bids (fewer than the binding rows) sit strictly between
/// 0 and their MW. So a bid whose column is nonbasic with a clearly nonzero reduced cost leaves the LP, held at its
/// bound: at 0 it simply drops out, at full MW its load moves into the rows' bounds. After every solve the bids
/// held out are priced with the row duals, d = cost − Σ dual·coefficient, and any on the wrong side of its bound
/// comes back (for good, so nothing cycles). The auction stops only when no row is violated and no bid held out
/// prices in: then the restricted LP's optimum is the full LP's.
/// </summary>
internal sealed partial class FtrAuctionLp
{
    /// <summary>Reduced cost, $/MW, beyond which a nonbasic column leaves the LP.</summary>
    private const double PruneReducedCost = 1e-6;

    /// <summary>Reduced cost, $/MW, on the wrong side of a bound that brings a held-out bid back (Clp's dual
    /// feasibility tolerance is 1e-7).</summary>
    private const double PriceReducedCost = 1e-7;

    /// <summary>A bid brought back this many times stays in the LP (so pruning and pricing cannot cycle).</summary>
    private const int StickyAfter = 2;

    /// <summary>Bids in the LP now, and bids held out at 0 and at their full MW.</summary>
    public (int In, int OutAtZero, int OutAtMw) ColumnCounts()
    {
        var inLp = 0;
        var atMw = 0;
        for (var b = 0; b < _bids.Count; b++)
        {
            if (_columnOfBid[b] >= 0)
            {
                inLp++;
            }
            else if (_outAtUpper[b])
            {
                atMw++;
            }
        }

        return (inLp, _bids.Count - inLp - atMw, atMw);
    }

    /// <summary>Where a new row's coefficient <paramref name="c"/> for bid <paramref name="b"/> goes: an entry of its
    /// column, or (held out at full MW) a constant load, returned; a bid held out at 0 adds nothing.</summary>
    private double Entry(int b, double c, List<int> columns, List<double> values)
    {
        var column = _columnOfBid[b];
        if (column >= 0)
        {
            columns.Add(column);
            values.Add(c);
            return 0;
        }

        return _outAtUpper[b] ? c * _bids[b].Mw : 0;
    }

    /// <summary>Records a new constraint row and returns it with its bounds less the load of bids held out.</summary>
    private LpRow Register(int constraint, int direction, double lower, double upper, double negligible, double fixedLoad, List<int> columns, List<double> values)
    {
        _inModel.Add((constraint, direction));
        _rowKeys.Add((constraint, direction));
        _baseLower.Add(lower);
        _baseUpper.Add(upper);
        _negligible.Add(negligible);
        _fixedLoad.Add(fixedLoad);
        _slackSolves.Add(0);
        var r = _rowKeys.Count - 1;
        return new LpRow(LowerBound(r), UpperBound(r), [.. columns], [.. values]);
    }

    private double LowerBound(int r) => _baseLower[r] - _fixedLoad[r];

    private double UpperBound(int r) => _baseUpper[r] - _fixedLoad[r];

    /// <summary>Takes out of the LP the dense columns that are nonbasic with a reduced cost beyond
    /// <see cref="PruneReducedCost"/> (never one that has come back); the solution stays optimal. Returns how many left.</summary>
    public int Prune(LpSolution solution, ILpModel model)
    {
        var leaving = new List<int>();
        var atMw = new List<int>();
        for (var b = 0; b < _bids.Count; b++)
        {
            var column = _columnOfBid[b];
            if (!_generated[b] || _entries[b] >= StickyAfter || column < 0)
            {
                continue;
            }

            var v = solution.Primal[column];
            var d = solution.ReducedCost[column];
            if (v < SnapMw && d > PruneReducedCost)
            {
                leaving.Add(b);
            }
            else if (CanHoldAtMw(b) && _bids[b].Mw - v < SnapMw && d < -PruneReducedCost)
            {
                atMw.Add(b);
            }
        }

        // Bids leaving at full MW keep their loads as constants in the rows' bounds, as far as every row still holds
        // with every bid in the LP at 0 (so any rows added later leave the LP feasible).
        var loads = new List<(int Bid, double Load)>[_rowKeys.Count];
        ForEachRowCoefficient(atMw, (r, b, c) => (loads[r] ??= []).Add((b, c * _bids[b].Mw)));
        var staying = new HashSet<int>();
        for (var r = 0; r < loads.Length; r++)
        {
            if (loads[r] is { } rowLoads)
            {
                var (constraint, side) = _rowKeys[r];
                KeepWithin([.. rowLoads.Where(l => !staying.Contains(l.Bid)).Select(l => (l.Bid, side * l.Load))], side * _fixedLoad[r], Capacity(constraint, side), staying);
            }
        }

        atMw.RemoveAll(staying.Contains);
        leaving.AddRange(atMw);
        if (leaving.Count == 0)
        {
            return 0;
        }

        var changed = new SortedSet<int>();
        foreach (var b in atMw)
        {
            _outAtUpper[b] = true;
        }

        for (var r = 0; r < loads.Length; r++)
        {
            foreach (var (b, load) in loads[r] ?? [])
            {
                if (!staying.Contains(b))
                {
                    _fixedLoad[r] += load;
                    changed.Add(r);
                }
            }
        }

        foreach (var r in changed)
        {
            model.SetRowBounds(_balanceCount + r, LowerBound(r), UpperBound(r));
        }

        model.DeleteColumns([.. leaving.Select(b => _columnOfBid[b])]);
        foreach (var b in leaving)
        {
            _owner[_columnOfBid[b]] = int.MinValue;
            _columnOfBid[b] = -1;
        }

        _owner.RemoveAll(o => o == int.MinValue);
        RebuildColumnMaps();
        return leaving.Count;
    }

    /// <summary>
    /// The bids held out whose reduced cost at the row duals of <paramref name="solution"/> (all 0 before the first
    /// solve) is on the wrong side of their bound: the <paramref name="most"/> most attractive, by |reduced cost|
    /// (ties by bid), in bid order. A few hundred a round: every one enters at the bound its price favours, loading
    /// rows it will mostly leave again once their prices rise, and the dual simplex pays for each.
    /// </summary>
    public List<int> Price(LpSolution? solution, int most)
    {
        var outBids = new List<int>();
        for (var b = 0; b < _bids.Count; b++)
        {
            if (_columnOfBid[b] < 0)
            {
                outBids.Add(b);
            }
        }

        var entering = new List<int>();
        if (outBids.Count == 0)
        {
            return entering;
        }

        var priced = solution is null ? new double[_bids.Count] : PricedAt(solution.RowDual, [.. outBids]);

        var attraction = new double[_bids.Count];
        foreach (var b in outBids)
        {
            var d = Cost(_bids[b]) - priced[b];
            if (_outAtUpper[b] ? d > PriceReducedCost : d < -PriceReducedCost)
            {
                entering.Add(b);
                attraction[b] = Math.Abs(d);
            }
        }

        if (entering.Count > most)
        {
            entering = [.. entering.OrderByDescending(b => attraction[b]).ThenBy(b => b).Take(most).Order()];
        }

        return entering;
    }

    /// <summary>Marks bids as in the LP before it is loaded: <see cref="Problem"/> gives them columns, after the
    /// angles, and the rows built from now on their entries.</summary>
    public void Admit(IReadOnlyList<int> entering)
    {
        foreach (var b in entering)
        {
            _columnOfBid[b] = _owner.Count;
            _owner.Add(b);
            _outAtUpper[b] = false;
            _entries[b]++;
        }
    }

    /// <summary>Every bid held out at full MW: brought back when the LP without them is infeasible.</summary>
    public List<int> HeldAtMw() => [.. Enumerable.Range(0, _bids.Count).Where(b => _columnOfBid[b] < 0 && _outAtUpper[b])];

    /// <summary>Brings bids back into the LP as columns with their entries in every row; <paramref name="priced"/>
    /// when pricing called for them (counted towards <see cref="StickyAfter"/>).</summary>
    public void Enter(IReadOnlyList<int> entering, ILpModel model, bool priced)
    {
        if (entering.Count == 0)
        {
            return;
        }

        var rows = new List<int>[entering.Count];
        var values = new List<double>[entering.Count];
        var slot = new Dictionary<int, int>();
        for (var k = 0; k < entering.Count; k++)
        {
            rows[k] = [];
            values[k] = [];
            slot[entering[k]] = k;
        }

        var changed = ForEachRowCoefficient(entering, (r, b, c) =>
        {
            rows[slot[b]].Add(_balanceCount + r);
            values[slot[b]].Add(c);
            if (_outAtUpper[b])
            {
                _fixedLoad[r] -= c * _bids[b].Mw;
            }
        });
        foreach (var r in changed)
        {
            model.SetRowBounds(_balanceCount + r, LowerBound(r), UpperBound(r));
        }

        var columns = new List<LpColumn>(entering.Count);
        for (var k = 0; k < entering.Count; k++)
        {
            var bid = _bids[entering[k]];
            // Dual feasible where it starts: priced in from 0 it pays to award (upper), from full MW to cut (lower);
            // restored, it was held at full MW for paying (upper), which keeps the primal where it was.
            var atUpper = priced ? !_outAtUpper[entering[k]] : _outAtUpper[entering[k]];
            columns.Add(new LpColumn(0, bid.Mw, Cost(bid), [.. rows[k]], [.. values[k]], atUpper));
        }

        var first = model.AddColumns(columns);
        for (var k = 0; k < entering.Count; k++)
        {
            var b = entering[k];
            _columnOfBid[b] = first + k;
            _owner.Add(b);
            _outAtUpper[b] = false;
            _entries[b] += priced ? 1 : 0;
        }
    }

    /// <summary>
    /// Brings back, for each new row (constraint, direction), bids held out at full MW until their load fits the
    /// row's capacity left by the outstanding FTRs: every row then holds with every bid in the LP at 0, so the LP
    /// stays feasible.
    /// </summary>
    private void RestoreFor(List<(int Constraint, int Direction)> selected, ILpModel model)
    {
        var held = HeldAtMw();
        if (held.Count == 0 || selected.Count == 0)
        {
            return;
        }

        var (paths, coefficients, flows) = FlowBuffers([.. held]);
        var back = new HashSet<int>();
        foreach (var (constraint, direction) in selected)
        {
            ConstraintFlows(constraint, paths, coefficients, flows);

            // Only options are held at full MW (CanHoldAtMw), so the row is directional and every load one-signed.
            var capacity = Capacity(constraint, direction);
            var rowLoads = held.Where(b => !back.Contains(b))
                .Select(b => (Bid: b, Load: direction * Coefficient(b, flows[_pathOfBid[b]], direction) * _bids[b].Mw))
                .ToList();
            KeepWithin(rowLoads, 0, capacity, back);
        }

        Enter([.. back.Order()], model, priced: false);
    }

    /// <summary>
    /// Picks from <paramref name="loads"/> (bid, its MW × coefficient, signed so that positive loads the row) the bids
    /// to leave in the LP so that <paramref name="fixedLoad"/> plus the rest stays within
    /// <paramref name="capacity"/>: those the LP would cut first, least value per MW of load.
    /// </summary>
    private void KeepWithin(List<(int Bid, double Load)> loads, double fixedLoad, double capacity, HashSet<int> kept)
    {
        var total = fixedLoad + loads.Sum(l => l.Load);
        if (total <= capacity)
        {
            return;
        }

        var order = loads.Where(l => l.Load > 0)
            .Select(l => (ValuePerMw: Math.Abs(_bids[l.Bid].Price) * _bids[l.Bid].Mw / l.Load, l.Bid, l.Load))
            .OrderBy(l => l.ValuePerMw).ThenBy(l => l.Bid);
        foreach (var (_, bid, load) in order)
        {
            if (total <= capacity)
            {
                break;
            }

            kept.Add(bid);
            total -= load;
        }
    }

    /// <summary>What a side (+1 upper, −1 lower) of a directional row leaves for the bids, signed so that positive is
    /// room: the released limit less the outstanding FTRs' load.</summary>
    private double Capacity(int constraint, int side)
    {
        var (lo, up) = SimultaneousFeasibility.ReleasedLimits(_constraints, constraint, _share);
        return side > 0 ? up - _outstanding.Upper[constraint] : _outstanding.Lower[constraint] - lo;
    }

    /// <summary>Only bought options may be held out at full MW: their loads are one-signed on every (directional)
    /// row, so bringing one back never takes load off one side of a row to put it on the other.</summary>
    private bool CanHoldAtMw(int b) => _bids[b].Kind == FtrKind.Option && _bids[b].Side == FtrSide.Buy;

    /// <summary>Calls <paramref name="action"/>(row, bid, coefficient) for the non-negligible coefficient of each of
    /// <paramref name="bids"/> (dense ones: coefficients from the path's flow) in every constraint row
    /// <paramref name="include"/> admits; returns the rows where one was found.</summary>
    private List<int> ForEachRowCoefficient(IReadOnlyList<int> bids, Action<int, int, double> action, Func<int, bool>? include = null)
    {
        var touched = new List<int>();
        if (bids.Count == 0)
        {
            return touched;
        }

        var list = bids.ToArray();
        var (paths, coefficients, flows) = FlowBuffers(list);
        for (var r = 0; r < _rowKeys.Count; r++)
        {
            if (include is not null && !include(r))
            {
                continue;
            }

            var direction = RowFlows(r, paths, coefficients, flows);
            var negligible = _negligible[r];
            var any = false;
            foreach (var b in list)
            {
                var c = Coefficient(b, flows[_pathOfBid[b]], direction);
                if (Math.Abs(c) > negligible)
                {
                    action(r, b, c);
                    any = true;
                }
            }

            if (any)
            {
                touched.Add(r);
            }
        }

        return touched;
    }

    /// <summary>Σ_rows dual·coefficient for each of <paramref name="bids"/> (indexed by bid), over the rows whose dual
    /// is not 0: what their columns would price at.</summary>
    private double[] PricedAt(double[] rowDual, int[] bids)
    {
        var priced = new double[_bids.Count];
        ForEachRowCoefficient(bids, (r, b, c) => priced[b] += rowDual[_balanceCount + r] * c, r => rowDual[_balanceCount + r] != 0);
        return priced;
    }

    private (int[] Paths, double[] Coefficients, double[] Flows) FlowBuffers(int[] bids) =>
        ([.. bids.Select(b => _pathOfBid[b]).Distinct().Order()], new double[_constraints.BusCount], new double[_paths.Count]);

    /// <summary>Fills <paramref name="flows"/>[p] with each path's flow on model row <paramref name="r"/>; returns the
    /// row's direction.</summary>
    private int RowFlows(int r, int[] paths, double[] coefficients, double[] flows)
    {
        var (constraint, direction) = _rowKeys[r];
        ConstraintFlows(constraint, paths, coefficients, flows);
        return direction;
    }

    /// <summary>Fills <paramref name="flows"/>[p] with each path's flow on <paramref name="constraint"/>, in the model
    /// or not.</summary>
    private void ConstraintFlows(int constraint, int[] paths, double[] coefficients, double[] flows)
    {
        _constraints.Coefficients(constraint, coefficients);
        foreach (var p in paths)
        {
            flows[p] = Flow(p, coefficients);
        }
    }

    /// <summary>Column indices of bids and angles after columns left (later ones moved down).</summary>
    private void RebuildColumnMaps()
    {
        for (var column = 0; column < _owner.Count; column++)
        {
            var owner = _owner[column];
            if (owner >= 0)
            {
                _columnOfBid[owner] = column;
            }
            else
            {
                _theta[-1 - owner] = column;
            }
        }
    }
}
