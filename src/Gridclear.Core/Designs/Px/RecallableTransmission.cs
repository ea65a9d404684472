using Gridclear.Flows;
using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.Designs.Px;

/// <summary>What <see cref="RecallableTransmission.Recall"/> cut from one schedule.</summary>
/// <param name="CutMw">MW of the schedule cut (its injections; every leg scaled down by the same share).</param>
/// <param name="ReliefMw">Flow freed on the path in the recalled direction.</param>
/// <param name="Basis"><c>bids</c> (cut in merit order of its adjustment bids) or <c>pro_rata</c>.</param>
/// <param name="BidCost">As-bid cost of the cut, $ over the interval: Σ inc prices on the withdrawal side − Σ dec
/// prices on the injection side, by the steps used (0 pro rata, where there is no bid).</param>
/// <param name="DayAheadUsage">The cut part of its day-ahead usage at day-ahead LMPs, Σ cut leg MW × LMP × hours: what
/// those MW were paid (&gt; 0) or paid (&lt; 0) day-ahead for the transmission they no longer use.</param>
public sealed record ScheduleCut(string Path, int Direction, string Schedule, string Participant, double CutMw, double ReliefMw, string Basis, decimal BidCost, decimal DayAheadUsage);

/// <summary>The recall on one path and direction.</summary>
/// <param name="RecalledMw">Σ recalled MW of the contracts on it.</param>
/// <param name="ExcessMw">Day-ahead flow − (limit − recalled): what had to be freed (0 when the flow fits).</param>
/// <param name="UnfreedMw">What cutting every schedule on it could not free: the flow of resources, which the operator
/// must redispatch.</param>
public sealed record PathRecall(string Path, int Direction, double LimitMw, double RecalledMw, double FlowMw, double ExcessMw, double FreedMw, double UnfreedMw);

/// <summary>
/// Recallable transmission (X4; seed 002: "the SC that owns the FTR recalls the RT that SC1 used … SC1 must now adjust
/// its schedule to remove its flow on the recalled transmission"). Pure: flows and schedules in, marks and cuts out.
/// <para>
/// <b>Marking</b> (day ahead): the market clears on the full limit of each path (firm capacity plus the reservations
/// released as recallable); per path and direction with reservations R, flow above limit − R is on recallable capacity.
/// It is attributed to the schedules flowing on the path in that direction (contribution c = Σ factor × leg MW &gt; 0)
/// pro rata to c, each at most its c: schedules are what participants schedule on transmission (002's SCs); what the
/// schedules cannot account for is the market resources' flow.
/// </para>
/// <para>
/// <b>Recall</b>: when holders recall X MW (in their contracts' direction), the market may use limit − X and the excess
/// E = flow − (limit − X) must be freed. The schedules with c &gt; 0 are cut, every leg by the same share: first in merit
/// order of their adjustment bids (a cut of m MW decrements the injection legs, priced by the dec steps at those buses,
/// highest price first, and increments the withdrawal legs, priced by the inc steps, lowest first; cost per MW of flow
/// freed = that price × Q / c; the cheapest first, each schedule along its own rising curve, so the greedy cut is the
/// cheapest), as far as their bids reach; then, when E is not yet freed, every schedule still flowing on the path pro
/// rata to its remaining contribution, by the same fraction. Steps the day-ahead run already used are taken as used
/// (a leg that ended below its submitted MW used the dec steps from the top; above, the inc steps from the bottom).
/// </para>
/// </summary>
public static class RecallableTransmission
{
    /// <summary>MW below which a flow or a contribution is round-off.</summary>
    public const double NoiseMw = 1e-9;

    /// <summary>The factor row of a path: Σ weight × shift-factor row of its branches.</summary>
    public static double[] Factors(ShiftFactors shiftFactors, ReservedPath path)
    {
        var weights = new double[shiftFactors.BranchCount];
        foreach (var (l, w) in path.Terms)
        {
            weights[l] += w;
        }

        var row = new double[shiftFactors.BusCount];
        shiftFactors.WeightedRow(weights, row);
        return row;
    }

    public static double Flow(ReservedPath path, IReadOnlyList<double> branchFlows) => path.Terms.Sum(t => t.Weight * branchFlows[t.Branch]);

    /// <summary>A schedule's flow on a path, signed in the path's direction.</summary>
    public static double Contribution(Network.Network network, double[] factors, IEnumerable<ScheduleLeg> legs) =>
        legs.Sum(l => factors[network.BusIndex(l.Bus)] * l.Mw);

    /// <summary>The day-ahead marks: recallable.csv and recallable_schedules.csv rows.</summary>
    public static (List<RecallableUse> Uses, List<RecallableUser> Users) Mark(
        ShiftFactors shiftFactors, IReadOnlyList<ReservedPath> paths, IReadOnlyList<EtcContract> contracts, IReadOnlyList<double> branchFlows, IReadOnlyList<Schedule> schedules)
    {
        var network = shiftFactors.Network;
        var uses = new List<RecallableUse>();
        var users = new List<RecallableUser>();
        foreach (var path in paths)
        {
            var factors = Factors(shiftFactors, path);
            var flow = Flow(path, branchFlows);
            foreach (var direction in new[] { 1, -1 })
            {
                var reserved = contracts.Where(c => c.Path == path.Id && c.Direction == direction).Sum(c => Math.Abs(c.Mw));
                if (reserved == 0)
                {
                    continue;
                }

                var firm = path.LimitMw - reserved;
                var flowDirection = Math.Max(0, direction * flow);
                var recallable = Math.Max(0, flowDirection - firm);
                uses.Add(new RecallableUse(path.Id, direction, path.LimitMw, reserved, firm, flowDirection, recallable));
                var on = schedules.Select(s => (s, c: direction * Contribution(network, factors, s.Legs))).Where(x => x.c > NoiseMw).ToList();
                var total = on.Sum(x => x.c);
                var attributed = Math.Min(recallable, total);
                foreach (var (s, c) in on)
                {
                    users.Add(new RecallableUser(path.Id, direction, s.Id, s.Participant, c, total > 0 ? attributed * c / total : 0));
                }
            }
        }

        return (uses, users);
    }

    /// <summary>
    /// Cuts schedules until the recalled capacity of each path and direction is free (see the class remarks).
    /// <paramref name="recalled"/> maps (path, direction) to the MW recalled there; <paramref name="submitted"/> the
    /// schedules as submitted (their legs tell which adjustment steps the day ahead used), by id.
    /// </summary>
    public static (List<PathRecall> Paths, List<ScheduleCut> Cuts) Recall(
        ShiftFactors shiftFactors,
        IReadOnlyList<ReservedPath> paths,
        IReadOnlyDictionary<(string Path, int Direction), double> recalled,
        IReadOnlyList<double> branchFlows,
        IReadOnlyList<Schedule> finalSchedules,
        IReadOnlyDictionary<string, Schedule> submitted,
        IReadOnlyList<AdjustmentBid> adjustments,
        IReadOnlyDictionary<int, double> lmp,
        double hours)
    {
        var network = shiftFactors.Network;
        var results = new List<PathRecall>();
        var cuts = new List<ScheduleCut>();
        foreach (var path in paths)
        {
            var factors = Factors(shiftFactors, path);
            var flow = Flow(path, branchFlows);
            foreach (var direction in new[] { 1, -1 })
            {
                if (!recalled.TryGetValue((path.Id, direction), out var x))
                {
                    continue;
                }

                var flowDirection = direction * flow;
                var excess = Math.Max(0, flowDirection - (path.LimitMw - x));
                var remaining = excess;
                var users = finalSchedules
                    .Select(s => new User(s, direction * Contribution(network, factors, s.Legs), s.Legs.Where(l => l.Mw > 0).Sum(l => l.Mw)))
                    .Where(u => u.Contribution > NoiseMw && u.Injection > NoiseMw)
                    .ToList();
                foreach (var u in users)
                {
                    u.Segments = Segments(u.Schedule, submitted.GetValueOrDefault(u.Schedule.Id), adjustments);
                }

                // Merit order: the cheapest $ per MW freed first, each schedule along its own rising segments.
                while (remaining > NoiseMw)
                {
                    User? best = null;
                    var bestPrice = double.PositiveInfinity;
                    foreach (var u in users.Where(u => u.NextSegment < u.Segments.Count && u.CutMw < u.Injection - NoiseMw))
                    {
                        var price = u.Segments[u.NextSegment].Price * u.Injection / u.Contribution;
                        if (price < bestPrice)
                        {
                            (best, bestPrice) = (u, price);
                        }
                    }

                    if (best is null)
                    {
                        break;
                    }

                    var segment = best.Segments[best.NextSegment];
                    var room = Math.Min(segment.Mw - best.SegmentUsed, best.Injection - best.CutMw);
                    var need = remaining * best.Injection / best.Contribution;
                    var take = Math.Min(room, need);
                    best.CutMw += take;
                    best.BidCostPerHour += take * segment.Price;
                    best.BidMw += take;
                    best.SegmentUsed += take;
                    remaining -= take * best.Contribution / best.Injection;
                    if (best.SegmentUsed >= segment.Mw - NoiseMw)
                    {
                        best.NextSegment++;
                        best.SegmentUsed = 0;
                    }
                }

                // Pro rata: every schedule still on the path, by the same fraction of what is left of it.
                var left = users.Sum(u => (u.Injection - u.CutMw) * u.Contribution / u.Injection);
                if (remaining > NoiseMw && left > NoiseMw)
                {
                    var fraction = Math.Min(1, remaining / left);
                    foreach (var u in users)
                    {
                        var take = (u.Injection - u.CutMw) * fraction;
                        u.CutMw += take;
                        u.ProRataMw += take;
                    }

                    remaining -= fraction * left;
                }

                remaining = Math.Max(0, remaining);
                foreach (var u in users.Where(u => u.CutMw > NoiseMw))
                {
                    var share = u.CutMw / u.Injection;
                    var usage = u.Schedule.Legs.Sum(l => Money.Amount(l.Mw * share, lmp[l.Bus], hours, "recall"));
                    var basis = u.ProRataMw > NoiseMw ? (u.BidMw > NoiseMw ? "bids+pro_rata" : "pro_rata") : "bids";
                    cuts.Add(new ScheduleCut(path.Id, direction, u.Schedule.Id, u.Schedule.Participant, u.CutMw, u.CutMw * u.Contribution / u.Injection, basis,
                        Money.ToCents((decimal)u.BidCostPerHour * (decimal)hours), Money.ToCents(usage)));
                }

                results.Add(new PathRecall(path.Id, direction, path.LimitMw, x, flowDirection, excess, excess - remaining, remaining));
            }
        }

        return (results, cuts);
    }

    /// <summary>
    /// A schedule's cut as a rising curve: segments of MW of the schedule (its injections, every leg scaled alike) at
    /// a $/MW that adds, over its legs, the leg's share × (inc price on a withdrawal leg, −dec price on an injection
    /// leg) of the step in use there. Ends where any leg's steps run out: beyond, the cut has no bid.
    /// </summary>
    private static List<(double Mw, double Price)> Segments(Schedule final, Schedule? submitted, IReadOnlyList<AdjustmentBid> adjustments)
    {
        var injection = final.Legs.Where(l => l.Mw > 0).Sum(l => l.Mw);
        var legs = final.Legs.GroupBy(l => l.Bus).Select(g => (Bus: g.Key, Mw: g.Sum(l => l.Mw))).Where(l => Math.Abs(l.Mw) > NoiseMw).ToList();
        var ladders = new List<(double Share, Queue<(double Mw, double Price)> Steps)>();
        foreach (var (bus, mw) in legs)
        {
            var direction = mw > 0 ? AdjustmentDirection.Dec : AdjustmentDirection.Inc;
            var steps = adjustments.Where(a => a.Schedule == final.Id && a.Bus == bus && a.Direction == direction).SelectMany(a => a.Steps)
                .Select(s => (s.Mw, Price: direction == AdjustmentDirection.Dec ? -s.Price : s.Price))
                .OrderBy(s => s.Price)
                .ToList();

            // What the day ahead already used at this bus: an injection that ended lower used dec steps, a withdrawal
            // that ended smaller used inc steps, each from the most valuable end (the start of this cost order).
            var submittedMw = submitted?.Legs.Where(l => l.Bus == bus).Sum(l => l.Mw) ?? mw;
            var used = mw > 0 ? Math.Max(0, submittedMw - mw) : Math.Max(0, mw - submittedMw);
            var queue = new Queue<(double Mw, double Price)>();
            foreach (var (stepMw, price) in steps)
            {
                var skip = Math.Min(used, stepMw);
                used -= skip;
                if (stepMw - skip > NoiseMw)
                {
                    queue.Enqueue((stepMw - skip, price));
                }
            }

            ladders.Add((Math.Abs(mw) / injection, queue));
        }

        var segments = new List<(double, double)>();
        while (ladders.All(l => l.Steps.Count > 0))
        {
            // The next segment lasts until the first leg's step runs out (a leg moves share × the schedule's MW).
            var length = ladders.Min(l => l.Steps.Peek().Mw / l.Share);
            var price = ladders.Sum(l => l.Share * l.Steps.Peek().Price);
            segments.Add((length, price));
            for (var i = 0; i < ladders.Count; i++)
            {
                var (share, steps) = ladders[i];
                var (mw, p) = steps.Dequeue();
                var rest = mw - (length * share);
                if (rest > NoiseMw)
                {
                    // Put the rest back at the front.
                    var others = steps.ToList();
                    steps.Clear();
                    steps.Enqueue((rest, p));
                    foreach (var o in others)
                    {
                        steps.Enqueue(o);
                    }
                }
            }
        }

        return segments;
    }

    private sealed class User(Schedule schedule, double contribution, double injection)
    {
        public Schedule Schedule { get; } = schedule;

        public double Contribution { get; } = contribution;

        public double Injection { get; } = injection;

        public List<(double Mw, double Price)> Segments { get; set; } = [];

        public int NextSegment { get; set; }

        public double SegmentUsed { get; set; }

        public double CutMw { get; set; }

        public double BidMw { get; set; }

        public double ProRataMw { get; set; }

        public double BidCostPerHour { get; set; }
    }
}
