using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>Turns a day-ahead clearing into what the settlement prices: bus prices, cleared MW, final schedules.</summary>
public static class ClearingOutcome
{
    public static SettlementInput ToSettlementInput(DayAheadResult result, MarketInput input, Network.Network network)
    {
        var lmp = result.Prices.ToDictionary(p => p.Bus, p => p.Lmp);
        var resources = input.Resources ?? [];
        var known = resources.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        // Case generators (gen<k>) belong to no participant: they are priced but not settled.
        var mw = result.Awards.Where(a => known.Contains(a.Resource))
            .ToDictionary(a => a.Resource, a => Math.Max(0, a.Mw), StringComparer.Ordinal);
        // A balanced schedule under a portfolio-balance instruction may come out unbalanced on its own (its
        // portfolio is what balances): it then settles as an unbalanced schedule (schedule_energy).
        var schedules = result.Schedules.Select(s => new Schedule(
            s.Schedule, s.Participant, s.Balanced && Math.Abs(s.Legs.Sum(l => l.Mw)) <= Schedule.BalanceToleranceMw, s.Legs, s.Counterparty)).ToList();
        return new SettlementInput(lmp, input.ZonesOf(network), resources, mw, input.Offers, schedules)
        {
            LossPrices = result.Losses is null ? null : result.Prices.ToDictionary(p => p.Bus, p => p.Energy + p.Loss),
        };
    }
}
