using Gridclear.Designs.FlowPaths;
using Gridclear.IO.FlowPaths;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Network;

namespace Gridclear.Cli.Runs;

/// <summary>
/// <c>path-rights --suggest DA_OUT…</c> (P1, N6): ranks the monitored elements of one or more day-ahead runs by
/// congestion rent, marks those already on a flow path of the market folder's flowpaths.csv (when it has one), and
/// says which zones hold commercially significant internal congestion.
/// </summary>
public sealed class PathSuggestionRun
{
    public required IReadOnlyList<ElementCongestion> Elements { get; init; }

    public required IReadOnlyList<ZoneCongestion> Zones { get; init; }

    public required double TotalRent { get; init; }

    public required int Runs { get; init; }

    /// <param name="significance">The share of the total rent (0–1) from which an element or a zone's internal
    /// congestion is commercially significant.</param>
    public static PathSuggestionRun Execute(string casePath, string marketDirectory, IReadOnlyList<string> runs, double significance)
    {
        var powerCase = MatpowerReader.ReadFile(casePath);
        var network = NetworkCompiler.Compile(powerCase).Network;
        var input = MarketFolderReader.Read(marketDirectory, network, powerCase);
        var paths = FlowgateRights.Paths(marketDirectory, network, powerCase);
        var pathOfBranch = new Dictionary<(int, int), string>();
        foreach (var p in paths)
        {
            foreach (var t in p.Terms)
            {
                var br = network.Branches[t.Branch];
                var (a, b) = (network.BusIds[br.From], network.BusIds[br.To]);
                pathOfBranch.TryAdd((Math.Min(a, b), Math.Max(a, b)), p.Id);
            }
        }

        var rents = CongestionRents.Read(runs);
        var (elements, zones) = PathSuggestions.Rank(
            rents,
            PathRequirements.ZoneOfBus(input.ZonesOf(network)),
            pathOfBranch,
            paths.Select(p => p.Id).ToHashSet(StringComparer.Ordinal),
            significance);
        return new PathSuggestionRun { Elements = elements, Zones = zones, TotalRent = elements.Sum(e => e.Rent), Runs = runs.Count };
    }
}
