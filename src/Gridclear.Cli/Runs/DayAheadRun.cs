using System.Diagnostics;
using Gridclear.Designs.FlowPaths;
using Gridclear.Designs.Px;
using Gridclear.Flows;
using Gridclear.Ftr;
using Gridclear.IO.Market;
using Gridclear.IO.Px;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Settlement;

namespace Gridclear.Cli.Runs;

/// <summary>The outcome of one interval of a run: its input, its clearing, and (with a market folder) its settlement.</summary>
/// <param name="Interval">1-based.</param>
public sealed record IntervalOutcome(
    int Interval,
    MarketInput Input,
    DayAheadResult Result,
    SettlementResult? Settlement,
    IReadOnlyList<HubPrice> Hubs,
    FtrSettlementResult? Ftrs)
{
    /// <summary>Nomogram usage charges (002, X2) when the market folder has nomograms: one row per schedule or resource
    /// and binding nomogram (empty when none binds); null without nomograms.</summary>
    public IReadOnlyList<NomogramCharge>? NomogramCharges { get; init; }

    /// <summary>Recallable transmission (X4) when the market folder has etc.csv: the flow on recallable capacity per
    /// path and direction, and the schedules it is attributed to; null without etc.csv.</summary>
    public (IReadOnlyList<RecallableUse> Uses, IReadOnlyList<RecallableUser> Users)? Recallable { get; init; }

    /// <summary>Under <c>--design flowpath</c>: the operator's redispatch of the interval on the full network.</summary>
    public RedispatchResult? Redispatch { get; init; }
}

/// <summary>
/// One day-ahead run end to end, as the CLI, the benchmarks and the end-to-end tests do it: read the case and the
/// market folder (every interval, all validated before anything is cleared), build the network model and the
/// security model once, clear every interval (each warm from the one before), settle each.
/// </summary>
public sealed class DayAheadRun
{
    /// <summary>The interval length when none is given, minutes (an hourly day-ahead market).</summary>
    public const double DefaultIntervalMinutes = 60;

    private DayAheadRun(CompiledNetwork compiled, IReadOnlyList<IntervalOutcome> intervals, double intervalMinutes, double readSeconds, double modelSeconds, double clearSeconds)
    {
        Compiled = compiled;
        Intervals = intervals;
        IntervalMinutes = intervalMinutes;
        ReadSeconds = readSeconds;
        ModelSeconds = modelSeconds;
        ClearSeconds = clearSeconds;
    }

    public CompiledNetwork Compiled { get; }

    /// <summary>How the run cleared: nodal, or the flow-path design's commercial model and redispatch.</summary>
    public ClearingDesign Design { get; private init; }

    public Network.Network Network => Compiled.Network;

    /// <summary>Every interval, in order (one for a folder that names no interval).</summary>
    public IReadOnlyList<IntervalOutcome> Intervals { get; }

    /// <summary>Length of each interval, minutes.</summary>
    public double IntervalMinutes { get; }

    /// <summary>Length of each interval, hours: MWh = MW × hours.</summary>
    public double Hours => IntervalMinutes / 60.0;

    /// <summary>Interval 1's input (the whole input of a single-interval run).</summary>
    public MarketInput Input => Intervals[0].Input;

    /// <summary>Interval 1's clearing.</summary>
    public DayAheadResult Result => Intervals[0].Result;

    /// <summary>Interval 1's settlement, when the run had a market folder.</summary>
    public SettlementResult? Settlement => Intervals[0].Settlement;

    public IReadOnlyList<HubPrice> Hubs => Intervals[0].Hubs;

    /// <summary>Interval 1's FTR settlement, when the market folder holds ftrs.csv.</summary>
    public FtrSettlementResult? Ftrs => Intervals[0].Ftrs;

    /// <summary>Every participant's statement over the whole run (with a market folder; empty without), computed once
    /// for statements.txt and the console.</summary>
    public IReadOnlyList<ParticipantStatement> Statements => _statements ??=
        Intervals[0].Settlement is null ? [] : ParticipantStatement.FromLines(Intervals.SelectMany(i => i.Settlement!.Lines));

    private IReadOnlyList<ParticipantStatement>? _statements;

    /// <summary>Reading and compiling the case and the market folder, seconds.</summary>
    public double ReadSeconds { get; }

    /// <summary>Factorising and building the security model, seconds.</summary>
    public double ModelSeconds { get; }

    /// <summary>Clearing and settling every interval, seconds.</summary>
    public double ClearSeconds { get; }

    /// <param name="ftrDay">The market day: only FTRs in force on it settle (F4). Null: every FTR settles.</param>
    public static DayAheadRun Execute(string casePath, string? marketDirectory, ClearingOptions options, DateOnly? ftrDay = null) =>
        Execute(casePath, marketDirectory, options, DefaultIntervalMinutes, ftrDay: ftrDay);

    /// <param name="progress">Told how many intervals are cleared, after each (for a progress bar).</param>
    /// <param name="design">Nodal (the default), or the flow-path design (001): the market clears on the zonal
    /// commercial model, then the operator redispatches on the full network (<see cref="FlowPathDesign"/>).</param>
    public static DayAheadRun Execute(string casePath, string? marketDirectory, ClearingOptions options, double intervalMinutes, IProgress<int>? progress = null, Action<int>? started = null, DateOnly? ftrDay = null, ClearingDesign design = ClearingDesign.Nodal)
    {
        if (!double.IsFinite(intervalMinutes) || intervalMinutes <= 0)
        {
            throw new InvalidInputException("--interval-minutes", null, $"{intervalMinutes} is not a positive number of minutes");
        }

        var watch = Stopwatch.StartNew();
        var powerCase = MatpowerReader.ReadFile(casePath);
        var compiled = NetworkCompiler.Compile(powerCase);
        var network = compiled.Network;
        TopologyVersion.Prefetch(network);

        // Factored on the other core while the market folder is read and the first interval's LP is built and solved.
        using var shiftFactors = ShiftFactors.StartFactoring(network, new KluSolver());

        // With the case, branches are named by stable circuit numbers and out-of-service ones are caught.
        var market = marketDirectory is null ? MarketIntervals.Single(MarketInput.Empty) : MarketFolderReader.ReadIntervals(marketDirectory, network, powerCase);
        // Existing contracts (X4): read with the rest, so a bad etc.csv stops the run before anything is cleared.
        var etc = EtcFiles.ReadIfPresent(marketDirectory, network, powerCase, market[1].Interfaces);
        var cfds = marketDirectory is null ? [] : CfdFileReader.Read(marketDirectory, network, market[1]);
        var readSeconds = watch.Elapsed.TotalSeconds;
        TraceStage("read", readSeconds);

        watch.Restart();
        var securityOf = SecurityModels.For(network, shiftFactors, market);
        var modelSeconds = watch.Elapsed.TotalSeconds;
        TraceStage("security model", modelSeconds);

        watch.Restart();
        started?.Invoke(market.Count);
        var hours = intervalMinutes / 60.0;
        var intervals = new List<IntervalOutcome>(market.Count);
        if (design == ClearingDesign.FlowPath)
        {
            var flowPath = FlowPathDesign.Clear(network, powerCase, shiftFactors, market, marketDirectory, options, hours, progress);
            for (var k = 1; k <= market.Count; k++)
            {
                var (commercial, redispatch) = flowPath[k - 1];
                intervals.Add(Settle(k, network, powerCase, compiled, market[k], commercial, marketDirectory, hours, ftrDay, redispatch: redispatch));
            }

            return new DayAheadRun(compiled, intervals, intervalMinutes, readSeconds, modelSeconds, watch.Elapsed.TotalSeconds) { Design = design };
        }

        // Interval k settles on the other core while interval k + 1 clears (each settlement depends on its own
        // interval alone); outcomes are taken in order, so the first failing interval is the one reported.
        var settling = new Task<IntervalOutcome>[market.Count];
        IntervalClearing.Clear(securityOf, market, new ClpSolver(), options, progress, (k, result) =>
            settling[k - 1] = Task.Run(() => Settle(k, network, powerCase, compiled, market[k], result, marketDirectory, hours, ftrDay, cfds: cfds)));
        for (var k = 1; k <= market.Count; k++)
        {
            var outcome = settling[k - 1].GetAwaiter().GetResult();
            if (marketDirectory is not null && market[k].Nomograms.Count > 0)
            {
                outcome = outcome with { NomogramCharges = NomogramUsageCharges.Compute(securityOf(k), outcome.Result, market[k].Resources, hours) };
            }

            if (etc is { } contracts)
            {
                // Owners dropped: a trade's legs count for its submitting participant here (a trade's final leg may be 0).
                var finalSchedules = outcome.Result.Schedules.Select(a => new Schedule(a.Schedule, a.Participant, false, a.Legs.Select(l => new ScheduleLeg(l.Bus, l.Mw)).ToList())).ToList();
                var (uses, users) = RecallableTransmission.Mark(shiftFactors, contracts.Paths, contracts.Contracts, outcome.Result.BranchFlows, finalSchedules);
                outcome = outcome with { Recallable = (uses, users) };
            }

            intervals.Add(outcome);
        }

        TraceStage("clear and settle", watch.Elapsed.TotalSeconds);
        return new DayAheadRun(compiled, intervals, intervalMinutes, readSeconds, modelSeconds, watch.Elapsed.TotalSeconds);
    }

    private static readonly bool Trace = Environment.GetEnvironmentVariable("GRIDCLEAR_TRACE") == "1";

    // Time and allocation up to each stage (on this machine a fresh page costs more than most of the work it holds).
    private static void TraceStage(string stage, double seconds)
    {
        if (Trace)
        {
            Console.Error.WriteLine($"stage {stage}: {seconds * 1000:0.0} ms; {GC.GetTotalAllocatedBytes() / 1048576.0:0.0} MiB allocated so far");
        }
    }

    /// <summary>Settles one cleared interval (with a market folder), its FTRs and hubs.</summary>
    /// <param name="design">When given, rewrites what the settlement prices before anything is settled: a design
    /// comparison settles one clearing under several designs (other elections, other prices, extra lines).</param>
    /// <param name="redispatch">Under <c>--design flowpath</c>, the operator's redispatch: its payments join the settlement.</param>
    public static IntervalOutcome Settle(int interval, Network.Network network, PowerCase powerCase, CompiledNetwork compiled, MarketInput input, DayAheadResult result, string? marketDirectory, double hours, DateOnly? ftrDay, Func<SettlementInput, SettlementInput>? design = null, IReadOnlyList<Cfd>? cfds = null, RedispatchResult? redispatch = null)
    {
        if (powerCase.SkippedFields?.Contains("dcline") == true)
        {
            result = result with { Notes = [.. result.Notes, "the case's DC lines (mpc.dcline) are not modelled: their transfers are left out of the dispatch"] };
        }

        result = result with { Notes = [.. result.Notes, .. compiled.Notes] };
        SettlementResult? settlement = null;
        IReadOnlyList<HubPrice> hubs = [];
        FtrSettlementResult? ftrs = null;
        if (marketDirectory is not null)
        {
            // Zonally settled FTRs (F10) use the zonal load prices the settlement computes from the same outcome.
            var outcome = ClearingOutcome.ToSettlementInput(result, input, network);
            if (design is not null)
            {
                outcome = design(outcome with { Hours = hours });
            }

            var zonal = ZonalPrices.Compute(outcome.BusLmp, outcome.Zones, outcome.Resources, outcome.ResourceMw);
            var zoneLoadPrice = HubPrices.ZonalLoadPriceByBus(outcome.Zones, zonal);
            var zonalByBus = network.BusIds.Select(b => zoneLoadPrice.TryGetValue(b, out var p) ? p : double.NaN).ToArray();
            ftrs = FtrSettlementStep.Settle(network, input, result, marketDirectory, zonalByBus, ftrDay, hours, powerCase, pathsMonitored: redispatch is not null);
            if (ftrs is not null && ftrs.Notes.Count > 0)
            {
                result = result with { Notes = [.. result.Notes, .. ftrs.Notes] };
            }

            // FTR payments enter the statements as extra lines that balance among themselves (F2, F7).
            var settlementInput = outcome with
            {
                ExtraLines = [.. ftrs is null ? outcome.ExtraLines : [.. outcome.ExtraLines, .. FtrStatementLines.Of(ftrs)], .. redispatch?.SettlementLines() ?? []],
                Hours = hours,
            };
            settlementInput = settlementInput with
            {
                ExtraLines = result.Reserves is { } reserves
                    ? [.. settlementInput.ExtraLines, .. ReserveSettlement.Lines(reserves, settlementInput, input.Reserves)]
                    : settlementInput.ExtraLines,
            };

            // Mitigation instruments (M2) settle at this interval's day-ahead bus, hub or zone price, holder against
            // counterparty: their lines sum to zero among themselves.
            hubs = HubPrices.Compute(outcome.BusLmp, input.Hubs, zoneLoadPrice);
            if (cfds is { Count: > 0 })
            {
                settlementInput = settlementInput with
                {
                    ExtraLines = [.. settlementInput.ExtraLines, .. CfdSettlement.Lines(cfds, CfdFileReader.Prices(outcome.BusLmp, hubs, zonal), interval, hours, ftrDay)],
                };
            }

            settlement = DayAheadSettlement.Settle(settlementInput);
        }

        return new IntervalOutcome(interval, input, result, settlement, hubs, ftrs) { Redispatch = redispatch };
    }
}
