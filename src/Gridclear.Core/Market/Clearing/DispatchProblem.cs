using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>A security row in the model, with its two penalty slacks (over the upper limit, under the lower).</summary>
internal sealed record AddedConstraint(ConstraintKey Key, int Row, int SlackUp, int SlackDown);

/// <summary>
/// The dispatch LP in the shift-factor formulation. Columns: the participation's decisions, then two balance
/// slacks, then two slacks per security row. Rows: the power balance (Σ net injection = 0), the side rows
/// (minimum runs, balanced adjustments), then security rows as constraint generation adds them:
/// lower ≤ Σ_j (Σ_bus a[bus]·inj_j[bus])·x_j + (a·P_fixed + constant) ≤ upper.
/// </summary>
internal sealed class DispatchProblem
{
    private readonly SecurityModel _security;
    private readonly Participation _participation;
    private readonly PenaltyPrices _penalties;
    private readonly Dictionary<ConstraintKey, AddedConstraint> _byKey = [];
    private readonly List<AddedConstraint> _added = [];
    private readonly List<(int Row, double Lower, double Upper)> _sideRows = [];
    private readonly double[] _coefficients;
    private int _columnCount;
    private int _rowCount;

    public DispatchProblem(SecurityModel security, Participation participation, PenaltyPrices penalties)
    {
        _security = security;
        _participation = participation;
        _penalties = penalties;
        _coefficients = new double[security.Network.BusCount];
        Problem = new LpProblem();
        var columns = participation.Columns;
        for (var j = 0; j < columns.Count; j++)
        {
            var c = columns[j];
            Problem.AddColumn(c.Lower, c.Upper, c.Cost);
            if (c.Quadratic != 0)
            {
                Problem.AddQuadratic(j, j, c.Quadratic);
            }
        }

        // Unserved and surplus energy, at the reference bus (no flow effect with a single-bus slack).
        ShortColumn = Problem.AddColumn(0, double.PositiveInfinity, penalties.Balance);
        SurplusColumn = Problem.AddColumn(0, double.PositiveInfinity, penalties.Balance);
        _columnCount = Problem.ColumnCount;

        var balanceColumns = new List<int>();
        var balanceValues = new List<double>();
        for (var j = 0; j < columns.Count; j++)
        {
            var sum = 0.0;
            foreach (var (_, coefficient) in columns[j].Injections)
            {
                sum += coefficient;
            }

            if (sum != 0)
            {
                balanceColumns.Add(j);
                balanceValues.Add(sum);
            }
        }

        balanceColumns.Add(ShortColumn);
        balanceValues.Add(1);
        balanceColumns.Add(SurplusColumn);
        balanceValues.Add(-1);
        var fixedNet = participation.FixedInjection.Sum();
        BalanceRow = Problem.AddRow(LpRow.Equal(-fixedNet, [.. balanceColumns], [.. balanceValues]));
        foreach (var (cols, values, lower, upper) in participation.SideRows)
        {
            _sideRows.Add((Problem.AddRow(new LpRow(lower, upper, cols, values)), lower, upper));
        }

        _rowCount = Problem.RowCount;
    }

    public LpProblem Problem { get; }

    public int BalanceRow { get; }

    public int ShortColumn { get; }

    public int SurplusColumn { get; }

    public IReadOnlyList<AddedConstraint> Added => _added;

    public IReadOnlyList<(int Row, double Lower, double Upper)> SideRows => _sideRows;

    public bool Contains(ConstraintKey key) => _byKey.ContainsKey(key);

    /// <summary>Net injection at each bus for a solution, MW.</summary>
    public void Injections(ReadOnlySpan<double> x, Span<double> injections)
    {
        _participation.FixedInjection.CopyTo(injections);
        var columns = _participation.Columns;
        for (var j = 0; j < columns.Count; j++)
        {
            if (x[j] == 0)
            {
                continue;
            }

            foreach (var (bus, coefficient) in columns[j].Injections)
            {
                injections[bus] += coefficient * x[j];
            }
        }

        var reference = _security.Network.ReferenceBus;
        injections[reference] += x[ShortColumn] - x[SurplusColumn];
    }

    /// <summary>Total demand served, MW: fixed demand plus cleared bids.</summary>
    public double TotalDemand(ReadOnlySpan<double> x)
    {
        var demand = _participation.FixedDemand.Sum();
        var columns = _participation.Columns;
        for (var j = 0; j < columns.Count; j++)
        {
            if (columns[j].Role == ColumnRole.Demand)
            {
                demand += x[j];
            }
        }

        return demand;
    }

    /// <summary>Cost of slacks and schedule cuts at their penalty prices, $/h.</summary>
    public double PenaltyCost(ReadOnlySpan<double> x)
    {
        var cost = (x[ShortColumn] + x[SurplusColumn]) * _penalties.Balance;
        foreach (var a in _added)
        {
            cost += (x[a.SlackUp] + x[a.SlackDown]) * _penalties.For(a.Key);
        }

        var columns = _participation.Columns;
        for (var j = 0; j < columns.Count; j++)
        {
            if (columns[j].Role == ColumnRole.ScheduleCut)
            {
                cost += columns[j].Cost * x[j];
            }
        }

        return cost;
    }

    /// <summary>Adds security rows (with their penalty slacks) to the loaded model and to <see cref="Problem"/>.</summary>
    public void AddConstraints(ILpModel model, IReadOnlyList<ConstraintKey> keys)
    {
        var slackColumns = new List<LpColumn>(2 * keys.Count);
        var rows = new List<LpRow>(keys.Count);
        var columns = _participation.Columns;
        var reference = _security.Network.ReferenceBus;
        var fixedInjection = _participation.FixedInjection;
        foreach (var key in keys)
        {
            var penalty = _penalties.For(key);
            var slackUp = _columnCount + slackColumns.Count;
            slackColumns.Add(new LpColumn(0, double.PositiveInfinity, penalty));
            var slackDown = _columnCount + slackColumns.Count;
            slackColumns.Add(new LpColumn(0, double.PositiveInfinity, penalty));

            var a = _coefficients.AsSpan();
            _security.Coefficients(key, a);
            var indices = new List<int>();
            var values = new List<double>();
            for (var j = 0; j < columns.Count; j++)
            {
                var v = 0.0;
                foreach (var (bus, coefficient) in columns[j].Injections)
                {
                    v += a[bus] * coefficient;
                }

                if (v != 0)
                {
                    indices.Add(j);
                    values.Add(v);
                }
            }

            if (a[reference] != 0)
            {
                indices.Add(ShortColumn);
                values.Add(a[reference]);
                indices.Add(SurplusColumn);
                values.Add(-a[reference]);
            }

            indices.Add(slackUp);
            values.Add(-1);
            indices.Add(slackDown);
            values.Add(1);
            var offset = _security.Constant(key);
            for (var i = 0; i < a.Length; i++)
            {
                offset += a[i] * fixedInjection[i];
            }

            var (lower, upper) = _security.Limits(key);
            rows.Add(new LpRow(lower - offset, upper - offset, [.. indices], [.. values]));
            var added = new AddedConstraint(key, _rowCount + rows.Count - 1, slackUp, slackDown);
            _added.Add(added);
            _byKey.Add(key, added);
        }

        // Keep the plain problem in step, so a rebuilt model (and the structure tests) see the same thing.
        foreach (var c in slackColumns)
        {
            Problem.AddColumn(c.Lower, c.Upper, c.Cost);
        }

        foreach (var r in rows)
        {
            Problem.AddRow(r);
        }

        model.AddColumns(slackColumns);
        model.AddRows(rows);
        _columnCount += slackColumns.Count;
        _rowCount += rows.Count;
    }
}
