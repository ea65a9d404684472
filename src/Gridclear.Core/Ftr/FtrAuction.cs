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
    /// <summary>Bids per bus from which <see cref="FtrFormulation.Automatic"/> picks the angle formulation.</summary>
    public const int AngleBidsPerBus = 4;

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
            // Automatic: the angle LP pays n balance rows and angle columns up front (its first solve pivots every
            // angle in), which only the long dense rows of many bids repay: measured on case2000_goc, 2,000 bids
            // solve faster with shift factors, 20,000 far faster with angles.
            _ => bids.Count >= AngleBidsPerBus * constraints.BusCount ? constraints as IFtrFlowConstraints : null,
        };
        var build = new FtrAuctionLp(constraints, bids, outLoads, options.ReleaseShare, network, outstanding);
        var x = build.UnconstrainedAwards();
        ILpModel? model = null;
        try
        {
            LpSolution? solution = null;
            var rounds = 0;
            while (true)
            {
                var watch = Stopwatch.StartNew();
                var awardLoads = FtrLoads.Of(constraints, build.SignedAwards(x));
                var loadSeconds = watch.Elapsed.TotalSeconds;
                var total = new FtrLoads(constraints.Count);
                for (var i = 0; i < constraints.Count; i++)
                {
                    total.Upper[i] = outLoads.Upper[i] + awardLoads.Upper[i];
                    total.Lower[i] = outLoads.Lower[i] + awardLoads.Lower[i];
                }

                var violations = SimultaneousFeasibility.Violations(constraints, total, options.ReleaseShare, options.ToleranceMw);
                var checkSeconds = watch.Elapsed.TotalSeconds - loadSeconds;
                var rows = build.RowsFor(violations, options.MaxRowsPerRound);
                var rowSeconds = watch.Elapsed.TotalSeconds - loadSeconds - checkSeconds;
                if (rows.Count == 0)
                {
                    var result = build.Result(x, solution, total, rounds);
                    options.Trace?.Invoke(string.Create(CultureInfo.InvariantCulture, $"ftr: final check: loads {loadSeconds:F3} s, check {checkSeconds:F3} s, result {watch.Elapsed.TotalSeconds - loadSeconds - checkSeconds - rowSeconds:F3} s"));
                    return result;
                }

                if (++rounds > options.MaxRounds)
                {
                    throw new InvalidOperationException($"FTR auction: constraints still violated after {options.MaxRounds} rounds");
                }

                if (model is null)
                {
                    model = solver.Load(build.Problem(rows), options.Lp ?? LpOptions.Default);
                }
                else
                {
                    model.AddRows(rows);
                }

                var lpStart = watch.Elapsed.TotalSeconds;
                solution = model.Solve();
                while (solution.IsOptimal && build.WidenAngleBox(solution.Primal, model))
                {
                    options.Trace?.Invoke("ftr: an angle reached its box: widened");
                    solution = model.Solve();
                }
                options.Trace?.Invoke(string.Create(
                    CultureInfo.InvariantCulture,
                    $"ftr: round {rounds}: {violations.Count} violations, {rows.Count} rows ({rows.Sum(r => r.Columns.Length)} nonzeros); loads {loadSeconds:F3} s, check {checkSeconds:F3} s, rows {rowSeconds:F3} s, load LP {lpStart - loadSeconds - checkSeconds - rowSeconds:F3} s, solve {watch.Elapsed.TotalSeconds - lpStart:F3} s ({solution.Iterations} iterations, {solution.Algorithm})"));
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
