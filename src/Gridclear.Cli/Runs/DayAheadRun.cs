using System.Diagnostics;
using Gridclear.Flows;
using Gridclear.Ftr;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Settlement;

namespace Gridclear.Cli.Runs;

/// <summary>
/// One day-ahead run end to end, as the CLI, the benchmarks and the end-to-end tests do it: read the case and the
/// market folder (all validated before anything is cleared), build the shared security model, clear.
/// </summary>
public sealed class DayAheadRun
{
    private DayAheadRun(CompiledNetwork compiled, MarketInput input, DayAheadResult result, double readSeconds, double modelSeconds, SettlementResult? settlement, IReadOnlyList<HubPrice> hubs, FtrSettlementResult? ftrs)
    {
        Ftrs = ftrs;
        Settlement = settlement;
        Hubs = hubs;
        Compiled = compiled;
        Input = input;
        Result = result;
        ReadSeconds = readSeconds;
        ModelSeconds = modelSeconds;
    }

    public CompiledNetwork Compiled { get; }

    public Network.Network Network => Compiled.Network;

    public MarketInput Input { get; }

    public DayAheadResult Result { get; }

    /// <summary>The day-ahead settlement, when the run had a market folder.</summary>
    public SettlementResult? Settlement { get; }

    public IReadOnlyList<HubPrice> Hubs { get; }

    /// <summary>The FTR settlement, when the market folder holds ftrs.csv.</summary>
    public FtrSettlementResult? Ftrs { get; }

    /// <summary>Reading and compiling the case and the market folder, seconds.</summary>
    public double ReadSeconds { get; }

    /// <summary>Factorising and building the security model, seconds.</summary>
    public double ModelSeconds { get; }

    /// <param name="ftrDay">The market day: only FTRs in force on it settle (F4). Null: every FTR settles.</param>
    public static DayAheadRun Execute(string casePath, string? marketDirectory, ClearingOptions options, DateOnly? ftrDay = null)
    {
        var watch = Stopwatch.StartNew();
        var powerCase = MatpowerReader.ReadFile(casePath);
        var compiled = NetworkCompiler.Compile(powerCase);
        var network = compiled.Network;

        // With the case, branches are named by stable circuit numbers and out-of-service ones are caught.
        var input = marketDirectory is null ? MarketInput.Empty : MarketFolderReader.Read(marketDirectory, network, powerCase);
        var readSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var security = new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);
        var modelSeconds = watch.Elapsed.TotalSeconds;
        var result = DayAheadMarket.Clear(security, input, new ClpSolver(), options);
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
            var zonal = ZonalPrices.Compute(outcome.BusLmp, outcome.Zones, outcome.Resources, outcome.ResourceMw);
            var zoneLoadPrice = new Dictionary<int, double>();
            for (var z = 0; z < zonal.Count; z++)
            {
                foreach (var bus in outcome.Zones[z].Buses)
                {
                    zoneLoadPrice.TryAdd(bus, zonal[z].LoadPrice);
                }
            }

            var zonalByBus = network.BusIds.Select(b => zoneLoadPrice.TryGetValue(b, out var p) ? p : double.NaN).ToArray();
            ftrs = FtrSettlementStep.Settle(network, input, result, marketDirectory, zonalByBus, ftrDay);
            if (ftrs is not null && ftrs.Notes.Count > 0)
            {
                result = result with { Notes = [.. result.Notes, .. ftrs.Notes] };
            }

            // FTR payments enter the statements as extra lines that balance among themselves (F2, F7).
            var settlementInput = outcome with
            {
                ExtraLines = ftrs is null ? [] : FtrStatementLines.Of(ftrs),
            };
            settlement = DayAheadSettlement.Settle(settlementInput);
            hubs = HubPrices.Compute(result.Prices.ToDictionary(p => p.Bus, p => p.Lmp), input.Hubs);
        }

        return new DayAheadRun(compiled, input, result, readSeconds, modelSeconds, settlement, hubs, ftrs);
    }
}
