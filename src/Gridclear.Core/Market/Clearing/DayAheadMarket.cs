using System.Diagnostics;
using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>
/// The day-ahead market (D4, D5): one integrated security-constrained economic dispatch at the lowest as-bid
/// cost, in a shift-factor formulation with constraint generation — start with the power balance alone, check
/// every flow (base case, every contingency, interfaces, nomograms), add what is violated, re-solve warm, until
/// nothing is violated. Every constraint has a penalty slack, so an infeasible market still clears (status
/// relaxed). Prices are rebuilt from the duals and the shift factors: LMP = λ + Σ dual·coefficient.
/// </summary>
public static class DayAheadMarket
{
    /// <summary>A row counts as at its bound within this, relative to max(1, |bound|).</summary>
    private const double BindingTolerance = 1e-7;

    /// <summary>A shadow price below this ($/MWh) is noise from an interior-point (QP) solve, not a binding constraint.</summary>
    private const double DualTolerance = 1e-5;

    /// <summary>A bus price within this share of the energy penalty of it counts as at it (solver tolerance on duals).</summary>
    private const double PriceTolerance = 1e-7;

    /// <summary>A decision this far (MW) inside its bounds is marginal; a barrier never lands exactly on a bound.</summary>
    private const double MarginalTolerance = 1e-6;

    /// <summary>A row further than this from both limits (relative to max(1, |limit|)) is slack: its dual is round-off.</summary>
    private const double SlackDistance = 1e-5;

    public static DayAheadResult Clear(SecurityModel security, MarketInput input, ILpSolver solver, ClearingOptions? options = null) =>
        ClearWithModel(security, input, solver, options).Result;

    /// <summary>The clearing with its final LP and solution, so tests can check optimality (KKT) independently of the solver.</summary>
    internal static (DayAheadResult Result, LpProblem Problem, LpSolution Solution) ClearWithModel(
        SecurityModel security, MarketInput input, ILpSolver solver, ClearingOptions? options = null)
    {
        var (result, problem, solution, _) = ClearWarm(security, input, solver, options, null);
        return (result, problem, solution);
    }

    /// <summary>
    /// The clearing, started from what an earlier interval on the same security model left (<paramref name="warm"/>):
    /// its security rows are in the model from the first solve, and its final basis is the first solve's start when
    /// the model has the same shape (the same participation structure). The optimum is the same as a cold clear's:
    /// rows found binding before are only added earlier. Returns what the next interval may start from.
    /// </summary>
    internal static (DayAheadResult Result, LpProblem Problem, LpSolution Solution, WarmStart Next) ClearWarm(
        SecurityModel security, MarketInput input, ILpSolver solver, ClearingOptions? options, WarmStart? warm)
    {
        options ??= ClearingOptions.Default;
        solver = InteriorPointSolver.Over(solver, options.LpOptions);
        if (input.Caps.Energy is { } energyCap)
        {
            // M1: unserved (and surplus) energy is priced at the cap, so the balance never prices above it.
            options = options with { Penalties = options.PenaltyPrices with { Balance = energyCap } };
        }

        var total = Stopwatch.StartNew();
        var network = security.Network;
        var n = network.BusCount;
        var penalties = options.PenaltyPrices;
        var participation = Participation.Build(network, input, penalties);
        var marginal = options.Losses == LossModel.Marginal;
        var notes = new List<string>(security.Notes);
        var injections = new double[n];
        var flows = new double[network.BranchCount];
        double solveSeconds = 0, checkSeconds = 0;
        var rounds = 0;
        var iterations = 0;
        var warmStarted = false;

        // A market expected to balance clears first with one energy slack pair at the reference bus (cheap: no extra
        // entries in the security rows); if it leaves energy unserved or spilled, or a bus that must withdraw prices
        // above the penalty (or one that must inject below minus the penalty), shedding there would pay: clear again
        // with a slack at every such bus, starting from the security rows the first pass found.
        var problem = new DispatchProblem(security, participation, penalties, marginal);
        var losses = marginal ? new MarginalLosses(security, problem) : null;
        var reserves = ReserveProblem.Add(problem, participation, input);
        var buildSeconds = total.Elapsed.TotalSeconds;
        var lp = reserves?.Solver(solver) ?? solver;
        var (model, solution) = Generate(problem, losses, lp, warm?.Constraints ?? [], warm?.Basis);
        try
        {
            if (!problem.PerBusSlacks && NeedsPerBusSlacks(security, participation, problem, solution, losses, options))
            {
                var found = problem.Added.Select(a => a.Key).ToList();
                model.Dispose();
                problem = new DispatchProblem(security, participation, penalties, marginal, perBus: true);
                losses = marginal ? new MarginalLosses(security, problem) : null;
                reserves = ReserveProblem.Add(problem, participation, input);
                lp = reserves?.Solver(solver) ?? solver;
                (model, solution) = Generate(problem, losses, lp, found, null);
            }

            var watch = Stopwatch.StartNew();
            if (lp is HeadroomSolver { Note: { } note })
            {
                notes.Add(note);
            }

            if (losses is { Converged: false })
            {
                notes.Add($"losses did not converge in {MarginalLosses.MaxIterations} dispatches: L = {losses.LossMw:0.######} MW at the flows, {losses.BalanceLossMw:0.######} MW in the balance");
            }

            var result = Price(security, participation, problem, solution, injections, flows, options, notes, losses);
            var pricingSeconds = watch.Elapsed.TotalSeconds;
            var next = new WarmStart(problem.Added.Select(a => a.Key).ToList(), model.GetBasis());
            var reserveResult = reserves?.Result(participation, solution);
            result = PriceCapping.Apply(result with { Reserves = reserveResult }, input.Caps);
            return (result with
            {
                Objective = result.Objective + (reserveResult is null ? 0 : reserveResult.OfferCost - reserveResult.DemandValue),
                Losses = losses?.Summary(),
                Rounds = rounds,
                Timings = new ClearingTimings(buildSeconds, solveSeconds, checkSeconds, pricingSeconds, total.Elapsed.TotalSeconds),
                Solver = solver.Name,
                SolverIterations = iterations,
                WarmStarted = warmStarted,
            }, problem.Problem, solution, next);
        }
        finally
        {
            model.Dispose();
        }

        // Constraint generation (and the marginal-loss iteration) on one problem, from the security rows in start and,
        // when the model has its shape, the basis an earlier interval ended on. Leaves injections and flows at the
        // solution's.
        (ReloadableModel Model, LpSolution Solution) Generate(
            DispatchProblem problem, MarginalLosses? losses, ILpSolver lp, IReadOnlyList<ConstraintKey> start, (BasisStatus[] Columns, BasisStatus[] Rows)? basis)
        {
            var watch = Stopwatch.StartNew();
            var model = new ReloadableModel(lp, problem.Problem, options.LpOptions);
            try
            {
                problem.AddConstraints(model, start.Where(k => !problem.Contains(k)).ToList());
                if (basis is { } b && b.Columns.Length == model.ColumnCount && b.Rows.Length == model.RowCount)
                {
                    model.SetBasis(b.Columns, b.Rows);
                    warmStarted = true;
                }
                else if (losses is null && options.LpOptions.Algorithm is LpAlgorithm.Automatic or LpAlgorithm.DualSimplex
                    && MeritOrderBasis.For(problem.Problem, problem.BalanceRow) is { } merit)
                {
                    // A cold LP starts from the merit order (dual feasible, and optimal when no other row binds). Not
                    // under marginal losses: their iteration has its own path from the lossless dispatch.
                    model.SetBasis(merit.Columns, merit.Rows);
                }

                var solution = Solve(model);
                iterations += solution.Iterations;
                solveSeconds += watch.Elapsed.TotalSeconds;
                rounds++;
                var violations = new List<ConstraintViolation>();
                while (true)
                {
                    watch.Restart();
                    problem.Injections(solution.Primal, injections);
                    violations.Clear();
                    security.FindViolations(injections, options.Tolerance, flows, violations);
                    // One row per monitored element a round: the worst of its contingencies. The others often clear
                    // once that one binds, and each added dense row costs solve time.
                    var fresh = violations.Where(v => !problem.Contains(v.Key))
                        .GroupBy(v => (v.Key.Kind, v.Key.Element))
                        .Select(g => g.MaxBy(v => v.Excess))
                        .OrderByDescending(v => v.Excess)
                        .Take(options.MaxAddedPerRound)
                        .ToList();
                    checkSeconds += watch.Elapsed.TotalSeconds;
                    if (fresh.Count == 0)
                    {
                        // Secure at these losses: done, unless the loss linearisation moves (then re-solve and re-check).
                        if (losses is null || losses.Update(solution, injections, flows))
                        {
                            return (model, solution);
                        }

                        // A new cut, a moved trust region and new curvature terms: reload the problem (a QP re-solve is never warm).
                        watch.Restart();
                        model.Reload();
                        solution = Solve(model);
                        iterations += solution.Iterations;
                        solveSeconds += watch.Elapsed.TotalSeconds;
                        rounds++;
                        continue;
                    }

                    if (rounds >= options.MaxRounds)
                    {
                        throw new InvalidOperationException($"constraint generation did not converge in {options.MaxRounds} rounds ({fresh.Count} constraints still violated)");
                    }

                    watch.Restart();
                    problem.AddConstraints(model, fresh.Select(v => v.Key).ToList());
                    solution = Solve(model);
                    iterations += solution.Iterations;
                    solveSeconds += watch.Elapsed.TotalSeconds;
                    rounds++;
                }
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Whether a clearing with the reference-bus energy slacks must be redone per bus: it left energy unserved or spilled
    /// (which the reference bus would have pushed through the network), or it relaxed a constraint and a per-bus slack
    /// would price in — a bus that must withdraw priced above the penalty, or one that must inject below minus it.
    /// Otherwise the reference-bus solution stands (with no such bus it is also optimal with per-bus slacks: they would
    /// all sit at 0 with non-negative reduced costs).
    /// </summary>
    private static bool NeedsPerBusSlacks(
        SecurityModel security, Participation participation, DispatchProblem problem, LpSolution solution, MarginalLosses? losses, ClearingOptions options)
    {
        var x = solution.Primal;
        if (problem.EnergyRelaxed(x) > options.Tolerance)
        {
            return true;
        }

        // A bus priced beyond the penalty by constraints that hold is served by offered generation: shedding it would
        // only trade a price for an outage (with an energy cap as the penalty, any congested bus priced above the cap;
        // the cap is applied to the price afterwards). Only a relaxed constraint (a line overloaded to reach a load that
        // shedding would relieve more cheaply) calls for a slack at the bus.
        if (!problem.Added.Any(a => x[a.SlackUp] + x[a.SlackDown] > options.Tolerance))
        {
            return false;
        }

        // Bus prices from the duals of the balance, the security rows and the loss linearisation, as Price builds them;
        // a bus beyond the penalty needs a row with a dual.
        var n = security.Network.BusCount;
        var lmp = new double[n];
        Array.Fill(lmp, solution.RowDual[problem.BalanceRow]);
        var row = new double[n];
        foreach (var added in problem.Added)
        {
            var dual = solution.RowDual[added.Row];
            if (dual != 0)
            {
                security.Coefficients(added.Key, row);
                for (var i = 0; i < n; i++)
                {
                    lmp[i] += dual * row[i];
                }
            }
        }

        if (losses is not null)
        {
            var loss = losses.LossComponents(solution);
            for (var i = 0; i < n; i++)
            {
                lmp[i] += loss[i];
            }
        }

        var must = participation.MustInjection();
        var penalty = options.PenaltyPrices.Balance;
        var margin = PriceTolerance * Math.Max(1, penalty);
        for (var i = 0; i < n; i++)
        {
            if ((must[i] < 0 && lmp[i] > penalty + margin) || (must[i] > 0 && lmp[i] < -penalty - margin))
            {
                return true;
            }
        }

        return false;
    }

    private static LpSolution Solve(ILpModel model)
    {
        var solution = model.Solve();
        return solution.Status == LpStatus.Optimal
            ? solution
            : throw new InvalidOperationException($"the dispatch could not be solved: solver status {solution.Status} (every constraint has a penalty slack, so this is a solver failure, not an infeasible market)");
    }

    private static DayAheadResult Price(
        SecurityModel security,
        Participation participation,
        DispatchProblem problem,
        LpSolution solution,
        double[] injections,
        double[] flows,
        ClearingOptions options,
        List<string> notes,
        MarginalLosses? losses)
    {
        var network = security.Network;
        var n = network.BusCount;
        var x = solution.Primal;
        var y = solution.RowDual;
        var lambda = y[problem.BalanceRow];

        // Congestion part of every LMP from the duals of the security rows: Σ_c y_c·a_c[i].
        var congestion = new double[n];
        var row = new double[n];
        var constraints = new List<ConstraintResult>();
        // An interior-point solve leaves slacks at ~1e-8: relaxation counts beyond the flow-check tolerance.
        var shortfall = problem.EnergyRelaxed(x);
        shortfall = shortfall > options.Tolerance ? shortfall : 0;
        var demand = problem.TotalDemand(x);
        constraints.Add(new ConstraintResult("balance", ConstraintKind.Balance, string.Empty, demand, demand, lambda, shortfall, options.PenaltyPrices.Balance));
        var weights = ReferenceWeights(network, participation, options.PriceReference, out var referenceText);
        double referenceCongestion = 0;
        var activeRows = 1;
        foreach (var added in problem.Added)
        {
            var relaxed = x[added.SlackUp] + x[added.SlackDown];
            var value = security.Value(added.Key, flows, injections);
            var (lower, upper) = security.Limits(added.Key);
            var atUpper = value >= upper - (BindingTolerance * Math.Max(1, Math.Abs(upper)));

            // Complementary slackness: a row away from its limits has no price. An interior-point (QP) solve leaves
            // small duals there (1e-10 to 3e-7 on post-contingency rows of pglib_opf_case2000_goc, 0.08 to 80 MW
            // inside their limits); taken as they are, hundreds of slack rows were listed as binding in
            // constraints.csv. The barrier also leaves binding rows a hair off their limit, hence a looser distance.
            var nearLimit = value >= upper - (SlackDistance * Math.Max(1, Math.Abs(upper))) ||
                value <= lower + (SlackDistance * Math.Max(1, Math.Abs(lower)));
            var dual = nearLimit || relaxed > 0 ? y[added.Row] : 0;
            var binding = Math.Abs(dual) > DualTolerance || relaxed > options.Tolerance;
            if (binding)
            {
                activeRows++;
            }

            if (dual != 0)
            {
                security.Coefficients(added.Key, row);
                var rowDotWeights = 0.0;
                for (var i = 0; i < n; i++)
                {
                    congestion[i] += dual * row[i];
                    rowDotWeights += row[i] * weights[i];
                }

                referenceCongestion += dual * rowDotWeights;
            }

            if (binding)
            {
                var (name, contingency) = security.Describe(added.Key);
                var useUpper = dual < 0 || (dual == 0 && atUpper);
                constraints.Add(new ConstraintResult(
                    name, added.Key.Kind, contingency, value, useUpper ? upper : lower, Math.Abs(dual),
                    relaxed > options.Tolerance ? relaxed : 0, options.PenaltyPrices.For(added.Key)));
            }
        }

        // Energy at the reference: λ plus the congestion there; congestion elsewhere relative to it. The loss
        // component −Σ_c μ_c·∂L/∂P_i over the loss cuts (Σ_c μ_c = λ: the loss column is costless) is measured from the
        // case's reference bus, the slack of the flows, whatever the price reference: moving that moves only energy
        // and congestion.
        var prices = new BusPrice[n];
        var energy = lambda + referenceCongestion;
        var lossComponents = losses?.LossComponents(solution);
        for (var i = 0; i < n; i++)
        {
            var c = congestion[i] - referenceCongestion;
            var loss = lossComponents is null || lossComponents[i] == 0 ? 0 : lossComponents[i];
            prices[i] = new BusPrice(network.BusIds[i], energy + c + loss, energy, c, loss);
        }

        // Per-bus relaxation of the balance, as the loads and generators there see it.
        var unserved = new double[n];
        var surplus = new double[n];
        var relaxations = new List<EnergyRelaxation>();
        foreach (var slack in problem.EnergySlacks)
        {
            var mw = DispatchProblem.EnergyRelaxed(slack, x);
            if (mw > options.Tolerance)
            {
                (slack.IsUnserved ? unserved : surplus)[slack.Bus] = mw;
                relaxations.Add(new EnergyRelaxation(network.BusIds[slack.Bus], slack.IsUnserved ? mw : 0, slack.IsUnserved ? 0 : mw, prices[slack.Bus].Lmp));
            }
        }

        const int listed = 10;
        foreach (var r in relaxations.OrderByDescending(r => r.UnservedMw + r.SurplusMw).ThenBy(r => r.Bus).Take(listed))
        {
            notes.Add(r.UnservedMw > 0
                ? $"unserved energy at bus {r.Bus}: {r.UnservedMw:0.######} MW at {options.PenaltyPrices.Balance} $/MWh (bus price {r.Lmp:0.####})"
                : $"surplus energy at bus {r.Bus}: {r.SurplusMw:0.######} MW spilled at {options.PenaltyPrices.Balance} $/MWh (bus price {r.Lmp:0.####})");
        }

        if (relaxations.Count > listed)
        {
            notes.Add($"… and unserved or surplus energy at {relaxations.Count - listed} more buses (unserved.csv lists them all)");
        }

        var (awards, objective) = Awards(participation, x, unserved, surplus);
        var scheduleAwards = Schedules(participation, x);
        var penaltyCost = problem.PenaltyCost(x);
        var relaxedAny = constraints.Any(c => c.IsRelaxed) || scheduleAwards.Any(s => s.CutMw > options.Tolerance);
        foreach (var c in constraints.Where(c => c.IsRelaxed))
        {
            notes.Add($"relaxed {c.Kind.ToString().ToLowerInvariant()} {c.Constraint}{(c.Contingency.Length > 0 ? " under " + c.Contingency : string.Empty)} by {c.RelaxedMw:0.######} MW at {c.Penalty} $/MWh");
        }

        foreach (var s in scheduleAwards.Where(s => s.CutMw > options.Tolerance))
        {
            notes.Add($"cut balanced schedule {s.Schedule} by {s.CutMw:0.######} MW at {options.PenaltyPrices.Schedule} $/MWh: it could not be kept as submitted");
        }

        var unique = PricesUnique(participation, problem, solution, activeRows);
        if (!unique)
        {
            notes.Add("prices may not be unique (degenerate dispatch: fewer marginal offers than binding constraints); the rule used: the duals of the solver's optimal basis");
        }

        var addedByKind = problem.Added.GroupBy(a => a.Key.Kind == ConstraintKind.Branch && !a.Key.IsBaseCase ? "contingency" : a.Key.Kind.ToString().ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new DayAheadResult(
            relaxedAny || relaxations.Count > 0 ? ClearingStatus.Relaxed : ClearingStatus.Optimal,
            objective,
            penaltyCost,
            referenceText,
            prices,
            awards,
            scheduleAwards,
            constraints,
            flows,
            0,
            addedByKind,
            unique,
            notes,
            new ClearingTimings(0, 0, 0, 0, 0),
            string.Empty)
        {
            EnergyRelaxations = relaxations,
        };
    }

    private static double[] ReferenceWeights(Network.Network network, Participation participation, PriceReference reference, out string text)
    {
        var w = new double[network.BusCount];
        switch (reference)
        {
            case PriceReference.Distributed:
                var demand = participation.FixedDemand;
                var sum = demand.Where(d => d > 0).Sum();
                for (var i = 0; i < w.Length; i++)
                {
                    w[i] = sum > 0 ? Math.Max(demand[i], 0) / sum : 1.0 / w.Length;
                }

                text = sum > 0 ? "load-weighted distributed reference" : "uniform distributed reference (no fixed load to weight by)";
                break;
            case PriceReference.SingleBus { BusId: { } id }:
                w[network.TryGetBusIndex(id, out var r) ? r : throw new InvalidInputException("--reference", null, $"bus {id} is not in the network")] = 1;
                text = $"bus {id}";
                break;
            default:
                w[network.ReferenceBus] = 1;
                text = $"reference bus {network.BusIds[network.ReferenceBus]}";
                break;
        }

        return w;
    }

    /// <summary>
    /// What each resource cleared. Unserved energy at a bus is taken from the fixed demand of its loads, pro rata to
    /// it (the bid part of a load clears as bid); surplus from the minimum runs of its generators, pro rata to them.
    /// So awards are the physical withdrawals and injections the flows and prices were computed with. (Unserved energy
    /// beyond a bus's fixed loads, i.e. a schedule's withdrawal, stays with the schedule as submitted.)
    /// </summary>
    private static (List<ResourceAward> Awards, double Objective) Awards(Participation participation, double[] x, double[] unserved, double[] surplus)
    {
        var n = participation.Network.BusCount;
        var fixedLoad = new double[n];
        var minimumRun = new double[n];
        foreach (var r in participation.Resources)
        {
            if (r.Kind == ResourceKind.Load)
            {
                fixedLoad[r.Bus] += Math.Max(r.FixedMw, 0);
            }
            else
            {
                minimumRun[r.Bus] += Math.Max(r.MinMw, 0);
            }
        }

        var awards = new List<ResourceAward>(participation.Resources.Count);
        var objective = 0.0;
        foreach (var r in participation.Resources)
        {
            var mw = r.FixedMw;
            var cost = r.ConstantCost;
            foreach (var j in r.Columns)
            {
                var c = participation.Columns[j];
                mw += x[j];
                cost += (c.Cost * x[j]) + (0.5 * c.Quadratic * x[j] * x[j]);
            }

            objective += cost;
            if (r.Kind == ResourceKind.Load && unserved[r.Bus] > 0 && r.FixedMw > 0)
            {
                mw -= Math.Min(unserved[r.Bus], fixedLoad[r.Bus]) * r.FixedMw / fixedLoad[r.Bus];
            }
            else if (r.Kind == ResourceKind.Generator && surplus[r.Bus] > 0 && r.MinMw > 0)
            {
                mw -= Math.Min(surplus[r.Bus], minimumRun[r.Bus]) * r.MinMw / minimumRun[r.Bus];
            }

            awards.Add(new ResourceAward(r.Name, participation.Network.BusIds[r.Bus], r.Kind, mw, r.Kind == ResourceKind.Generator ? mw : -mw, cost));
        }

        foreach (var s in participation.Schedules)
        {
            foreach (var j in s.IncColumns.Concat(s.DecColumns))
            {
                objective += participation.Columns[j].Cost * x[j];
            }
        }

        return (awards, objective);
    }

    private static List<ScheduleAward> Schedules(Participation participation, double[] x)
    {
        var awards = new List<ScheduleAward>(participation.Schedules.Count);
        foreach (var s in participation.Schedules)
        {
            var cut = s.CutColumn >= 0 ? x[s.CutColumn] : 0;
            var byBus = new Dictionary<int, double>();
            var order = new List<int>();
            foreach (var leg in s.Schedule.Legs)
            {
                if (!byBus.ContainsKey(leg.Bus))
                {
                    order.Add(leg.Bus);
                }

                byBus[leg.Bus] = byBus.GetValueOrDefault(leg.Bus) + (leg.Mw * (1 - cut));
            }

            var cost = 0.0;
            foreach (var j in s.IncColumns.Concat(s.DecColumns))
            {
                var c = participation.Columns[j];
                var bus = participation.Network.BusIds[c.Injections[0].Bus];
                if (!byBus.ContainsKey(bus))
                {
                    order.Add(bus);
                }

                byBus[bus] = byBus.GetValueOrDefault(bus) + (c.Injections[0].Coefficient * x[j]);
                cost += c.Cost * x[j];
            }

            // A final leg keeps the owner of the submitted leg at its bus (adjustments only move submitted legs).
            var legs = order.Select(b => new ScheduleLeg(b, byBus[b], s.Schedule.LegAt(b)?.Owner)).ToList();
            var cutMw = cut * s.Schedule.Legs.Where(l => l.Mw > 0).Sum(l => l.Mw);
            awards.Add(new ScheduleAward(s.Schedule.Id, s.Schedule.Participant, s.Schedule.Balanced, s.Schedule.Legs, legs, cutMw, cost, s.Schedule.Counterparty));
        }

        return awards;
    }

    /// <summary>
    /// Duals are unique when the optimum is not primal-degenerate: at least as many decisions strictly inside
    /// their bounds (or on a strictly convex cost) as rows at a bound.
    /// </summary>
    private static bool PricesUnique(Participation participation, DispatchProblem problem, LpSolution solution, int activeSecurityRows)
    {
        var x = solution.Primal;
        var free = 0;
        for (var j = 0; j < participation.Columns.Count; j++)
        {
            var c = participation.Columns[j];
            if (x[j] > c.Lower + MarginalTolerance && x[j] < c.Upper - MarginalTolerance)
            {
                free++;
            }
        }

        // Rows that price something: the balance, binding security rows, and side rows with a dual.
        var active = activeSecurityRows;
        foreach (var r in problem.SideRows)
        {
            if (Math.Abs(solution.RowDual[r.Row]) > DualTolerance)
            {
                active++;
            }
        }

        return free >= active;
    }
}
