using System.Diagnostics;
using Gridclear.Designs.FlowPaths;
using Gridclear.Flows;
using Gridclear.IO.FlowPaths;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Cli.Runs;

/// <summary>
/// One <c>path-rights</c> run (001): read the case and the market folder (flowpaths.csv, thresholds.csv, optional
/// path_rights.csv and contracts.csv), build the FDF library, assess every balanced schedule, and with a day-ahead
/// run's prices, allocate the operator's congestion costs.
/// </summary>
public sealed class PathRightsRun
{
    public required Network.Network Network { get; init; }

    public required MarketInput Input { get; init; }

    public required IReadOnlyList<FlowPath> Paths { get; init; }

    public required PathThresholds Thresholds { get; init; }

    public required IReadOnlyList<PathRight> Rights { get; init; }

    public required IReadOnlyList<ContractRight> ContractRights { get; init; }

    public required PathRequirementResult Requirements { get; init; }

    public PathSettlement? Settlement { get; init; }

    /// <summary>The path prices used (with --prices).</summary>
    public IReadOnlyList<PathPrice> Prices { get; init; } = [];

    public required IReadOnlyList<string> Notes { get; init; }

    public double ReadSeconds { get; init; }

    public double FactorSeconds { get; init; }

    public double AssessSeconds { get; init; }

    /// <summary>The operator-held rights released to an FTR auction (<c>--release</c>), or none.</summary>
    public IReadOnlyList<ReleasedRight> Released { get; init; } = [];

    /// <param name="release">With <c>--release</c>: the period, its first day and the operator's reserve price ($/MW).</param>
    /// <param name="releaseRevenueDirectory">An ftr-auction output folder whose operator sales of flowgate rights
    /// offset the congestion costs (their share of the term by the day-ahead run's hours).</param>
    public static PathRightsRun Execute(string casePath, string marketDirectory, string? pricesDirectory, (ReleasePeriod Period, DateOnly Start)? release = null, string? releaseRevenueDirectory = null)
    {
        var watch = Stopwatch.StartNew();
        var powerCase = MatpowerReader.ReadFile(casePath);
        var network = NetworkCompiler.Compile(powerCase).Network;
        var input = MarketFolderReader.Read(marketDirectory, network, powerCase);
        var paths = FlowPathFiles.ReadFlowPaths(Required(marketDirectory, FlowPathFiles.FlowPathsFile), network, powerCase);
        var thresholds = FlowPathFiles.ReadThresholds(Required(marketDirectory, FlowPathFiles.ThresholdsFile));
        var rightsFile = Path.Combine(marketDirectory, FlowPathFiles.RightsFile);
        var rights = File.Exists(rightsFile) ? FlowPathFiles.ReadRights(rightsFile, paths) : [];
        var contractsFile = Path.Combine(marketDirectory, FlowPathFiles.ContractsFile);
        var contracts = File.Exists(contractsFile) ? FlowPathFiles.ReadContracts(contractsFile, network) : [];
        (IReadOnlyList<PathPrice> Prices, double Other)? dayAhead = pricesDirectory is null ? null : DayAheadPathPrices.Read(pricesDirectory, paths);
        var readSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var factors = new FlowDistributionFactors(shiftFactors, paths);
        var factorSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        var zoneOfBus = PathRequirements.ZoneOfBus(input.ZonesOf(network));
        var contractRights = ContractTranslation.Translate(factors, zoneOfBus, contracts, thresholds);
        var allRights = rights.Concat(ContractTranslation.HolderRights(contractRights)).ToList();
        var requirements = PathRequirements.Compute(factors, zoneOfBus, input.Schedules, thresholds, allRights);
        var assessSeconds = watch.Elapsed.TotalSeconds;

        var notes = new List<string>();
        var released = release is { } r ? RightsRelease.Release(ContractTranslation.OperatorRights(contractRights), r.Period, r.Start, notes) : [];
        if (release is not null && released.Count == 0)
        {
            notes.Add("--release: the operator holds no rights to release (contracts.csv converts to none below forgiveness in a path's direction)");
        }

        if (releaseRevenueDirectory is not null && pricesDirectory is null)
        {
            throw new InvalidInputException("--release-revenue", null, "needs --prices: the revenue offsets the congestion costs of a day-ahead run");
        }

        if (requirements.Skipped.Count > 0)
        {
            notes.Add($"not balanced, so not assessed (001 defines rights for balanced schedules): {string.Join(", ", requirements.Skipped)}");
        }

        PathSettlement? settlement = null;
        if (dayAhead is { } da)
        {
            var monitored = input.Interfaces.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var p in paths.Where(p => !monitored.Contains(p.Id) && da.Prices.All(x => x.Path != p.Id)))
            {
                notes.Add($"path {p.Id} is not an interface of the market folder and did not bind in {pricesDirectory}: priced at 0 (monitor it in interfaces.csv to price it)");
            }

            var contractMw = contracts.GroupBy(c => c.Holder).ToDictionary(g => g.Key, g => g.Sum(c => c.Mw), StringComparer.Ordinal);
            var hours = DayAheadPathPrices.Hours(pricesDirectory!);
            var credit = releaseRevenueDirectory is null ? 0 : RightsReleaseFiles.Sales(releaseRevenueDirectory).Sum(s => RightsRelease.Credit(s.Amount, s.Days, hours));
            settlement = PathCostAllocation.Allocate(requirements, da.Prices, da.Other, contractMw, credit);
        }

        return new PathRightsRun
        {
            Network = network,
            Input = input,
            Paths = paths,
            Thresholds = thresholds,
            Rights = allRights,
            ContractRights = contractRights,
            Requirements = requirements,
            Settlement = settlement,
            Prices = dayAhead?.Prices ?? [],
            Notes = notes,
            Released = released,
            ReadSeconds = readSeconds,
            FactorSeconds = factorSeconds,
            AssessSeconds = assessSeconds,
        };
    }

    private static string Required(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? path : throw new InvalidInputException(path, null, $"the flow-path model needs {file} in the market folder");
    }
}
