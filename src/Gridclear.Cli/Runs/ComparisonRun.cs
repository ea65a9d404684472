using System.Diagnostics;
using Gridclear.Designs.Comparison;
using Gridclear.Designs.FlowPaths;
using Gridclear.Designs.Px;
using Gridclear.Flows;
using Gridclear.IO.Comparison;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Settlement;

namespace Gridclear.Cli.Runs;

/// <summary>What a comparison runs: which designs, how zonal is elected, which shard of the intervals.</summary>
/// <param name="AllZonal">The zonal design settles every resource zonally, not as elected.</param>
/// <param name="Shard">(i, n): this run measures the intervals k with (k − 1) mod n = i − 1; null: all of them.</param>
public sealed record ComparisonOptions(
    IReadOnlyList<MarketDesign> Designs,
    bool AllZonal,
    (int Index, int Count)? Shard,
    double IntervalMinutes,
    DateOnly? Date,
    ClearingOptions Clearing);

/// <summary>
/// The same market data under several designs (requirement C, FORMATS "Design comparison"). Each interval is cleared
/// once on the full network (cold: each interval's result depends on that interval only, so shards reproduce an
/// unsharded run); the designs that share that dispatch (nodal, zonal) settle it under their own rules.
/// </summary>
public sealed class ComparisonRun
{
    private ComparisonRun(PowerCase powerCase, CompiledNetwork compiled, ComparisonTally tally, IReadOnlyList<IntervalNote> notes, double seconds)
    {
        Case = powerCase;
        Compiled = compiled;
        Tally = tally;
        Notes = notes;
        Seconds = seconds;
    }

    public PowerCase Case { get; }

    public CompiledNetwork Compiled { get; }

    /// <summary>What was measured (every interval of the shard).</summary>
    public ComparisonTally Tally { get; }

    /// <summary>Relaxed constraints and other things a reader should know, with their interval.</summary>
    public IReadOnlyList<IntervalNote> Notes { get; }

    public double Seconds { get; }

    /// <summary>The intervals of shard (i, n) of a market of <paramref name="count"/> intervals.</summary>
    public static IReadOnlyList<int> ShardIntervals(int count, (int Index, int Count)? shard) =>
        shard is { } s ? [.. Enumerable.Range(1, count).Where(k => (k - 1) % s.Count == s.Index - 1)] : [.. Enumerable.Range(1, count)];

    public static ComparisonRun Execute(string casePath, string marketDirectory, ComparisonOptions options, IProgress<int>? progress = null, Action<int>? started = null)
    {
        var watch = Stopwatch.StartNew();
        var powerCase = MatpowerReader.ReadFile(casePath);
        var compiled = NetworkCompiler.Compile(powerCase);
        var network = compiled.Network;
        var market = MarketFolderReader.ReadIntervals(marketDirectory, network, powerCase);
        if (options.Shard is { } shard && shard.Count > market.Count)
        {
            throw new InvalidInputException("--shard", null, $"{shard.Count} shards for {market.Count} interval(s): at most one shard per interval");
        }

        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var securityOf = SecurityModels.For(network, shiftFactors, market);
        var solver = new ClpSolver();
        var hours = options.IntervalMinutes / 60.0;
        var tally = new ComparisonTally(options.Designs, market.Count);
        var notes = new List<IntervalNote>();
        var intervals = ShardIntervals(market.Count, options.Shard);

        // The flow-path design clears every interval of the day on its commercial model (the zones' factors are
        // weighted by the whole day's load, so each shard must see the same model), then redispatches each.
        var flowPath = options.Designs.Contains(MarketDesign.Flowpath)
            ? FlowPathDesign.Clear(network, powerCase, shiftFactors, market, marketDirectory, options.Clearing, hours, null)
            : null;
        started?.Invoke(intervals.Count);
        var done = 0;
        foreach (var k in intervals)
        {
            var input = market[k];
            var physical = DayAheadMarket.Clear(securityOf(k), input, solver, options.Clearing);
            if (physical.Status == ClearingStatus.Relaxed)
            {
                notes.Add(new IntervalNote(k, $"interval {k}: the market cleared relaxed ({(physical.Notes.Count > 0 ? physical.Notes[0] : "see a plain clear")})"));
            }

            var outcomes = new List<DesignInterval>(options.Designs.Count);
            foreach (var design in options.Designs)
            {
                outcomes.Add(design switch
                {
                    MarketDesign.Nodal => Settled(design, k, physical, Elect(Election.Nodal), Election.Nodal),
                    MarketDesign.Zonal => Settled(design, k, physical, options.AllZonal ? Elect(Election.Zonal) : null, options.AllZonal ? Election.Zonal : null),
                    MarketDesign.Px => Settled(design, k, physical, nodal => PxSettlement.Apply(Elect(Election.Nodal)(nodal), securityOf(k), physical), Election.Zonal),
                    MarketDesign.Flowpath => FlowPath(k, flowPath![k - 1].Commercial, flowPath[k - 1].Redispatch),
                    _ => throw new InvalidInputException("--designs", null, $"design '{MarketDesigns.Name(design)}' is not available in this build"),
                });
            }

            tally.Add(k, outcomes);
            progress?.Report(++done);

            // Settled on the commercial model's zone prices with the redispatch's payments; the final physical dispatch
            // is the redispatch's, whose as-bid cost is the commercial model's plus what the redispatch cost.
            DesignInterval FlowPath(int interval, DayAheadResult commercial, RedispatchResult redispatch)
            {
                var outcome = DayAheadRun.Settle(interval, network, powerCase, compiled, input, commercial, marketDirectory, hours, options.Date, redispatch: redispatch);
                var settlement = outcome.Settlement!;
                var loadPrices = commercial.Prices.ToDictionary(p => p.Bus, p => p.Lmp);
                var asBid = commercial.Objective + ((double)redispatch.Cost / hours);
                return DesignMeasurement.Measure(MarketDesign.Flowpath, interval, redispatch.Full, asBid, settlement, outcome.Ftrs, loadPrices, hours, redispatchCost: redispatch.Cost);
            }

            DesignInterval Settled(MarketDesign design, int interval, DayAheadResult result, Func<SettlementInput, SettlementInput>? rules, Election? everyone)
            {
                var outcome = DayAheadRun.Settle(interval, network, powerCase, compiled, input, result, marketDirectory, hours, options.Date, rules);
                var settlement = outcome.Settlement!;
                var usage = -settlement.Lines.Where(l => l.Charge == PxSettlement.Charge).Sum(l => l.Amount);
                var loadPrices = LoadPrices(network, input, result, settlement, everyone);
                return DesignMeasurement.Measure(design, interval, result, result.Objective, settlement, outcome.Ftrs, loadPrices, hours, usageCharges: usage);
            }
        }

        return new ComparisonRun(powerCase, compiled, tally, notes, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Settles every resource under one election, whatever it elected.</summary>
    private static Func<SettlementInput, SettlementInput> Elect(Election election) =>
        input => input with { Resources = [.. input.Resources.Select(r => r with { Settlement = election })] };

    /// <summary>
    /// The price a load at each bus pays: the zonal load price of its zone where the loads there settle zonally (all
    /// of them when <paramref name="everyone"/> is zonal, none when it is nodal, else where a load resource there
    /// elected it), the bus LMP elsewhere.
    /// </summary>
    private static Dictionary<int, double> LoadPrices(Network.Network network, MarketInput input, DayAheadResult result, SettlementResult settlement, Election? everyone)
    {
        var zones = input.ZonesOf(network);
        var zonalByBus = HubPrices.ZonalLoadPriceByBus(zones, settlement.ZonalPrices);
        var everyoneZonal = everyone == Election.Zonal;
        var zonalLoadBuses = everyone is not null ? [] : (input.Resources ?? []).Where(r => r.Kind == ResourceKind.Load && r.Settlement == Election.Zonal)
            .Select(r => r.Bus).ToHashSet();
        return result.Prices.ToDictionary(
            p => p.Bus,
            p => (everyoneZonal || zonalLoadBuses.Contains(p.Bus)) && zonalByBus.TryGetValue(p.Bus, out var z) ? z : p.Lmp);
    }
}
