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

/// <summary>
/// The real-time market end to end (FORMATS.md "Real time and the two-settlement system"): read the day-ahead output
/// (the binding position), the real-time folder (layered over the day-ahead market's own resources, zones, hubs and
/// security files where it has none of its own), clear every real-time interval on the one network model with the
/// day-ahead engine, and settle deviations.
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

    private RealTimeRun(CompiledNetwork compiled, DayAheadOutput dayAhead, IReadOnlyList<RealTimeOutcome> intervals, double minutes, bool emergency, double seconds)
    {
        Compiled = compiled;
        DayAhead = dayAhead;
        Intervals = intervals;
        IntervalMinutes = minutes;
        Emergency = emergency;
        Seconds = seconds;
    }

    public CompiledNetwork Compiled { get; }

    public DayAheadOutput DayAhead { get; }

    public IReadOnlyList<RealTimeOutcome> Intervals { get; }

    public double IntervalMinutes { get; }

    public double Hours => IntervalMinutes / 60.0;

    public bool Emergency { get; }

    public double Seconds { get; }

    /// <param name="intervalMinutes">Real-time interval length; null: the day-ahead run's.</param>
    public static RealTimeRun Execute(string casePath, string realTimeDirectory, string dayAheadDirectory, ClearingOptions options, double? intervalMinutes, bool emergency, IProgress<int>? progress = null, Action<int>? started = null)
    {
        var watch = Stopwatch.StartNew();
        var dayAhead = DayAheadOutputReader.Read(dayAheadDirectory);
        var position = dayAhead.Position;
        var minutes = intervalMinutes ?? position.IntervalMinutes;
        if (!double.IsFinite(minutes) || minutes <= 0)
        {
            throw new InvalidInputException("--interval-minutes", null, $"{minutes} is not a positive number of minutes");
        }

        var powerCase = MatpowerReader.ReadFile(casePath);
        var compiled = NetworkCompiler.Compile(powerCase);
        var network = compiled.Network;
        var daMarket = dayAhead.MarketSnapshot is null ? null : MarketFolderReader.ReadIntervals(dayAhead.MarketSnapshot, network, powerCase);
        List<MarketLayer> layers = [new MarketLayer(realTimeDirectory)];
        if (dayAhead.MarketSnapshot is not null)
        {
            layers.Add(new MarketLayer(dayAhead.MarketSnapshot, SharedFiles, k => Math.Min(position.IntervalOf(k, minutes), daMarket!.Count)));
        }

        var read = MarketFolderReader.ReadIntervals(layers, network, powerCase, complete: false, known: position.Knows, market: PriceCaps.RealTime);
        var count = read.Market.Count;
        var lastDayAhead = position.IntervalOf(count, minutes);
        if (lastDayAhead > position.IntervalCount)
        {
            var problem = $"real-time interval {count} of {minutes:0.##} min falls in day-ahead interval {lastDayAhead}, beyond the day-ahead run's {position.IntervalCount} interval(s) of {position.IntervalMinutes:0.##} min";
            throw read.LastNamed is { } at
                ? new InvalidInputException(at.File, at.Line, $"column 'interval': {problem}")
                : new InvalidInputException("--interval-minutes", null, problem);
        }

        if (read.Listed.All(l => l.Count == 0))
        {
            throw new InvalidInputException(realTimeDirectory, null, $"no resources: the real-time folder has no {MarketFolderReader.ResourcesFile} and the day-ahead output no market snapshot ({DayAheadOutputReader.MarketSnapshotFolder}/) to take it from");
        }

        var composed = new List<RealTimeInterval>(count);
        for (var k = 1; k <= count; k++)
        {
            var d = position.IntervalOf(k, minutes);
            composed.Add(Checked(() => RealTimeMarket.Compose(read.Market[k], read.Listed[k - 1], position, d, daMarket?[Math.Min(d, daMarket.Count)], emergency)));
        }

        var market = new MarketIntervals(composed.Select(c => c.Input).ToList(), read.Market.SecurityVaries);
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var securityOf = SecurityModels.For(network, shiftFactors, market);
        started?.Invoke(count);
        var results = IntervalClearing.Clear(securityOf, market, new ClpSolver(), options, progress);
        var outcomes = new List<RealTimeOutcome>(count);
        for (var k = 1; k <= count; k++)
        {
            outcomes.Add(Settle(k, position.IntervalOf(k, minutes), network, read, composed[k - 1], results[k - 1], position, minutes / 60.0, compiled));
        }

        return new RealTimeRun(compiled, dayAhead, outcomes, minutes, emergency, watch.Elapsed.TotalSeconds);
    }

    private static RealTimeOutcome Settle(int k, int d, Network.Network network, MarketFolderRead read, RealTimeInterval composed, DayAheadResult result, DayAheadPosition position, double hours, CompiledNetwork compiled)
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
