namespace Gridclear.Ftr;

/// <summary>
/// Allocates auction revenue rights (F5) up to simultaneous feasibility, on the same constraints as the FTR auction
/// (base case, contingencies, interfaces, nomograms), with the outstanding FTRs held. Tiers go in priority order (1
/// first), each given the awards of the tiers before it. Within a tier, pro rata:
/// <list type="number">
/// <item>the largest uniform fraction t of every request of the tier that is feasible: the LP "maximise t subject to
/// award_i = t · mw_i and feasibility". The awards being one direction in MW space, the LP is a ratio test over every
/// constraint and direction, t = min over constraints of (limit − load) / (the tier's load at full MW), solved exactly;</item>
/// <item>the requests that load a constraint binding at t (in its binding direction) keep that fraction; the others
/// go on rising together by the same test, until each is stopped or fully awarded (progressive filling: each binding
/// constraint is shared pro rata to the MW requested across it, and capability nobody in the tier competes for is
/// not left unused);</item>
/// <item>ARRs are obligations: counterflow requests unload what they cross and are never stopped by it, so one that
/// rose after others were stopped may have made room for them: further passes raise every request not yet full from
/// where it stands, the same way, until a pass gains nothing.</item>
/// </list>
/// Every step stops or fills at least one request, so a pass over a tier of n requests takes at most n ratio tests.
/// </summary>
public static class ArrAllocation
{
    /// <summary>MW of a request's flow on a binding constraint below which it does not compete for it.</summary>
    private const double FlowToleranceMw = 1e-9;

    /// <param name="releaseShare">Share of each limit available to the allocation, in (0, 1].</param>
    /// <exception cref="InvalidOperationException">when the outstanding FTRs alone are not feasible.</exception>
    public static ArrAllocationResult Allocate(
        IFtrConstraints constraints,
        IReadOnlyList<ArrRequest> requests,
        IReadOnlyList<OutstandingFtr> outstanding,
        double releaseShare = 1.0)
    {
        if (!(releaseShare > 0 && releaseShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(releaseShare), $"release share {releaseShare} is outside (0, 1]");
        }

        var loads = FtrLoads.Of(constraints, outstanding.Select(f => (f.Path, f.Kind, f.Mw)));
        if (SimultaneousFeasibility.Violations(constraints, loads, releaseShare, 1e-4).Count > 0)
        {
            throw new InvalidOperationException("the outstanding FTRs are not simultaneously feasible");
        }

        // ARRs are obligations: one load per constraint (upper and lower the same), kept apart from the options'.
        var current = new double[constraints.Count];
        var limits = new (double Lower, double Upper)[constraints.Count];
        for (var c = 0; c < constraints.Count; c++)
        {
            limits[c] = SimultaneousFeasibility.ReleasedLimits(constraints, c, releaseShare);
        }

        var fraction = new double[requests.Count];
        var stoppedBy = new string[requests.Count];
        Array.Fill(stoppedBy, string.Empty);
        var tiers = new List<ArrTier>();
        var direction = new double[constraints.Count];
        var injections = new double[constraints.BusCount];
        var row = new double[constraints.BusCount];
        foreach (var tier in requests.Select((r, k) => (r, k)).GroupBy(x => x.r.Priority).OrderBy(g => g.Key))
        {
            var members = tier.Select(x => x.k).ToList();
            double? uniform = null;

            // Passes: a counterflow request that rose after others were stopped may have freed room for them; each
            // pass raises every request not yet full from where it stands, until a pass gains nothing.
            for (var pass = 0; pass <= members.Count; pass++)
            {
                var active = members.Where(k => fraction[k] < 1).ToList();
                var gained = false;
                while (active.Count > 0)
                {
                    Array.Clear(injections);
                    foreach (var k in active)
                    {
                        requests[k].Path.AddInjection(injections, requests[k].Mw);
                    }

                    constraints.Activities(injections, direction);

                    // The ratio test: how far the active fractions can rise together before some constraint binds.
                    var step = active.Min(k => 1 - fraction[k]);
                    for (var c = 0; c < direction.Length; c++)
                    {
                        step = Math.Min(step, Room(c, direction[c], current[c], loads, limits));
                    }

                    // A step worth less than a nanowatt on the tier is the rounding of a constraint already at its limit.
                    if (step * active.Sum(k => requests[k].Mw) < FlowToleranceMw)
                    {
                        step = 0;
                    }

                    uniform ??= step;
                    gained |= step > 0;
                    for (var c = 0; c < direction.Length; c++)
                    {
                        current[c] += step * direction[c];
                    }

                    foreach (var k in active)
                    {
                        fraction[k] = fraction[k] + step >= 1 - 1e-12 ? 1 : fraction[k] + step;
                    }

                    var full = active.RemoveAll(k => fraction[k] >= 1);

                    // Freeze the requests that load a binding constraint in its binding direction.
                    var frozen = new HashSet<int>();
                    for (var c = 0; c < direction.Length && active.Count > 0; c++)
                    {
                        var sign = Binding(c, direction[c], current[c], loads, limits);
                        if (sign == 0)
                        {
                            continue;
                        }

                        constraints.Coefficients(c, row);
                        foreach (var k in active)
                        {
                            if (sign * requests[k].Path.Flow(row) * requests[k].Mw > FlowToleranceMw && frozen.Add(k))
                            {
                                var name = constraints.Describe(c);
                                stoppedBy[k] = $"{name.Kind} {name.Name}" + (name.Contingency.Length > 0 ? $" under {name.Contingency}" : string.Empty);
                            }
                        }
                    }

                    if (frozen.Count == 0 && full == 0)
                    {
                        // Rounding left no request on the binding constraint: nothing can rise further safely.
                        break;
                    }

                    active.RemoveAll(frozen.Contains);
                }

                if (!gained)
                {
                    break;
                }
            }

            tiers.Add(new ArrTier(
                tier.Key,
                members.Count,
                members.Sum(k => requests[k].Mw),
                members.Sum(k => fraction[k] * requests[k].Mw),
                uniform ?? 1));
        }

        var awards = requests.Select((r, k) => new ArrAward(r, fraction[k] * r.Mw, fraction[k], fraction[k] < 1 ? stoppedBy[k] : string.Empty)).ToList();
        return new ArrAllocationResult(awards, tiers);
    }

    /// <summary>How much t can rise on constraint c: the room left in the direction the tier pushes, over the push.</summary>
    private static double Room(int c, double push, double arrLoad, FtrLoads fixedLoads, (double Lower, double Upper)[] limits)
    {
        var (lo, up) = limits[c];
        if (push > FlowToleranceMw)
        {
            return (up - fixedLoads.Upper[c] - arrLoad) / push;
        }

        if (push < -FlowToleranceMw)
        {
            return (lo - fixedLoads.Lower[c] - arrLoad) / push;
        }

        return double.PositiveInfinity;
    }

    /// <summary>+1 when c binds at its upper limit with the tier pushing up, −1 at its lower limit pushing down, else 0.</summary>
    private static int Binding(int c, double push, double arrLoad, FtrLoads fixedLoads, (double Lower, double Upper)[] limits)
    {
        var (lo, up) = limits[c];
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(push));
        if (push > FlowToleranceMw && fixedLoads.Upper[c] + arrLoad >= up - tolerance)
        {
            return +1;
        }

        if (push < -FlowToleranceMw && fixedLoads.Lower[c] + arrLoad <= lo + tolerance)
        {
            return -1;
        }

        return 0;
    }
}
