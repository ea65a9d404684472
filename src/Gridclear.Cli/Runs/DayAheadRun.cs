using System.Diagnostics;
using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Cli.Runs;

/// <summary>
/// One day-ahead run end to end, as the CLI, the benchmarks and the end-to-end tests do it: read the case and the
/// market folder (all validated before anything is cleared), build the shared security model, clear.
/// </summary>
public sealed class DayAheadRun
{
    private DayAheadRun(CompiledNetwork compiled, MarketInput input, DayAheadResult result, double readSeconds, double modelSeconds)
    {
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

    /// <summary>Reading and compiling the case and the market folder, seconds.</summary>
    public double ReadSeconds { get; }

    /// <summary>Factorising and building the security model, seconds.</summary>
    public double ModelSeconds { get; }

    public static DayAheadRun Execute(string casePath, string? marketDirectory, ClearingOptions options)
    {
        var watch = Stopwatch.StartNew();
        var compiled = NetworkCompiler.Compile(MatpowerReader.ReadFile(casePath));
        var network = compiled.Network;
        var input = marketDirectory is null ? MarketInput.Empty : MarketFolderReader.Read(marketDirectory, network);
        var readSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var security = new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);
        var modelSeconds = watch.Elapsed.TotalSeconds;
        var result = DayAheadMarket.Clear(security, input, new ClpSolver(), options);
        return new DayAheadRun(compiled, input, result, readSeconds, modelSeconds);
    }
}
