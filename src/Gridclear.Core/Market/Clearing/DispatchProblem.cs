using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>A security row in the model, with its two penalty slacks (over the upper limit, under the lower).</summary>
internal sealed record AddedConstraint(ConstraintKey Key, int Row, int SlackUp, int SlackDown);

/// <summary>
/// A per-bus energy slack of the power balance, MW at its penalty price: unserved demand where the demand is
/// (<paramref name="Direction"/> +1: it relieves the bus as an injection would) or surplus output where the output is
/// (−1). At most the bus's must-run withdrawal or injection (<see cref="Participation.MustInjection"/>).
/// </summary>
/// <param name="Certain">MW certainly unserved (or spilled) before the column: a bus's must-run demand beyond twice all the
/// system could ever supply it (its output beyond twice all the system could ever absorb). Kept out of the LP as a constant, so
/// a bus load of 1e12 MW gives an LP of the system's own size instead of one the barrier cannot scale.</param>
internal sealed record EnergySlack(int Bus, int Column, double Direction, double Upper, double Certain)
{
    public bool IsUnserved => Direction > 0;
}

/// <summary>
/// The dispatch LP in the shift-factor formulation. Columns: the participation's decisions, then the energy slacks
/// (a pair at the reference bus, or one at each bus with a must-run withdrawal or injection), the loss, loss shortfall
/// and curvature columns (with marginal losses), then two slacks per security row. Rows: the power balance (Σ net injection = L), the side rows
/// (minimum runs, balanced adjustments), then security rows as constraint generation adds them:
/// lower ≤ Σ_j (Σ_bus a[bus]·inj_j[bus])·x_j + (a·P_fixed + constant) ≤ upper.
/// </summary>
internal sealed class DispatchProblem
{
    /// <summary>A row coefficient below this share of the row's largest is round-off, not a shift factor.</summary>
    public const double NegligibleCoefficient = 1e-10;

    /// <summary>
    /// The largest must-run withdrawal or injection at one bus the market clears, MW. A shortage of any size up to it clears
    /// (relaxed) exactly: in double precision a bus's MW carry round-off of |MW|·2⁻⁵² ≈ 2e-7 MW here, inside the 1e-6 MW
    /// flow tolerance. Beyond it round-off swamps the system's own MW (the largest grids are ~1e6 MW): refused as bad input.
    /// </summary>
    public const double MaxBusMw = 1e9;

    private readonly SecurityModel _security;
    private readonly Participation _participation;
    private readonly PenaltyPrices _penalties;
    private readonly Dictionary<ConstraintKey, AddedConstraint> _byKey = [];
    private readonly List<AddedConstraint> _added = [];
    private readonly List<(int Row, double Lower, double Upper)> _sideRows = [];
    private readonly List<EnergySlack> _energySlacks = [];
    private readonly double[] _fixedInjection;
    private readonly double[] _coefficients;
    private int _columnCount;
    private int _rowCount;

    /// <param name="losses">Whether the balance carries a loss column (<see cref="LossColumn"/>): Σ net injection = L.</param>
    /// <param name="perBus">Energy slacks at every bus that must withdraw or inject, whatever the totals (see <see cref="PerBusSlacks"/>).</param>
    public DispatchProblem(SecurityModel security, Participation participation, PenaltyPrices penalties, bool losses = false, bool perBus = false)
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

        // Unserved and surplus energy where it happens: demand is shed at its own bus and output spilled at its own
        // bus, so a shortage behind a constraint prices at the penalty there and loads no line elsewhere (a single
        // slack at the reference bus would push the unserved MW through the network). Only buses that must withdraw
        // or inject get one, bounded by that amount, and bounded columns keep the barrier well scaled. Those columns
        // cost time on large cases (every security row gets an entry per load bus), so a market that is expected to
        // balance is first cleared with one slack pair at the reference bus (PerBusSlacks false); DayAheadMarket
        // clears again per bus when that one is used or a bus prices beyond the penalty.
        var must = participation.MustInjection();
        var (supply, absorption) = SystemReach(must, participation);
        _fixedInjection = (double[])participation.FixedInjection.Clone();
        double mustWithdraw = 0, mustInject = 0;
        for (var bus = 0; bus < must.Length; bus++)
        {
            if (!(Math.Abs(must[bus]) <= MaxBusMw))
            {
                throw new InvalidInputException(
                    "market", null, $"bus {security.Network.BusIds[bus]} must withdraw or inject {must[bus]:G6} MW (fixed demand, schedules, minimum runs): beyond the {MaxBusMw:G3} MW a bus can clear");
            }

            mustWithdraw += Math.Max(0, -must[bus]);
            mustInject += Math.Max(0, must[bus]);
        }

        // A shortage (or surplus) no dispatch can avoid: go per bus straight away.
        PerBusSlacks = perBus || mustWithdraw > supply + 1e-6 || mustInject > absorption + 1e-6;
        if (!PerBusSlacks)
        {
            // Bounded by what the whole system must withdraw (inject), which keeps the balance feasible.
            var reference = security.Network.ReferenceBus;
            _energySlacks.Add(new EnergySlack(reference, Problem.AddColumn(0, mustWithdraw, penalties.Balance), 1, mustWithdraw, 0));
            _energySlacks.Add(new EnergySlack(reference, Problem.AddColumn(0, mustInject, penalties.Balance), -1, mustInject, 0));
        }
        else
        {
            for (var bus = 0; bus < must.Length; bus++)
            {
                if (must[bus] != 0)
                {
                    // Demand at a bus beyond every MW the rest of the system could send it is unserved whatever the
                    // dispatch: take it out of the LP (the bus's fixed injection rises by it) and leave the column the part
                    // that is a choice. The column keeps reach + 1 MW more than can ever be served, so in any solution it
                    // sits strictly inside its bounds and the bus prices at the penalty (left exactly at the reach it would
                    // end at its bound, and the price would be the degenerate basis's choice).
                    var direction = must[bus] < 0 ? 1.0 : -1.0;
                    var reach = direction > 0 ? supply : absorption;
                    var certain = Math.Max(0, Math.Abs(must[bus]) - ((2 * reach) + 1));
                    var upper = Math.Abs(must[bus]) - certain;
                    _fixedInjection[bus] += direction * certain;
                    _energySlacks.Add(new EnergySlack(bus, Problem.AddColumn(0, upper, penalties.Balance), direction, upper, certain));
                }
            }
        }

        // The losses the balance carries, MW, and a loss shortfall (losses the dispatch leaves uncovered, at a price above
        // any the balance can take) that keeps every trust-region step of the loss iteration feasible; both held at 0
        // until the marginal-loss model gives the loss column its rows (MarginalLosses).
        LossColumn = losses ? Problem.AddColumn(0, 0, 0) : -1;
        LossShortfallColumn = losses ? Problem.AddColumn(0, 0, MarginalLosses.ShortfallPrice(penalties)) : -1;
        CurvatureColumns = losses ? [.. Enumerable.Range(0, MarginalLosses.CurvatureDirections).Select(_ => Problem.AddColumn(0, 0, 0))] : [];
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

        foreach (var slack in _energySlacks)
        {
            balanceColumns.Add(slack.Column);
            balanceValues.Add(slack.Direction);
        }

        if (LossColumn >= 0)
        {
            balanceColumns.Add(LossColumn);
            balanceValues.Add(-1);
            balanceColumns.Add(LossShortfallColumn);
            balanceValues.Add(1);
        }

        var fixedNet = _fixedInjection.Sum();
        BalanceRow = Problem.AddRow(LpRow.Equal(-fixedNet, [.. balanceColumns], [.. balanceValues]));
        foreach (var (cols, values, lower, upper) in participation.SideRows)
        {
            _sideRows.Add((Problem.AddRow(new LpRow(lower, upper, cols, values)), lower, upper));
        }

        _rowCount = Problem.RowCount;
    }

    public LpProblem Problem { get; }

    /// <summary>The price of unserved and surplus energy, $/MWh: the cost of every energy slack.</summary>
    public double EnergyPenalty => _penalties.Balance;

    public Participation Participation => _participation;

    public int BalanceRow { get; }

    /// <summary>Whether the energy slacks are per bus (else one pair at the reference bus, for a market expected to balance).</summary>
    public bool PerBusSlacks { get; }

    /// <summary>The unserved and surplus energy slacks, by bus.</summary>
    public IReadOnlyList<EnergySlack> EnergySlacks => _energySlacks;

    /// <summary>Unserved plus surplus energy in a solution, MW.</summary>
    public double EnergyRelaxed(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var slack in _energySlacks)
        {
            sum += EnergyRelaxed(slack, x);
        }

        return sum;
    }

    /// <summary>Unserved or surplus energy of one slack in a solution, MW (its certain part included).</summary>
    public static double EnergyRelaxed(EnergySlack slack, ReadOnlySpan<double> x) => slack.Certain + x[slack.Column];

    /// <summary>
    /// The most the whole system can raise its net injection above the must-run level (supply: every decision to the
    /// bound that injects most, every bus with must-run output spilling none of it) and lower it below (absorption), MW.
    /// No bus can be served more than the supply, nor spill less than its must-run output beyond the absorption.
    /// </summary>
    private static (double Supply, double Absorption) SystemReach(double[] must, Participation participation)
    {
        var (up, down) = participation.InjectionRange();
        double supply = up, absorption = down;
        foreach (var m in must)
        {
            supply += Math.Max(0, m);
            absorption += Math.Max(0, -m);
        }

        return (supply, absorption);
    }

    /// <summary>The losses column of the balance (Σ net injection + shortfall − L = 0), or −1 in a lossless problem.</summary>
    public int LossColumn { get; }

    /// <summary>The loss shortfall column of the balance (see <see cref="MarginalLosses"/>), or −1 in a lossless problem.</summary>
    public int LossShortfallColumn { get; }

    /// <summary>The columns that carry the losses' curvature along earlier steps (see <see cref="MarginalLosses"/>); none
    /// in a lossless problem. Fixed at 0 until the loss model uses them.</summary>
    public IReadOnlyList<int> CurvatureColumns { get; }

    public IReadOnlyList<AddedConstraint> Added => _added;

    public IReadOnlyList<(int Row, double Lower, double Upper)> SideRows => _sideRows;

    public bool Contains(ConstraintKey key) => _byKey.ContainsKey(key);

    /// <summary>Net injection at each bus for a solution, MW.</summary>
    public void Injections(ReadOnlySpan<double> x, Span<double> injections)
    {
        _fixedInjection.CopyTo(injections);
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

        foreach (var slack in _energySlacks)
        {
            injections[slack.Bus] += slack.Direction * x[slack.Column];
        }
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
        var cost = EnergyRelaxed(x) * _penalties.Balance;
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

        foreach (var slack in _energySlacks)
        {
            var v = w[slack.Bus] * slack.Direction;
            if (Math.Abs(v) > negligible)
            {
                indices.Add(slack.Column);
                values.Add(v);
            }
        }

        var fixedInjection = _fixedInjection;
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

    /// <summary>Adds one row to <see cref="Problem"/> only (reserves before the model is loaded; loss rows before a reload); returns its index.</summary>
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
