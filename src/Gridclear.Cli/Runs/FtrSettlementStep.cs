using Gridclear.Ftr;
using Gridclear.IO.Files;
using Gridclear.IO.Ftr;
using Gridclear.Market;

namespace Gridclear.Cli.Runs;

/// <summary>
/// The FTR step of a day-ahead run (F2, F7): when the market folder holds ftrs.csv, settle the FTRs in force on the
/// market day (F4; all without a day) at the run's bus prices, or zonal load prices for those that elect it (F10),
/// and fund the payments from the congestion rent, pro rata when short.
/// </summary>
public static class FtrSettlementStep
{
    /// <summary>Null when the run has no market folder or the folder has no ftrs.csv.</summary>
    /// <param name="zonalLoadPrices">The load price of each bus's zone by internal bus index (zonal.csv's), for FTRs
    /// that settle at zones.</param>
    /// <param name="hours">Length of the interval the prices hold for, hours.</param>
    /// <param name="day">The market day (<c>clear --date</c>), or null to settle every FTR whatever its term.</param>
    /// <param name="pathsMonitored">Whether the run enforced every flow path (the flow-path design's commercial model).</param>
    /// <param name="powerCase">The case the network was compiled from (names flowpaths.csv's branches by circuit).</param>
    public static FtrSettlementResult? Settle(Network.Network network, MarketInput input, DayAheadResult result, string? marketDirectory, IReadOnlyList<double>? zonalLoadPrices = null, DateOnly? day = null, double hours = 1, Network.PowerCase? powerCase = null, bool pathsMonitored = false)
    {
        if (marketDirectory is null)
        {
            return null;
        }

        var path = Path.Combine(marketDirectory, FtrFileReader.FtrsFile);
        if (FileKinds.Of(path) == FileKind.Missing)
        {
            return null;
        }

        var resolver = FtrFileReader.Resolver(network, input);
        // Flowgate and nomogram rights (F9) settle at their constraint's shadow price × MW: the prices of their
        // virtual buses (FtrFlowgates.Prices) make that their sink − source value.
        var flowgates = FlowgateRights.Catalog(network, input, FlowgateRights.Paths(marketDirectory, network, powerCase));
        var ftrs = FtrFileReader.ReadOutstanding(path, resolver, flowgates);
        var lmp = result.Prices.Select(p => p.Lmp).ToArray();
        var notes = new List<string>(resolver.Warnings);
        var named = FlowgateRights.Named(ftrs.Select(f => f.Path));
        var prices = named.Count == 0 ? lmp : flowgates.Prices(lmp, gate => FlowgateRights.ShadowPrice(result, gate));
        foreach (var gate in named.Where(g => !pathsMonitored && g.Kind == FtrFlowgateKind.Path && !input.Interfaces.Any(i => i.Id == g.Name)))
        {
            notes.Add($"{path}: flowgate rights on {gate.Name} pay 0: the day-ahead market does not monitor it (add it to interfaces.csv, limit = its rating)");
        }
        var withTerms = ftrs.Count(f => f.Term is not null);
        if (day is null && withTerms > 0)
        {
            notes.Add($"{path}: {withTerms} FTR(s) have terms but the run has no --date: every FTR was settled whatever its term");
        }

        return FtrSettlement.Settle(ftrs, prices, Math.Round(CongestionRent(network, lmp, result.BranchFlows) * (decimal)hours, 2, MidpointRounding.AwayFromZero), hours, zonalLoadPrices, day) with { Notes = notes };
    }

    /// <summary>
    /// Congestion rent of a lossless DC dispatch: −Σ_bus price × net injection, which by Kirchhoff's current law is
    /// Σ_branch flow × (price(to) − price(from)); the flows already hold every injection (generators, loads, schedules).
    /// Rounded to cents.
    /// </summary>
    public static decimal CongestionRent(Network.Network network, IReadOnlyList<double> busPrices, IReadOnlyList<double> branchFlows)
    {
        var rent = 0.0;
        for (var l = 0; l < network.BranchCount; l++)
        {
            var br = network.Branches[l];
            rent += branchFlows[l] * (busPrices[br.To] - busPrices[br.From]);
        }

        return Math.Round((decimal)rent, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>summary.json entries: <c>ftr</c> with revenue adequacy.</summary>
    public static IReadOnlyDictionary<string, object?> Summary(FtrSettlementResult settlement) =>
        new Dictionary<string, object?> { ["ftr"] = FtrSettlementWriter.Summary(settlement) };

    /// <summary>Writes ftr_settlement.csv (the holders' lines are in settlement.csv through the day-ahead settlement).</summary>
    public static void Write(string outDirectory, FtrSettlementResult settlement) => FtrSettlementWriter.Write(outDirectory, settlement);
}
