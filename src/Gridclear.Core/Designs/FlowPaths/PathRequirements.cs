using System.Globalization;
using Gridclear.Market;

namespace Gridclear.Designs.FlowPaths;

/// <summary>
/// The rights each balanced schedule needs on each flow path (001 A, P2-P6), and whether the participant's holdings
/// cover them.
/// <para>
/// Netting rule for holdings: a participant's rights on a path are netted into one signed MW (Σ of its rows), which
/// covers needs in that direction only (a right from A to B is no use to a schedule loading B to A). Needs are not
/// netted across schedules: each schedule's need is assessed on its own, and the net holding is handed out to the
/// participant's <c>between</c> and <c>above</c> rows in schedule order, each row taking at most |required| (FORMATS).
/// Forgiven and intra-zonal rows take none.
/// </para>
/// </summary>
public static class PathRequirements
{
    /// <summary>How close to a threshold counts as on it, MW: the FDF sums carry round-off (a need of exactly the
    /// threshold computes as threshold + 1e-14), and the class must not depend on it.</summary>
    public const double ThresholdToleranceMw = 1e-9;

    /// <summary>
    /// Assesses every balanced schedule of <paramref name="schedules"/> (input order) on every path of
    /// <paramref name="factors"/>. <paramref name="zoneOfBus"/> maps every bus number to its zone.
    /// </summary>
    public static PathRequirementResult Compute(
        FlowDistributionFactors factors,
        IReadOnlyDictionary<int, string> zoneOfBus,
        IReadOnlyList<Schedule> schedules,
        PathThresholds thresholds,
        IReadOnlyList<PathRight> rights)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(zoneOfBus);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(rights);

        var paths = factors.Paths;
        var network = factors.Network;

        // What is left of each participant's net holding, by direction: [0] forward, [1] reverse.
        var pool = new Dictionary<(string Holder, int Path), double[]>();
        foreach (var r in rights)
        {
            var p = factors.IndexOf(r.Path);
            if (p < 0)
            {
                throw new ArgumentException($"{r.Holder} holds rights on {r.Path}, which is not a flow path");
            }

            if (!pool.TryGetValue((r.Holder, p), out var net))
            {
                pool[(r.Holder, p)] = net = new double[2];
            }

            net[0] += r.Mw;
        }

        foreach (var net in pool.Values)
        {
            (net[0], net[1]) = (Math.Max(net[0], 0), Math.Max(-net[0], 0));
        }

        var rows = new List<PathRequirement>(schedules.Count * paths.Count);
        var rejected = new List<RejectedSchedule>();
        var skipped = new List<string>();
        var busIndex = new int[8];
        foreach (var s in schedules)
        {
            if (!s.Balanced)
            {
                skipped.Add(s.Id);
                continue;
            }

            var legs = s.Legs;
            if (busIndex.Length < legs.Count)
            {
                busIndex = new int[legs.Count];
            }

            var injection = 0.0;
            var zone = zoneOfBus[legs[0].Bus];
            var intraZonal = true;
            for (var i = 0; i < legs.Count; i++)
            {
                busIndex[i] = network.BusIndex(legs[i].Bus);
                injection += Math.Max(legs[i].Mw, 0);
                intraZonal &= zoneOfBus[legs[i].Bus] == zone;
            }

            List<string>? shortfalls = null;
            for (var p = 0; p < paths.Count; p++)
            {
                var fdf = factors.Row(p);
                var required = 0.0;
                for (var i = 0; i < legs.Count; i++)
                {
                    required += fdf[busIndex[i]] * legs[i].Mw;
                }

                var rating = paths[p].Rating;
                var forgiveness = thresholds.ForgivenessMw(injection, rating);
                var scheduling = thresholds.SchedulingMw(injection, rating);
                var need = Math.Abs(required);
                var cls = intraZonal ? ScheduleClass.IntraZonal
                    : need <= forgiveness + ThresholdToleranceMw ? ScheduleClass.Forgiven
                    : need <= scheduling + ThresholdToleranceMw ? ScheduleClass.Between
                    : ScheduleClass.Above;
                double held = 0, uncovered = 0;
                if (cls is ScheduleClass.Between or ScheduleClass.Above)
                {
                    if (pool.TryGetValue((s.Participant, p), out var net))
                    {
                        var direction = required >= 0 ? 0 : 1;
                        held = Math.Min(net[direction], need);
                        net[direction] -= held;
                    }

                    // Round-off of the FDF sums must not leave a right 1e-15 MW short.
                    uncovered = need - held <= ThresholdToleranceMw ? 0 : need - held;
                    if (cls == ScheduleClass.Above && uncovered > ThresholdToleranceMw)
                    {
                        (shortfalls ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"{paths[p].Id}: needs {need:0.###} MW above the scheduling threshold of {scheduling:0.###} MW, holds {held:0.###} MW ({uncovered:0.###} MW uncovered)"));
                    }
                }

                rows.Add(new PathRequirement(s.Id, s.Participant, paths[p].Id, required, injection, forgiveness, scheduling, cls, held, uncovered));
            }

            if (shortfalls is not null)
            {
                rejected.Add(new RejectedSchedule(s.Id, s.Participant, "rights above the scheduling threshold not submitted (P5): " + string.Join("; ", shortfalls)));
            }
        }

        return new PathRequirementResult(rows, rejected, skipped);
    }

    /// <summary>Each bus's zone, from zones that partition the network.</summary>
    public static Dictionary<int, string> ZoneOfBus(IReadOnlyList<Zone> zones)
    {
        var map = new Dictionary<int, string>();
        foreach (var z in zones)
        {
            foreach (var b in z.Buses)
            {
                map[b] = z.Id;
            }
        }

        return map;
    }
}
