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
    /// <summary>A row coefficient below this share of the row's largest is round-off, not a shift factor.</summary>
    public const double NegligibleCoefficient = 1e-10;

    private readonly SecurityModel _security;
    private readonly Participation _participation;
    private readonly PenaltyPrices _penalties;
    private readonly Dictionary<ConstraintKey, AddedConstraint> _byKey = [];
    private readonly List<AddedConstraint> _added = [];
    private readonly List<(int Row, double Lower, double Upper)> _sideRows = [];
    private readonly double[] _coefficients;
    private int _columnCount;
    private int _rowCount;

    /// <param name="losses">Whether the balance carries a loss column (<see cref="LossColumn"/>): Σ net injection = L.</param>
    public DispatchProblem(SecurityModel security, Participation participation, PenaltyPrices penalties, bool losses = false)
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

        // The losses the balance carries, MW; held at 0 until the marginal-loss model gives it a row (MarginalLosses).
        LossColumn = losses ? Problem.AddColumn(0, 0, 0) : -1;
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
        if (LossColumn >= 0)
        {
            balanceColumns.Add(LossColumn);
            balanceValues.Add(-1);
        }

        var fixedNet = participation.FixedInjection.Sum();
        BalanceRow = Problem.AddRow(LpRow.Equal(-fixedNet, [.. balanceColumns], [.. balanceValues]));
        foreach (var (cols, values, lower, upper) in participation.SideRows)
        {
            _sideRows.Add((Problem.AddRow(new LpRow(lower, upper, cols, values)), lower, upper));
        }

        _rowCount = Problem.RowCount;
    }

    public LpProblem Problem { get; }

    public Participation Participation => _participation;

    public int BalanceRow { get; }

    public int ShortColumn { get; }

    public int SurplusColumn { get; }

    /// <summary>The losses column of the balance (Σ net injection − L = 0), or −1 in a lossless problem.</summary>
    public int LossColumn { get; }

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

    /// <summary>
    /// Σ_i w[i]·P_i (P the net injection at each bus) as a linear function of the columns: appends each column's
    /// coefficient Σ_bus w[bus]·inj_j[bus] and returns <paramref name="constant"/> + w·P_fixed. Coefficients below
    /// <paramref name="negligibleShare"/> of the largest |w| are left out: shift factors from a sparse solve carry
    /// round-off (~1e-16) where they are really 0, and left in a row beside entries near 1 they wreck the solver's
    /// scaling and give wrong duals.
    /// </summary>
    public double LinearInjection(ReadOnlySpan<double> w, double negligibleShare, List<int> indices, List<double> values, double constant = 0)
    {
        var largest = 0.0;
        foreach (var v in w)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        var negligible = negligibleShare * largest;
        var columns = _participation.Columns;
        for (var j = 0; j < columns.Count; j++)
        {
            var v = 0.0;
            foreach (var (bus, coefficient) in columns[j].Injections)
            {
                v += w[bus] * coefficient;
            }

            if (Math.Abs(v) > negligible)
            {
                indices.Add(j);
                values.Add(v);
            }
        }

        var reference = _security.Network.ReferenceBus;
        if (Math.Abs(w[reference]) > negligible)
        {
            indices.Add(ShortColumn);
            values.Add(w[reference]);
            indices.Add(SurplusColumn);
            values.Add(-w[reference]);
        }

        var fixedInjection = _participation.FixedInjection;
        var offset = constant;
        for (var i = 0; i < w.Length; i++)
        {
            offset += w[i] * fixedInjection[i];
        }

        return offset;
    }

    /// <summary>Adds a column to <see cref="Problem"/> before the model is loaded (reserves); returns its index.</summary>
    public int AddColumn(double lower, double upper, double cost)
    {
        Problem.AddColumn(lower, upper, cost);
        return _columnCount++;
    }

    /// <summary>Adds one row to <see cref="Problem"/> only (the caller reloads the model); returns its index.</summary>
    public int AddRow(LpRow row)
    {
        Problem.AddRow(row);
        return _rowCount++;
    }

    /// <summary>Adds security rows (with their penalty slacks) to the loaded model and to <see cref="Problem"/>.</summary>
    public void AddConstraints(ILpModel model, IReadOnlyList<ConstraintKey> keys)
    {
        var slackColumns = new List<LpColumn>(2 * keys.Count);
        var rows = new List<LpRow>(keys.Count);
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
            var offset = LinearInjection(a, NegligibleCoefficient, indices, values, _security.Constant(key));
            indices.Add(slackUp);
            values.Add(-1);
            indices.Add(slackDown);
            values.Add(1);
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
