using Gridclear.Ftr;
using Gridclear.IO.Files;
using Gridclear.IO.Ftr;
using Gridclear.Market;

namespace Gridclear.Cli.Runs;

/// <summary>
/// The FTR step of a day-ahead run (F2, F7): when the market folder holds ftrs.csv, settle every FTR at the run's
/// bus prices and fund the payments from the congestion rent, pro rata when short.
/// </summary>
public static class FtrSettlementStep
{
    /// <summary>Null when the run has no market folder or the folder has no ftrs.csv.</summary>
    public static FtrSettlementResult? Settle(Network.Network network, MarketInput input, DayAheadResult result, string? marketDirectory)
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

        var ftrs = FtrFileReader.ReadOutstanding(path, FtrFileReader.Resolver(network, input));
        var lmp = result.Prices.Select(p => p.Lmp).ToArray();
        return FtrSettlement.Settle(ftrs, lmp, CongestionRent(network, lmp, result.BranchFlows));
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
