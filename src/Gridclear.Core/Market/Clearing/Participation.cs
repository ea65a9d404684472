using Gridclear.Network;

namespace Gridclear.Market;

/// <summary>What a column of the dispatch LP stands for.</summary>
internal enum ColumnRole
{
    Supply,
    Demand,
    Increment,
    Decrement,
    ScheduleCut,
}

/// <summary>
/// One decision variable of the dispatch: MW (or, for a schedule cut, the fraction cut) with its bounds, linear
/// cost, quadratic coefficient (½·q·x²), and the net injections it makes, by internal bus index.
/// </summary>
internal sealed record DispatchColumn(
    ColumnRole Role, int Owner, double Lower, double Upper, double Cost, double Quadratic, (int Bus, double Coefficient)[] Injections);

/// <summary>A resource as the dispatch sees it: its columns plus a fixed part (a minimum run or a fixed demand).</summary>
internal sealed record DispatchResource(
    string Name, int Bus, ResourceKind Kind, int[] Columns, double FixedMw, double ConstantCost, double MinMw);

/// <summary>A schedule as the dispatch sees it.</summary>
internal sealed record DispatchSchedule(Schedule Schedule, int[] IncColumns, int[] DecColumns, int CutColumn);

/// <summary>
/// The participation of one market, flattened for the optimisation: every resource, schedule and bid as
/// columns, fixed injections per bus, and the side rows (minimum run, balanced adjustments per schedule or, under a
/// portfolio-balance instruction, per participant).
/// Built from the MATPOWER case (each generator offers its gencost, each bus load is fixed) or from a market folder.
/// </summary>
internal sealed class Participation
{

    private readonly List<DispatchColumn> _columns = [];
    private readonly List<DispatchResource> _resources = [];
    private readonly List<DispatchSchedule> _schedules = [];
    private readonly List<(int[] Columns, double[] Values, double Lower, double Upper)> _sideRows = [];
    private readonly List<(int Bus, double Mw)> _minimumRuns = [];

    private Participation(Network.Network network)
    {
        Network = network;
        FixedInjection = new double[network.BusCount];
    }

    public Network.Network Network { get; }

    public IReadOnlyList<DispatchColumn> Columns => _columns;

    public IReadOnlyList<DispatchResource> Resources => _resources;

    public IReadOnlyList<DispatchSchedule> Schedules => _schedules;

    public IReadOnlyList<(int[] Columns, double[] Values, double Lower, double Upper)> SideRows => _sideRows;

    /// <summary>Net injection at each bus that no decision moves, MW (fixed demand negative).</summary>
    public double[] FixedInjection { get; }

    /// <summary>Fixed demand per bus, MW: the weights of a load-weighted price reference.</summary>
    public double[] FixedDemand => _fixedDemand ??= new double[Network.BusCount];

    private double[]? _fixedDemand;

    /// <summary>
    /// Net injection each bus must make whatever the decisions, MW: fixed injections (negative for fixed demand), the
    /// lower bounds of columns and the minimum runs of generators there. Negative: demand that can only be met from
    /// elsewhere or shed; positive: output that can only be absorbed elsewhere or spilled. These bound the per-bus
    /// unserved and surplus energy slacks (<see cref="DispatchProblem"/>), so with every decision at its lower bound
    /// and every slack at its bound each bus balances on its own: the balance is always feasible.
    /// </summary>
    public double[] MustInjection()
    {
        var must = (double[])FixedInjection.Clone();
        foreach (var c in _columns)
        {
            foreach (var (bus, coefficient) in c.Injections)
            {
                // A column at its lower bound (the side rows below aside, every column may sit there).
                must[bus] += coefficient * c.Lower;
            }
        }

        foreach (var (bus, mw) in _minimumRuns)
        {
            // A market generator's minimum run is a side row over its steps, not a column bound.
            must[bus] += mw;
        }

        return must;
    }

    /// <summary>
    /// How far the decisions can move the net injection of the whole system from <see cref="MustInjection"/>, MW:
    /// up (every column to the bound that injects most) and down (to the bound that withdraws most).
    /// </summary>
    public (double Up, double Down) InjectionRange()
    {
        double up = 0, down = 0;
        foreach (var c in _columns)
        {
            foreach (var (_, coefficient) in c.Injections)
            {
                var atLower = coefficient * c.Lower;
                var atUpper = coefficient * c.Upper;
                up += Math.Max(atLower, atUpper) - atLower;
                down += atLower - Math.Min(atLower, atUpper);
            }
        }

        return (up, down);
    }

    /// <summary>Cost that no decision changes ($/h): MATPOWER's c0 and the cost of minimum runs.</summary>
    public double ConstantCost { get; private set; }

    public static Participation Build(Network.Network network, MarketInput input, PenaltyPrices penalties)
    {
        var p = new Participation(network);
        if (input.Resources is null)
        {
            p.AddCaseGenerators();
            for (var i = 0; i < network.BusCount; i++)
            {
                p.FixedInjection[i] -= network.BusLoadMw[i];
                p.FixedDemand[i] += network.BusLoadMw[i];
            }
        }
        else
        {
            p.AddMarketResources(input);
        }

        p.AddSchedules(input, penalties);
        return p;
    }

    private int AddColumn(DispatchColumn column)
    {
        _columns.Add(column);
        return _columns.Count - 1;
    }

    /// <summary>The case file, as messages name it.</summary>
    private string CaseSource => Network.Source ?? "case";

    private static int? CostLine(CaseGenCost cost) => cost.SourceLine > 0 ? cost.SourceLine : null;

    private void AddCaseGenerators()
    {
        for (var g = 0; g < Network.Generators.Count; g++)
        {
            var gen = Network.Generators[g];
            var name = $"gen{gen.CaseRow + 1}";
            var cost = gen.Cost ?? throw new InvalidInputException(
                CaseSource,
                gen.SourceLine > 0 ? gen.SourceLine : null,
                $"generator row {gen.CaseRow + 1} has no gencost row (the case's mpc.gencost is missing or shorter than mpc.gen): clearing the case without a market folder needs a cost for every generator");
            var owner = _resources.Count;
            var inj = new[] { (gen.Bus, 1.0) };
            switch (cost.Model)
            {
                case CostModel.Polynomial:
                    var (c2, c1, c0) = Quadratic(cost, gen.CaseRow, CaseSource);
                    var col = AddColumn(new DispatchColumn(ColumnRole.Supply, owner, gen.PminMw, gen.PmaxMw, c1, 2 * c2, inj));
                    _resources.Add(new DispatchResource(name, gen.Bus, ResourceKind.Generator, [col], 0, c0, gen.PminMw));
                    ConstantCost += c0;
                    break;
                case CostModel.PiecewiseLinear:
                    var (segments, costAtMin) = PiecewiseSegments(cost, gen.PminMw, gen.PmaxMw, gen.CaseRow, CaseSource);
                    var cols = new int[segments.Count];
                    for (var s = 0; s < segments.Count; s++)
                    {
                        cols[s] = AddColumn(new DispatchColumn(ColumnRole.Supply, owner, 0, segments[s].Width, segments[s].Slope, 0, inj));
                    }

                    FixedInjection[gen.Bus] += gen.PminMw;
                    ConstantCost += costAtMin;
                    _resources.Add(new DispatchResource(name, gen.Bus, ResourceKind.Generator, cols, gen.PminMw, costAtMin, gen.PminMw));
                    break;
                default:
                    throw new InvalidInputException(CaseSource, CostLine(cost), $"gencost row {gen.CaseRow + 1}: cost model {(int)cost.Model} is not supported");
            }
        }
    }

    /// <summary>MATPOWER polynomial coefficients (highest order first) as c2, c1, c0; degree above 2 is refused.</summary>
    private static (double C2, double C1, double C0) Quadratic(CaseGenCost cost, int row, string source)
    {
        var c = cost.Parameters;
        var n = c.Count;
        for (var k = 0; k < n - 3; k++)
        {
            if (c[k] != 0)
            {
                throw new InvalidInputException(source, CostLine(cost), $"gencost row {row + 1}: a polynomial cost of degree {n - 1} is not supported (at most quadratic)");
            }
        }

        double At(int power) => power < n ? c[n - 1 - power] : 0;
        var c2 = At(2);
        if (c2 < 0)
        {
            throw new InvalidInputException(source, CostLine(cost), $"gencost row {row + 1}: a negative quadratic coefficient ({c2}) makes the cost non-convex");
        }

        return (c2, At(1), At(0));
    }

    /// <summary>
    /// A piecewise-linear cost (MATPOWER model 1) on [pmin, pmax], as steps above pmin. MATPOWER prices it with a
    /// constrained cost variable y ≥ every segment's line, so the cost it optimises is the maximum of those lines
    /// (extended beyond the first and last points). That maximum is convex; for a convex curve it is the curve
    /// itself, and a curve whose slope falls (as RTS-GMLC's do by a hair) is priced as MATPOWER prices it.
    /// </summary>
    private static (List<(double Width, double Slope)> Segments, double CostAtMin) PiecewiseSegments(CaseGenCost cost, double pmin, double pmax, int row, string source)
    {
        var p = cost.Parameters;
        var n = p.Count / 2;
        if (n < 2)
        {
            throw new InvalidInputException(source, CostLine(cost), $"gencost row {row + 1}: a piecewise-linear cost needs at least two points");
        }

        // Each segment as a line y = slope·mw + intercept.
        var lines = new (double Slope, double Intercept)[n - 1];
        for (var k = 0; k < n - 1; k++)
        {
            double x0 = p[2 * k], y0 = p[(2 * k) + 1], x1 = p[2 * (k + 1)], y1 = p[(2 * (k + 1)) + 1];
            if (!(x1 > x0))
            {
                throw new InvalidInputException(source, CostLine(cost), $"gencost row {row + 1}: piecewise-linear points must have increasing MW ({x0} then {x1})");
            }

            var slope = (y1 - y0) / (x1 - x0);
            lines[k] = (slope, y0 - (slope * x0));
        }

        double Envelope(double mw) => lines.Max(l => (l.Slope * mw) + l.Intercept);

        // Walk the upper envelope from pmin: at each point take the highest line (the steepest among ties), and
        // leave it where a steeper line overtakes it.
        var segments = new List<(double, double)>();
        var at = pmin;
        var current = Highest(lines, at);
        while (at < pmax)
        {
            var next = pmax;
            var nextLine = -1;
            for (var j = 0; j < lines.Length; j++)
            {
                if (lines[j].Slope > lines[current].Slope)
                {
                    var cross = (lines[current].Intercept - lines[j].Intercept) / (lines[j].Slope - lines[current].Slope);
                    if (cross > at && (cross < next || (cross == next && nextLine >= 0 && lines[j].Slope > lines[nextLine].Slope)))
                    {
                        next = cross;
                        nextLine = j;
                    }
                }
            }

            segments.Add((next - at, lines[current].Slope));
            at = next;
            if (nextLine < 0)
            {
                break;
            }

            current = nextLine;
        }

        return (segments, Envelope(pmin));
    }

    private static int Highest((double Slope, double Intercept)[] lines, double mw)
    {
        var best = 0;
        for (var j = 1; j < lines.Length; j++)
        {
            var value = (lines[j].Slope * mw) + lines[j].Intercept;
            var bestValue = (lines[best].Slope * mw) + lines[best].Intercept;
            if (value > bestValue || (value == bestValue && lines[j].Slope > lines[best].Slope))
            {
                best = j;
            }
        }

        return best;
    }

    private void AddMarketResources(MarketInput input)
    {
        foreach (var r in input.Resources!)
        {
            var bus = Network.BusIndex(r.Bus);
            var owner = _resources.Count;
            if (r.Kind == ResourceKind.Generator)
            {
                var (mustRunCost, steps) = MustRun.Split(r, input.Offers[r.Id]);
                var cols = new int[steps.Count];
                for (var s = 0; s < steps.Count; s++)
                {
                    cols[s] = AddColumn(new DispatchColumn(ColumnRole.Supply, owner, 0, steps[s].Mw, steps[s].Price, 0, [(bus, 1.0)]));
                }

                if (r.MinMw > r.MustRunMw)
                {
                    _sideRows.Add((cols, Enumerable.Repeat(1.0, cols.Length).ToArray(), r.MinMw - r.MustRunMw, double.PositiveInfinity));
                    // Beyond its must-run MW (a fixed injection already): a side row over its steps, not a column bound.
                    _minimumRuns.Add((bus, r.MinMw - r.MustRunMw));
                }

                // Must-run MW are a fixed injection: dispatched whatever the price, so they take it and never set it.
                FixedInjection[bus] += r.MustRunMw;
                _resources.Add(new DispatchResource(r.Id, bus, ResourceKind.Generator, cols, r.MustRunMw, mustRunCost, r.MinMw));
            }
            else
            {
                // A load's fixed demand (always served, or relaxed at the penalty) and its bid curve (price-responsive
                // demand on top): either or both.
                var cols = new int[input.Bids.TryGetValue(r.Id, out var bid) ? bid.Steps.Count : 0];
                for (var s = 0; s < cols.Length; s++)
                {
                    cols[s] = AddColumn(new DispatchColumn(ColumnRole.Demand, owner, 0, bid!.Steps[s].Mw, -bid.Steps[s].Price, 0, [(bus, -1.0)]));
                }

                var mw = input.Demand.GetValueOrDefault(r.Id);
                FixedInjection[bus] -= mw;
                FixedDemand[bus] += mw;
                _resources.Add(new DispatchResource(r.Id, bus, ResourceKind.Load, cols, mw, 0, 0));
            }
        }
    }

    private void AddSchedules(MarketInput input, PenaltyPrices penalties)
    {
        // File order of portfolio.csv: the portfolio rows come out in a deterministic order.
        var portfolio = new OrderedDictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var participant in input.PortfolioBalanced)
        {
            portfolio.Add(participant, []);
        }

        var adjustmentsBySchedule = input.Adjustments.GroupBy(a => a.Schedule, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        for (var s = 0; s < input.Schedules.Count; s++)
        {
            var schedule = input.Schedules[s];
            foreach (var leg in schedule.Legs)
            {
                FixedInjection[Network.BusIndex(leg.Bus)] += leg.Mw;
            }

            var inc = new List<int>();
            var dec = new List<int>();
            var ownBalance = new List<int>();
            if (adjustmentsBySchedule.TryGetValue(schedule.Id, out var adjustments))
            {
                foreach (var a in adjustments)
                {
                    var bus = Network.BusIndex(a.Bus);
                    var added = new List<int>(a.Steps.Count);
                    foreach (var step in a.Steps)
                    {
                        if (a.Direction == AdjustmentDirection.Inc)
                        {
                            added.Add(AddColumn(new DispatchColumn(ColumnRole.Increment, s, 0, step.Mw, step.Price, 0, [(bus, 1.0)])));
                            inc.Add(added[^1]);
                        }
                        else
                        {
                            added.Add(AddColumn(new DispatchColumn(ColumnRole.Decrement, s, 0, step.Mw, -step.Price, 0, [(bus, -1.0)])));
                            dec.Add(added[^1]);
                        }
                    }

                    // Under a portfolio-balance instruction (D2a) its submitter's adjustments balance together, in one
                    // row added below, instead of schedule by schedule; a trade's two sides each in their own (D3).
                    if (portfolio.TryGetValue(a.Participant ?? schedule.Participant, out var portfolioColumns))
                    {
                        portfolioColumns.AddRange(added);
                    }
                    else
                    {
                        ownBalance.AddRange(added);
                    }
                }
            }

            var cut = -1;
            if (schedule.Balanced && ownBalance.Count > 0)
            {
                // Adjustments must keep the schedule balanced (D2): Σ inc − Σ dec = 0 (those under no portfolio).
                AddBalanceRow([.. ownBalance]);
            }

            if (schedule.Balanced && inc.Count + dec.Count == 0)
            {
                // Kept as submitted unless it cannot be: then cut (pro rata, every leg) at the schedule penalty.
                var size = schedule.Legs.Where(l => l.Mw > 0).Sum(l => l.Mw);
                if (size > 0)
                {
                    var legs = schedule.Legs.Select(l => (Network.BusIndex(l.Bus), -l.Mw)).ToArray();
                    cut = AddColumn(new DispatchColumn(ColumnRole.ScheduleCut, s, 0, 1, penalties.Schedule * size, 0, legs));
                }
            }

            _schedules.Add(new DispatchSchedule(schedule, [.. inc], [.. dec], cut));
        }

        foreach (var columns in portfolio.Values)
        {
            if (columns.Count > 0)
            {
                // The portfolio's adjustments net to zero: Σ inc − Σ dec = 0 over all its schedules.
                AddBalanceRow([.. columns]);
            }
        }
    }

    /// <summary>Σ inc − Σ dec = 0 over the given adjustment columns.</summary>
    private void AddBalanceRow(int[] columns)
    {
        var values = columns.Select(c => _columns[c].Role == ColumnRole.Increment ? 1.0 : -1.0).ToArray();
        _sideRows.Add((columns, values, 0, 0));
    }
}
