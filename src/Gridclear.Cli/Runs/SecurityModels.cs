using Gridclear.Flows;
using Gridclear.Market;

namespace Gridclear.Cli.Runs;

/// <summary>The security models of a run's intervals over one set of shift factors (one factorisation): one model for
/// all intervals unless the security inputs change between them, then one per interval.</summary>
public static class SecurityModels
{
    public static Func<int, SecurityModel> For(Network.Network network, ShiftFactors shiftFactors, MarketIntervals market)
    {
        SecurityModel Build(MarketInput input) => new(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);
        if (!market.SecurityVaries)
        {
            var shared = Build(market[1]);
            return _ => shared;
        }

        var models = new Dictionary<int, SecurityModel>();
        return k => models.TryGetValue(k, out var m) ? m : models[k] = Build(market[k]);
    }
}
