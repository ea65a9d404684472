using System.Diagnostics;
using System.Globalization;
using Gridclear.Solvers;

namespace Gridclear.Ftr;

/// <summary>
/// The simultaneous-feasibility FTR auction (F3, F4): award the bids and offers that maximise their value
/// (Σ buy price × MW − Σ sell price × MW) subject to every security constraint holding for the outstanding FTRs
/// plus the awards. One LP column per bid; a row per constraint and direction, added only once violated
/// (constraint generation, as in the day-ahead market). Obligations count their flow on both directions of a
/// constraint, options only the part that loads it. Clearing prices come from the row duals.
/// </summary>
public static class FtrAuction
{
    /// <summary>Bids per bus from which <see cref="FtrFormulation.Automatic"/> picks the angle formulation. Measured
    /// (BENCHMARKS.md): at half a bid per bus shift factors are 20 % faster, at one bid per bus the two are even, at
    /// four the angle LP is 5× faster (8,000 bids on case2000_goc: 14 s against 77 s).</summary>
    public const int AngleBidsPerBus = 1;

    /// <summary>
    /// The auction's solver settings unless the caller gives its own: no scaling. Its LPs are scaled by
    /// construction (shift factors of at most 1, MW bounds, $/MW costs; in the angle LP, susceptance entries that
    /// turn radians into MW), and Clp's scalings cost iterations on every case measured (BENCHMARKS.md): its
    /// automatic (geometric) scaling 70 % more on the 20,000-bid angle LP, 2.7× on the 2,000-bid shift-factor LP;
    /// equilibrium scaling 12 % more, and it ends "optimal" scaled but not unscaled, which costs a clean-up.
    /// </summary>
    public static LpOptions DefaultLp { get; } = new(Scaling: LpScaling.Off);

    /// <summary>Runs the auction. Throws <see cref="InvalidOperationException"/> when the outstanding FTRs alone
    /// are infeasible (check with <see cref="SimultaneousFeasibility.Check"/> first to report them as bad input),
    /// when a sell offer is not backed by holdings, or when the LP fails.</summary>
    public static FtrAuctionResult Clear(
        IFtrConstraints constraints,
        IReadOnlyList<FtrBid> bids,
        IReadOnlyList<OutstandingFtr> outstanding,
        ILpSolver solver,
        FtrAuctionOptions? options = null)
    {
        options ??= FtrAuctionOptions.Default;
        if (!(options.ReleaseShare > 0 && options.ReleaseShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"release share {options.ReleaseShare} is outside (0, 1]");
        }

        CheckSellsAreHeld(bids, outstanding);
        var outLoads = FtrLoads.Of(constraints, outstanding.Select(f => (f.Path, f.Kind, f.Mw)));
        var bad = SimultaneousFeasibility.Violations(constraints, outLoads, options.ReleaseShare, options.ToleranceMw);
        if (bad.Count > 0)
        {
            var v = bad[0];
            var name = constraints.Describe(v.Constraint);
            throw new InvalidOperationException(
                $"outstanding FTRs are not simultaneously feasible: {bad.Count} constraint(s) overloaded, worst {name.Kind} {name.Name}" +
                (name.Contingency.Length > 0 ? $" under contingency {name.Contingency}" : "") + $" at {v.Load:F3} MW against {v.Limit:F3} MW");
        }

        var network = options.Formulation switch
        {
            FtrFormulation.ShiftFactor => null,
            FtrFormulation.Angle => constraints as IFtrFlowConstraints
                ?? throw new ArgumentException("the angle formulation needs constraints that describe their network (IFtrFlowConstraints)", nameof(options)),
            // Automatic: the angle LP carries n balance rows and angle columns, which only the long dense rows of
            // many bids repay.
            _ => bids.Count >= AngleBidsPerBus * constraints.BusCount ? constraints as IFtrFlowConstraints : null,
        };
        var build = new FtrAuctionLp(constraints, bids, outLoads, options.ReleaseShare, network, outstanding, options.PriceColumns);
        var lpOptions = options.Lp ?? DefaultLp;
        var x = build.UnconstrainedAwards();
        ILpModel? model = null;
        try
        {
            LpSolution? solution = null;
            var rounds = 0;
            var iterationsTotal = 0L;

            // Loads are linear in the awards, so each round adds only what changed since the last; the result reads
            // them afresh, free of the round-off a long sum collects.
            var awarded = new double[bids.Count];
            var awardLoads = new FtrLoads(constraints.Count);
            while (true)
            {
                var watch = Stopwatch.StartNew();
                awardLoads.Add(FtrLoads.Of(constraints, build.SignedAwards(x, awarded)));
                Array.Copy(x, awarded, x.Length);
                var loadSeconds = watch.Elapsed.TotalSeconds;
                var total = awardLoads.Plus(outLoads);
                var violations = SimultaneousFeasibility.Violations(constraints, total, options.ReleaseShare, options.ToleranceMw);
                var checkSeconds = watch.Elapsed.TotalSeconds - loadSeconds;

                // Columns first (pricing reads the last duals, pruning its basis), then rows over the new column set.
                // Before the first solve there are no prices: bids held out are priced (at duals of 0) only when
                // there are no rows to solve for first.
                var slackRows = solution is not null && options.DropSlackRows ? build.SlackRows(solution) : [];
                var entering = solution is not null || violations.Count == 0 ? build.Price(solution, options.EnteringPerRound) : [];
                var pruned = 0;
                if (model is null)
                {
                    build.Admit(entering);
                }
                else
                {
                    pruned = build.Prune(solution!, model);
                    build.Enter(entering, model, priced: true);
                }

                var priceSeconds = watch.Elapsed.TotalSeconds - loadSeconds - checkSeconds;
                var rows = build.RowsFor(violations, options.MaxRowsPerRound, model);
                var rowSeconds = watch.Elapsed.TotalSeconds - loadSeconds - checkSeconds - priceSeconds;
                if (rows.Count == 0 && entering.Count == 0)
                {
                    var fresh = FtrLoads.Of(constraints, build.SignedAwards(x, null)).Plus(outLoads);
                    var result = build.Result(x, solution, fresh, rounds);
                    options.Trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"ftr: final check: loads {loadSeconds:F3} s, check {checkSeconds:F3} s, result {watch.Elapsed.TotalSeconds - loadSeconds - checkSeconds - priceSeconds - rowSeconds:F3} s"));
                    options.Trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"ftr: value of awards {result.Value:F2}, dual bound of the full LP {result.DualBound:F2}, gap {result.DualBound - result.Value:G3} ({iterationsTotal} simplex iterations in all)"));
                    return result;
                }

                if (++rounds > options.MaxRounds)
                {
                    throw new InvalidOperationException($"FTR auction: constraints still violated after {options.MaxRounds} rounds");
                }

                if (model is null)
                {
                    model = solver.Load(build.Problem(rows), lpOptions);
                    if (network is not null)
                    {
                        var (columnStatus, rowStatus) = build.StartingBasis(model.RowCount);
                        model.SetBasis(columnStatus, rowStatus);
                    }
                }
                else
                {
                    // Slack rows leave only now that the round goes on: the result reads the last solution's duals by row.
                    build.DropRows(slackRows, model);
                    model.AddRows(rows);
                }

                var lpStart = watch.Elapsed.TotalSeconds;
                solution = model.Solve();
                var iterations = solution.Iterations;

                // Bids held out at full MW can make the new rows infeasible on their own: bring them all back.
                if (solution.Status == LpStatus.Infeasible && build.HeldAtMw() is { Count: > 0 } held)
                {
                    options.Trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"ftr: infeasible with {held.Count} bids held at full MW: brought back"));
                    build.Enter(held, model, priced: false);
                    solution = model.Solve();
                    iterations += solution.Iterations;
                }

                iterationsTotal += iterations;
                var (inLp, atZero, atMw) = build.ColumnCounts();
                options.Trace?.Invoke(string.Create(
                    CultureInfo.InvariantCulture,
                    $"ftr: round {rounds}: {violations.Count} violations, {rows.Count} rows ({rows.Sum(r => r.Columns.Length)} nonzeros) in, {slackRows.Count} slack rows out, {entering.Count} bids in, {pruned} out ({inLp} in the LP, {atZero} held at 0, {atMw} at full MW); loads {loadSeconds:F3} s, check {checkSeconds:F3} s, price {priceSeconds:F3} s, rows {rowSeconds:F3} s, load LP {lpStart - loadSeconds - checkSeconds - priceSeconds - rowSeconds:F3} s, solve {watch.Elapsed.TotalSeconds - lpStart:F3} s ({iterations} iterations, {solution.Algorithm})"));
                if (!solution.IsOptimal)
                {
                    throw new InvalidOperationException($"FTR auction LP ended {solution.Status} in round {rounds}");
                }

                x = build.Clean(solution.Primal);
            }
        }
        finally
        {
            model?.Dispose();
        }
    }

    private static void CheckSellsAreHeld(IReadOnlyList<FtrBid> bids, IReadOnlyList<OutstandingFtr> outstanding)
    {
        var held = new Dictionary<(string, string, FtrKind), double>();
        foreach (var f in outstanding)
        {
            var key = (f.Holder, FtrLoads.PathKey(f.Path), f.Kind);
            held[key] = held.GetValueOrDefault(key) + f.Mw;
        }

        foreach (var b in bids.Where(b => b.Side == FtrSide.Sell))
        {
            var key = (b.Bidder, FtrLoads.PathKey(b.Path), b.Kind);
            var left = held.GetValueOrDefault(key) - b.Mw;
            if (left < -1e-9)
            {
                throw new InvalidOperationException($"bid {b.Id}: {b.Bidder} offers {b.Mw} MW of {b.Kind} {b.Path.Label} but holds {held.GetValueOrDefault(key)} MW");
            }

            held[key] = left;
        }
    }
}
