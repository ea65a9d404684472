using System.Diagnostics;
using Gridclear.Flows;
using Gridclear.IO.Csv;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.IO.RealTime;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Settlement;

namespace Gridclear.Cli.Runs;

/// <summary>One real-time interval: what the engine cleared, with held resources put back in, and its settlement.</summary>
/// <param name="DayAheadInterval">The day-ahead interval it falls in.</param>
/// <param name="Result">The clearing, its awards covering every resource (held ones at their day-ahead MW) and its
/// schedules only those submitted in real time.</param>
public sealed record RealTimeOutcome(int Interval, int DayAheadInterval, RealTimeInterval Composed, DayAheadResult Result, RealTimeSettlementResult Settlement, IReadOnlyList<HubPrice> Hubs);

/// <summary>The activity rule's comparison for one hour (R4): the as-bid cost of each iteration's dispatch, $/h.</summary>
/// <param name="DayAheadCost">The day-ahead objective of the hour: Σ each resource's and schedule's as-bid cost.</param>
/// <param name="HourAheadCost">The hour-ahead objective (what moved, at its hour-ahead bids) plus the day-ahead cost
/// of everything the hour ahead held at its day-ahead position.</param>
/// <param name="KeptHourAhead">Which iteration stands: the hour ahead unless the rule is on and the day ahead costs less.</param>
public sealed record ActivityChoice(int Interval, double DayAheadCost, double HourAheadCost, bool KeptHourAhead);

/// <summary>The hour-ahead iteration (R4): its intervals (one per day-ahead interval it names), settled against the day
/// ahead, and per hour which iteration the activity rule kept. Lines of hours where the day ahead was kept are dropped.</summary>
public sealed record HourAheadIteration(IReadOnlyList<RealTimeOutcome> Intervals, IReadOnlyList<ActivityChoice> Choices, bool ActivityRule)
{
    /// <summary>The settlement lines that stand: those of the hours where the hour-ahead iteration was kept.</summary>
    public IEnumerable<(int Interval, SettlementLine Line)> Lines =>
        Intervals.Zip(Choices).Where(p => p.Second.KeptHourAhead).SelectMany(p => p.First.Settlement.Lines.Select(l => (p.First.Interval, l)));
}

/// <summary>
/// The real-time market end to end (FORMATS.md "Real time and the two-settlement system"): read the day-ahead output
/// (the binding position), the real-time folder (layered over the day-ahead market's own resources, zones, hubs and
/// security files where it has none of its own), clear every real-time interval on the one network model with the
/// day-ahead engine, and settle deviations. With an hour-ahead folder (R4), an hour-ahead iteration is cleared and
/// settled first, the same way against the day ahead; the position real time settles against is then, hour by hour,
/// the hour-ahead one (or the day-ahead one where the activity rule kept it).
/// </summary>
public sealed class RealTimeRun
{
    /// <summary>The files a real-time folder may leave to the day-ahead market: who the resources are and the network's
    /// commercial model. Bids, offers, demand and schedules are real-time data and come from the real-time folder only.</summary>
    public static readonly IReadOnlySet<string> SharedFiles = new HashSet<string>(StringComparer.Ordinal)
    {
        MarketFolderReader.ResourcesFile, MarketFolderReader.ZonesFile, MarketFolderReader.HubsFile,
        MarketFolderReader.InterfacesFile, MarketFolderReader.NomogramsFile, MarketFolderReader.ContingenciesFile,
        MarketFolderReader.CapsFile,
    };

    private RealTimeRun(CompiledNetwork compiled, DayAheadOutput dayAhead, HourAheadIteration? hourAhead, IReadOnlyList<RealTimeOutcome> intervals, double minutes, bool emergency, double seconds, StageSeconds stages)
    {
        Stages = stages;
        Compiled = compiled;
        DayAhead = dayAhead;
        HourAhead = hourAhead;
        Intervals = intervals;
        IntervalMinutes = minutes;
        Emergency = emergency;
        Seconds = seconds;
    }

    public CompiledNetwork Compiled { get; }

    public DayAheadOutput DayAhead { get; }

    /// <summary>The hour-ahead iteration, when <c>--hour-ahead</c> gave one.</summary>
    public HourAheadIteration? HourAhead { get; }

    public IReadOnlyList<RealTimeOutcome> Intervals { get; }

    public double IntervalMinutes { get; }

    public double Hours => IntervalMinutes / 60.0;

    public bool Emergency { get; }

    public double Seconds { get; }

    /// <summary>Where the time went: reading (day-ahead output, case, folders, composing), clearing, settling.</summary>
    public StageSeconds Stages { get; }

    /// <summary>Seconds spent per stage, summed over the iterations (hour ahead and real time).</summary>
    public sealed record StageSeconds(double Read, double Clear, double Settle)
    {
        public static StageSeconds operator +(StageSeconds a, StageSeconds b) => new(a.Read + b.Read, a.Clear + b.Clear, a.Settle + b.Settle);
    }

    /// <param name="intervalMinutes">Real-time interval length; null: the day-ahead run's.</param>
    public static RealTimeRun Execute(string casePath, string realTimeDirectory, string dayAheadDirectory, ClearingOptions options, double? intervalMinutes, bool emergency, IProgress<int>? progress = null, Action<int>? started = null) =>
        Execute(casePath, realTimeDirectory, dayAheadDirectory, options, intervalMinutes, emergency, null, false, progress, started);

    /// <param name="intervalMinutes">Real-time interval length; null: the day-ahead run's.</param>
    /// <param name="hourAheadDirectory">The hour-ahead iteration's market folder (R4), or null.</param>
    /// <param name="activityRule">Keep, hour by hour, the iteration (day-ahead or hour-ahead) with the lower as-bid cost.</param>
    public static RealTimeRun Execute(string casePath, string realTimeDirectory, string dayAheadDirectory, ClearingOptions options, double? intervalMinutes, bool emergency, string? hourAheadDirectory, bool activityRule, IProgress<int>? progress = null, Action<int>? started = null)
    {
        var watch = Stopwatch.StartNew();
        var dayAhead = DayAheadOutputReader.Read(dayAheadDirectory);
        var minutes = intervalMinutes ?? dayAhead.Position.IntervalMinutes;
        if (!double.IsFinite(minutes) || minutes <= 0)
        {
            throw new InvalidInputException("--interval-minutes", null, $"{minutes} is not a positive number of minutes");
        }

        if (activityRule && hourAheadDirectory is null)
        {
            throw new InvalidInputException("--activity-rule", null, "the activity rule chooses between the day-ahead and the hour-ahead iteration: give --hour-ahead DIR");
        }

        if (activityRule && !dayAhead.HasCosts)
        {
            throw new InvalidInputException(dayAheadDirectory, null, "the activity rule needs the as-bid costs of the day ahead (the 'cost' columns of dispatch.csv and schedules.csv), which this output does not have");
        }

        var powerCase = MatpowerReader.ReadFile(casePath);
        var compiled = NetworkCompiler.Compile(powerCase);
        var daMarket = dayAhead.MarketSnapshot is null ? null : MarketFolderReader.ReadIntervals(dayAhead.MarketSnapshot, compiled.Network, powerCase);
        using var shiftFactors = new ShiftFactors(compiled.Network, new KluSolver());
        var iteration = new Iteration(dayAhead, daMarket, powerCase, compiled, shiftFactors, options, emergency);
        var stages = new StageSeconds(watch.Elapsed.TotalSeconds, 0, 0);

        HourAheadIteration? hourAhead = null;
        var position = dayAhead.Position;
        if (hourAheadDirectory is not null)
        {
            // The hour ahead: intervals of the day-ahead length, each settled against the day ahead (R4).
            var (outcomes, read, seconds) = iteration.Clear(hourAheadDirectory, position, position.IntervalMinutes, RealTimeSettlement.HourAheadMarket, null, null);
            stages += seconds;
            var choices = outcomes.Select(o => Choose(o, read.Market[o.Interval], dayAhead, activityRule)).ToList();
            hourAhead = new HourAheadIteration(outcomes, choices, activityRule);
            position = Kept(position, hourAhead);
        }

        var (intervals, _, realTimeSeconds) = iteration.Clear(realTimeDirectory, position, minutes, RealTimeSettlement.RealTimeMarket, progress, started);
        return new RealTimeRun(compiled, dayAhead, hourAhead, intervals, minutes, emergency, watch.Elapsed.TotalSeconds, stages + realTimeSeconds);
    }

    /// <summary>
    /// The activity rule's comparison for one hour: the day-ahead objective (Σ of dispatch.csv and schedules.csv
    /// costs) against the hour-ahead objective plus the day-ahead cost of everything the hour ahead held (generators
    /// without hour-ahead offers, loads without hour-ahead bids or demand, schedules not resubmitted): both are the as-bid
    /// cost of the whole hour, each resource and schedule at the bids it stands on in that iteration.
    /// </summary>
    private static ActivityChoice Choose(RealTimeOutcome outcome, MarketInput hourAheadData, DayAheadOutput dayAhead, bool activityRule)
    {
        var d = outcome.DayAheadInterval;
        if (dayAhead.ResourceCosts.Count == 0)
        {
            return new ActivityChoice(d, double.NaN, double.NaN, true);
        }

        var resourceCost = dayAhead.ResourceCosts[d - 1];
        var scheduleCost = dayAhead.ScheduleCosts[d - 1];
        var daCost = resourceCost.Values.Sum() + scheduleCost.Values.Sum();
        var moved = hourAheadData.Offers.Keys.Concat(hourAheadData.Bids.Keys).Concat(hourAheadData.Demand.Keys).Concat(outcome.Composed.Emergency).ToHashSet(StringComparer.Ordinal);
        var resubmitted = hourAheadData.Schedules.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var held = resourceCost.Where(c => !moved.Contains(c.Key)).Sum(c => c.Value) + scheduleCost.Where(c => !resubmitted.Contains(c.Key)).Sum(c => c.Value);
        var haCost = outcome.Result.Objective + held;

        // Ties keep the hour ahead: the rule exists to stop a second iteration that costs more.
        return new ActivityChoice(d, daCost, haCost, !activityRule || haCost <= daCost);
    }

    /// <summary>The position real time settles against: per hour, the hour-ahead MW and schedules where that iteration
    /// stands, else the day-ahead ones (also for hours the hour-ahead folder does not reach).</summary>
    private static DayAheadPosition Kept(DayAheadPosition dayAhead, HourAheadIteration hourAhead)
    {
        var mw = dayAhead.ResourceMw.ToList();
        var schedules = dayAhead.Schedules.ToList();
        foreach (var (outcome, choice) in hourAhead.Intervals.Zip(hourAhead.Choices).Where(p => p.Second.KeptHourAhead))
        {
            var d = outcome.DayAheadInterval;
            mw[d - 1] = outcome.Result.Awards.ToDictionary(a => a.Resource, a => Math.Max(0, a.Mw), StringComparer.Ordinal);
            var replaced = outcome.Result.Schedules.ToDictionary(s => s.Schedule, StringComparer.Ordinal);
            var merged = dayAhead.Schedules[d - 1].Select(s => replaced.Remove(s.Id, out var r) ? new Schedule(s.Id, s.Participant, false, r.Legs) : s).ToList();
            merged.AddRange(replaced.Values.Select(r => new Schedule(r.Schedule, r.Participant, false, r.Legs)));
            schedules[d - 1] = merged;
        }

        return new DayAheadPosition(dayAhead.IntervalMinutes, mw, schedules);
    }

    /// <summary>What every iteration after the day ahead shares: the day-ahead output, the network model and its shift
    /// factors (N1), the options.</summary>
    private sealed record Iteration(DayAheadOutput DayAhead, MarketIntervals? DayAheadMarket, PowerCase PowerCase, CompiledNetwork Compiled, ShiftFactors ShiftFactors, ClearingOptions Options, bool Emergency)
    {
        /// <summary>Clears and settles every interval of <paramref name="directory"/> against <paramref name="position"/>.</summary>
        public (IReadOnlyList<RealTimeOutcome> Outcomes, MarketFolderRead Read, StageSeconds Seconds) Clear(string directory, DayAheadPosition position, double minutes, string market, IProgress<int>? progress, Action<int>? started)
        {
            var watch = Stopwatch.StartNew();
            var network = Compiled.Network;
            var daMarket = DayAheadMarket;
            List<MarketLayer> layers = [new MarketLayer(directory)];
            if (DayAhead.MarketSnapshot is not null)
            {
                layers.Add(new MarketLayer(DayAhead.MarketSnapshot, SharedFiles, k => Math.Min(position.IntervalOf(k, minutes), daMarket!.Count)));
            }

            // Caps (caps.csv): real time's for real time; the hour ahead is a second iteration of the forward market.
            var caps = market == RealTimeSettlement.RealTimeMarket ? PriceCaps.RealTime : PriceCaps.DayAhead;
            var read = MarketFolderReader.ReadIntervals(layers, network, PowerCase, complete: false, known: position.Knows, market: caps);
            var count = read.Market.Count;
            var lastDayAhead = position.IntervalOf(count, minutes);
            if (lastDayAhead > position.IntervalCount)
            {
                var problem = $"{(market == RealTimeSettlement.HourAheadMarket ? "hour-ahead" : "real-time")} interval {count} of {minutes:0.##} min falls in day-ahead interval {lastDayAhead}, beyond the day-ahead run's {position.IntervalCount} interval(s) of {position.IntervalMinutes:0.##} min";
                throw read.LastNamed is { } at
                    ? new InvalidInputException(at.File, at.Line, $"column 'interval': {problem}")
                    : new InvalidInputException("--interval-minutes", null, problem);
            }

            if (read.Listed.All(l => l.Count == 0))
            {
                throw new InvalidInputException(directory, null, $"no resources: the folder has no {MarketFolderReader.ResourcesFile} and the day-ahead output no market snapshot ({DayAheadOutputReader.MarketSnapshotFolder}/) to take it from");
            }

            var composed = new List<RealTimeInterval>(count);
            for (var k = 1; k <= count; k++)
            {
                var d = position.IntervalOf(k, minutes);
                composed.Add(Checked(() => RealTimeMarket.Compose(read.Market[k], read.Listed[k - 1], position, d, daMarket?[Math.Min(d, daMarket.Count)], Emergency)));
            }

            var inputs = new MarketIntervals(composed.Select(c => c.Input).ToList(), read.Market.SecurityVaries);
            var securityOf = SecurityModels.For(network, ShiftFactors, inputs);
            var readSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            started?.Invoke(count);
            // Interval k settles on the other core while interval k + 1 clears; outcomes are taken in order, so the
            // first failing interval is the one reported. The settle stage is what remains after the last clear.
            var settling = new Task<RealTimeOutcome>[count];
            IntervalClearing.Clear(securityOf, inputs, new ClpSolver(), Options, progress, (k, result) =>
                settling[k - 1] = Task.Run(() => Settle(k, position.IntervalOf(k, minutes), network, read, composed[k - 1], result, position, minutes / 60.0, Compiled, market)));
            var clearSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var outcomes = new List<RealTimeOutcome>(count);
            for (var k = 1; k <= count; k++)
            {
                outcomes.Add(settling[k - 1].GetAwaiter().GetResult());
            }

            return (outcomes, read, new StageSeconds(readSeconds, clearSeconds, watch.Elapsed.TotalSeconds));
        }
    }

    private static RealTimeOutcome Settle(int k, int d, Network.Network network, MarketFolderRead read, RealTimeInterval composed, DayAheadResult result, DayAheadPosition position, double hours, CompiledNetwork compiled, string market)
    {
        var listed = read.Listed[k - 1];
        var cleared = result.Awards.ToDictionary(a => a.Resource, StringComparer.Ordinal);
        var awards = new List<ResourceAward>(listed.Count);
        var rtMw = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in listed)
        {
            var award = cleared.TryGetValue(r.Id, out var a)
                ? a
                : new ResourceAward(r.Id, r.Bus, r.Kind, composed.HeldMw.GetValueOrDefault(r.Id), composed.HeldMw.GetValueOrDefault(r.Id), 0);
            awards.Add(award);
            rtMw[r.Id] = Math.Max(0, award.Mw);
        }

        var realTimeIds = read.Market[k].Schedules.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var schedules = result.Schedules.Where(s => realTimeIds.Contains(s.Schedule)).ToList();
        var daSchedules = position.Schedules[d - 1].ToDictionary(s => s.Id, StringComparer.Ordinal);
        var rtSchedules = schedules.Select(s => new RealTimeSchedule(
            s.Schedule, s.Participant, s.Legs, daSchedules.TryGetValue(s.Schedule, out var da) ? da.Legs : [])).ToList();
        var notes = new List<string>(result.Notes) { };
        notes.AddRange(compiled.Notes);
        if (composed.Emergency.Count > 0)
        {
            notes.Add($"emergency: {composed.Emergency.Count} resource(s) without real-time bids moved at their day-ahead bids ({string.Join(", ", composed.Emergency.Take(10))}{(composed.Emergency.Count > 10 ? ", …" : string.Empty)})");
        }

        var lmp = result.Prices.ToDictionary(p => p.Bus, p => p.Lmp);
        var input = composed.Input;
        var settlement = RealTimeSettlement.Settle(new RealTimeSettlementInput(
            lmp,
            input.ZonesOf(network),
            listed,
            listed.ToDictionary(r => r.Id, r => position.MwOf(d, r.Id), StringComparer.Ordinal),
            rtMw,
            rtSchedules,
            hours)
        {
            LossPrices = result.Losses is null ? null : result.Prices.ToDictionary(p => p.Bus, p => p.Energy + p.Loss),
            Market = market,
        });
        var cleaned = result with { Awards = awards, Schedules = schedules, Notes = notes };
        var zones = input.ZonesOf(network);
        var zonal = ZonalPrices.Compute(lmp, zones, listed, rtMw);
        return new RealTimeOutcome(k, d, composed, cleaned, settlement, HubPrices.Compute(lmp, input.Hubs, HubPrices.ZonalLoadPriceByBus(zones, zonal)));
    }

    private static T Checked<T>(Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException("real-time market", null, e.Message, e);
        }
    }
}
