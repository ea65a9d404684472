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
    /// <summary>Relative fall in slope still read as a flat step: rounding in the case's printed points.</summary>
    private const double ConvexityTolerance = 1e-6;

    private readonly List<DispatchColumn> _columns = [];
    private readonly List<DispatchResource> _resources = [];
    private readonly List<DispatchSchedule> _schedules = [];
    private readonly List<(int[] Columns, double[] Values, double Lower, double Upper)> _sideRows = [];

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

    private void AddCaseGenerators()
    {
        for (var g = 0; g < Network.Generators.Count; g++)
        {
            var gen = Network.Generators[g];
            var name = $"gen{gen.CaseRow + 1}";
            var cost = gen.Cost ?? throw new InvalidInputException("case", null, $"generator row {gen.CaseRow + 1} has no gencost row: the market needs a cost for every generator");
            var owner = _resources.Count;
            var inj = new[] { (gen.Bus, 1.0) };
            switch (cost.Model)
            {
                case CostModel.Polynomial:
                    var (c2, c1, c0) = Quadratic(cost, gen.CaseRow);
                    var col = AddColumn(new DispatchColumn(ColumnRole.Supply, owner, gen.PminMw, gen.PmaxMw, c1, 2 * c2, inj));
                    _resources.Add(new DispatchResource(name, gen.Bus, ResourceKind.Generator, [col], 0, c0, gen.PminMw));
                    ConstantCost += c0;
                    break;
                case CostModel.PiecewiseLinear:
                    var (segments, costAtMin) = PiecewiseSegments(cost, gen.PminMw, gen.PmaxMw, gen.CaseRow);
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
                    throw new InvalidInputException("case", null, $"gencost row {gen.CaseRow + 1}: cost model {(int)cost.Model} is not supported");
            }
        }
    }

    /// <summary>MATPOWER polynomial coefficients (highest order first) as c2, c1, c0; degree above 2 is refused.</summary>
    private static (double C2, double C1, double C0) Quadratic(CaseGenCost cost, int row)
    {
        var c = cost.Parameters;
        var n = c.Count;
        for (var k = 0; k < n - 3; k++)
        {
            if (c[k] != 0)
            {
                throw new InvalidInputException("case", null, $"gencost row {row + 1}: a polynomial cost of degree {n - 1} is not supported (at most quadratic)");
            }
        }

        double At(int power) => power < n ? c[n - 1 - power] : 0;
        var c2 = At(2);
        if (c2 < 0)
        {
            throw new InvalidInputException("case", null, $"gencost row {row + 1}: a negative quadratic coefficient ({c2}) makes the cost non-convex");
        }

        return (c2, At(1), At(0));
    }

    /// <summary>
    /// A convex piecewise-linear cost (MATPOWER model 1) restricted to [pmin, pmax], as steps above pmin.
    /// Beyond the first and last points the end segments extend, as MATPOWER's constrained cost variable does.
    /// </summary>
    private static (List<(double Width, double Slope)> Segments, double CostAtMin) PiecewiseSegments(CaseGenCost cost, double pmin, double pmax, int row)
    {
        var p = cost.Parameters;
        var n = p.Count / 2;
        if (n < 2)
        {
            throw new InvalidInputException("case", null, $"gencost row {row + 1}: a piecewise-linear cost needs at least two points");
        }

        var x = new double[n];
        var y = new double[n];
        for (var k = 0; k < n; k++)
        {
            x[k] = p[2 * k];
            y[k] = p[(2 * k) + 1];
        }

        var slopes = new double[n - 1];
        for (var k = 0; k < n - 1; k++)
        {
            if (!(x[k + 1] > x[k]))
            {
                throw new InvalidInputException("case", null, $"gencost row {row + 1}: piecewise-linear points must have increasing MW ({x[k]} then {x[k + 1]})");
            }

            slopes[k] = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
            if (k > 0 && slopes[k] < slopes[k - 1])
            {
                // Points written from a smooth curve with rounded numbers can fall by a hair: treat that as a
                // flat step (cost error ≈ 1e-6 $/MWh), but refuse a curve that is really not convex.
                if (slopes[k] < slopes[k - 1] - (ConvexityTolerance * Math.Max(1, Math.Abs(slopes[k - 1]))))
                {
                    throw new InvalidInputException("case", null, $"gencost row {row + 1}: the piecewise-linear cost is not convex (slope falls from {slopes[k - 1]} to {slopes[k]})");
                }

                slopes[k] = slopes[k - 1];
            }
        }

        double Evaluate(double mw)
        {
            var k = 0;
            while (k < n - 2 && mw > x[k + 1])
            {
                k++;
            }

            return y[k] + (slopes[k] * (mw - x[k]));
        }

        var segments = new List<(double, double)>();
        var start = pmin;
        for (var k = 0; k < n - 1 && start < pmax; k++)
        {
            var end = k == n - 2 ? pmax : Math.Min(x[k + 1], pmax);
            if (end > start)
            {
                segments.Add((end - start, slopes[k]));
                start = end;
            }
        }

        return (segments, Evaluate(pmin));
    }

    private void AddMarketResources(MarketInput input)
    {
        foreach (var r in input.Resources!)
        {
            var bus = Network.BusIndex(r.Bus);
            var owner = _resources.Count;
            if (r.Kind == ResourceKind.Generator)
            {
                var steps = input.Offers[r.Id].Steps;
                var cols = new int[steps.Count];
                for (var s = 0; s < steps.Count; s++)
                {
                    cols[s] = AddColumn(new DispatchColumn(ColumnRole.Supply, owner, 0, steps[s].Mw, steps[s].Price, 0, [(bus, 1.0)]));
                }

                if (r.MinMw > 0)
                {
                    _sideRows.Add((cols, Enumerable.Repeat(1.0, cols.Length).ToArray(), r.MinMw, double.PositiveInfinity));
                }

                _resources.Add(new DispatchResource(r.Id, bus, ResourceKind.Generator, cols, 0, 0, r.MinMw));
            }
            else if (input.Bids.TryGetValue(r.Id, out var bid))
            {
                var cols = new int[bid.Steps.Count];
                for (var s = 0; s < bid.Steps.Count; s++)
                {
                    cols[s] = AddColumn(new DispatchColumn(ColumnRole.Demand, owner, 0, bid.Steps[s].Mw, -bid.Steps[s].Price, 0, [(bus, -1.0)]));
                }

                _resources.Add(new DispatchResource(r.Id, bus, ResourceKind.Load, cols, 0, 0, 0));
            }
            else
            {
                var mw = input.Demand.GetValueOrDefault(r.Id);
                FixedInjection[bus] -= mw;
                FixedDemand[bus] += mw;
                _resources.Add(new DispatchResource(r.Id, bus, ResourceKind.Load, [], mw, 0, 0));
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
            if (adjustmentsBySchedule.TryGetValue(schedule.Id, out var adjustments))
            {
                foreach (var a in adjustments)
                {
                    var bus = Network.BusIndex(a.Bus);
                    foreach (var step in a.Steps)
                    {
                        if (a.Direction == AdjustmentDirection.Inc)
                        {
                            inc.Add(AddColumn(new DispatchColumn(ColumnRole.Increment, s, 0, step.Mw, step.Price, 0, [(bus, 1.0)])));
                        }
                        else
                        {
                            dec.Add(AddColumn(new DispatchColumn(ColumnRole.Decrement, s, 0, step.Mw, -step.Price, 0, [(bus, -1.0)])));
                        }
                    }
                }
            }

            var cut = -1;
            if (portfolio.TryGetValue(schedule.Participant, out var portfolioColumns))
            {
                // Under a portfolio-balance instruction (D2a) the participant's adjustments balance together, in one
                // row added below, instead of schedule by schedule.
                portfolioColumns.AddRange(inc);
                portfolioColumns.AddRange(dec);
            }
            else if (schedule.Balanced && inc.Count + dec.Count > 0)
            {
                // Adjustments must keep the schedule balanced (D2): Σ inc − Σ dec = 0.
                AddBalanceRow([.. inc, .. dec]);
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
