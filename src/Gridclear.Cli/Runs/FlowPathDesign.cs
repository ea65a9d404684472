using System.Globalization;
using Gridclear.Designs.FlowPaths;
using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Cli.Runs;

/// <summary>
/// <c>clear --design flowpath</c> (001): every interval clears on the zonal commercial model (<see cref="CommercialModel"/>:
/// zones joined by the paths of flowpaths.csv, zone factors weighted by the day's load at each bus, only path ratings
/// enforced); then the operator redispatches it on the full network at the generators' offers
/// (<see cref="OperatorRedispatch"/>). The day-ahead prices, dispatch and settlement are the commercial model's; the
/// redispatch adds its payments to the settlement and its own files.
/// </summary>
public static class FlowPathDesign
{
    public static IReadOnlyList<(DayAheadResult Commercial, RedispatchResult Redispatch)> Clear(
        Network.Network network,
        PowerCase powerCase,
        ShiftFactors shiftFactors,
        MarketIntervals market,
        string? marketDirectory,
        ClearingOptions options,
        double hours,
        IProgress<int>? progress)
    {
        if (marketDirectory is null)
        {
            throw new InvalidInputException("--design", null, "flowpath needs --market: a market folder with flowpaths.csv (the paths of the commercial model) and zones.csv");
        }

        if (options.Losses != LossModel.None)
        {
            throw new InvalidInputException("--losses", null, "--design flowpath clears the lossless zonal commercial model: give --losses none");
        }

        var paths = FlowgateRights.Paths(marketDirectory, network, powerCase);
        if (paths.Count == 0)
        {
            throw new InvalidInputException(Path.Combine(marketDirectory, FlowPathFiles.FlowPathsFile), null, "--design flowpath needs flowpaths.csv: the paths the commercial model joins the zones by");
        }

        var factors = new FlowDistributionFactors(shiftFactors, paths);
        var zones = market[1].ZonesOf(network);
        var model = new CommercialModel(factors, zones, LoadWeights(network, market));
        using var commercialFactors = new ShiftFactors(model.Network, new KluSolver());
        var commercialSecurity = new SecurityModel(model.Network, commercialFactors, [], model.Nomograms, []);
        var solver = new ClpSolver();
        var commercial = IntervalClearing.Clear(_ => commercialSecurity, market, solver, options, progress);
        // The redispatch holds the paths too (they are physical transfer limits the commercial model already met, up
        // to its zonal factors' error): it removes what the model missed, rather than undoing its path limits.
        SecurityModel FullModel(MarketInput input) => new(network, shiftFactors, [.. input.Interfaces, .. paths.Where(p => !input.Interfaces.Any(i => i.Id == p.Id)).Select(p => p.AsInterface())], input.Nomograms, input.Contingencies);
        var shared = market.SecurityVaries ? null : FullModel(market[1]);
        var results = new List<(DayAheadResult, RedispatchResult)>(market.Count);
        for (var k = 1; k <= market.Count; k++)
        {
            var result = model.Relabel(commercial[k - 1]);
            var full = DayAheadMarket.Clear(shared ?? FullModel(market[k]), OperatorRedispatch.Input(market[k], result), solver, options);
            var redispatch = OperatorRedispatch.Compare(market[k], result, full, hours);
            var note = string.Create(CultureInfo.InvariantCulture, $"flow-path design: cleared on the commercial model ({zones.Count} zones, {paths.Count} paths, load-weighted zone factors); the operator's redispatch on the full network costs {redispatch.Cost:0.00} $ ({full.Constraints.Count(c => c.Kind != ConstraintKind.Balance)} constraint(s) binding there)");
            results.Add((result with { Notes = [.. result.Notes, note] }, redispatch));
        }

        return results;
    }

    /// <summary>The load at each bus summed over the intervals (fixed demand plus bid MW of the market's loads; the
    /// case's PD when the market lists no resources): the weights of the zones' factors.</summary>
    private static double[] LoadWeights(Network.Network network, MarketIntervals market)
    {
        var weights = new double[network.BusCount];
        foreach (var input in market.Inputs)
        {
            if (input.Resources is null)
            {
                for (var b = 0; b < weights.Length; b++)
                {
                    weights[b] += network.BusLoadMw[b];
                }

                continue;
            }

            foreach (var r in input.Resources.Where(r => r.Kind == ResourceKind.Load))
            {
                weights[network.BusIndex(r.Bus)] += input.Demand.GetValueOrDefault(r.Id) + (input.Bids.TryGetValue(r.Id, out var bid) ? bid.TotalMw : 0);
            }
        }

        return weights;
    }
}
