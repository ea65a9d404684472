using Gridclear.Designs.FlowPaths;
using Gridclear.Ftr;
using Gridclear.IO.Files;
using Gridclear.IO.Market;
using Gridclear.Market;
using Gridclear.Network;

namespace Gridclear.Cli.Runs;

/// <summary>
/// Flowgate and nomogram rights (F9) for the verbs that auction and settle FTRs: what a right may name (the market's
/// interfaces, the flow paths of flowpaths.csv, its nomograms), the interfaces the auction must monitor for them, and
/// the day-ahead shadow prices they settle at.
/// </summary>
public static class FlowgateRights
{
    /// <summary>The flow paths of the market folder's flowpaths.csv (none when it has none).</summary>
    public static IReadOnlyList<FlowPath> Paths(string? marketDirectory, Network.Network network, PowerCase? powerCase)
    {
        if (marketDirectory is null)
        {
            return [];
        }

        var file = Path.Combine(marketDirectory, FlowPathFiles.FlowPathsFile);
        return FileKinds.Of(file) == FileKind.Missing ? [] : FlowPathFiles.ReadFlowPaths(file, network, powerCase);
    }

    /// <summary>What rights may name: every interface and flow path (an interface of the same name is the path
    /// monitored), every nomogram.</summary>
    public static FtrFlowgates Catalog(Network.Network network, MarketInput input, IReadOnlyList<FlowPath> paths) =>
        new(network.BusCount, input.Interfaces.Select(i => i.Id).Concat(paths.Select(p => p.Id)), input.Nomograms.Select(n => n.Id));

    /// <summary>The flowgates named by <paramref name="rights"/>, each once, in order met.</summary>
    public static List<FtrFlowgate> Named(IEnumerable<FtrPath> rights) =>
        [.. rights.Select(p => p.Flowgate).OfType<FtrFlowgate>().Distinct()];

    /// <summary>
    /// The market's interfaces plus, as interfaces of their name with limit = rating, the flow paths that rights name
    /// and interfaces.csv does not monitor: a flowgate right holds capacity on a monitored path. (The day-ahead market
    /// prices a path only when its interfaces.csv monitors it, or under <c>clear --design flowpath</c>.)
    /// </summary>
    public static IReadOnlyList<Interface> Monitored(MarketInput input, IReadOnlyList<FlowPath> paths, IEnumerable<FtrFlowgate> named, List<string> notes)
    {
        var have = input.Interfaces.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var added = new List<Interface>(input.Interfaces);
        foreach (var gate in named.Where(g => g.Kind == FtrFlowgateKind.Path && !have.Contains(g.Name)))
        {
            added.Add(paths.First(p => p.Id == gate.Name).AsInterface());
            have.Add(gate.Name);
            notes.Add($"flow path {gate.Name} is not in interfaces.csv: monitored for its flowgate rights as an interface (limit = its rating); the day-ahead market prices it only when it monitors it too");
        }

        return added;
    }

    /// <summary>A right's day-ahead shadow price, $/MWh: the base-case interface of the path's name when it binds at its
    /// upper limit (in the path's direction; 0 when it binds the other way or not at all), the nomogram's.</summary>
    public static double ShadowPrice(DayAheadResult result, FtrFlowgate gate)
    {
        var kind = gate.Kind == FtrFlowgateKind.Path ? ConstraintKind.Interface : ConstraintKind.Nomogram;
        foreach (var c in result.Constraints)
        {
            if (c.Kind == kind && c.Contingency.Length == 0 && c.Constraint == gate.Name && c.Limit >= 0)
            {
                return c.ShadowPrice;
            }
        }

        return 0;
    }
}
