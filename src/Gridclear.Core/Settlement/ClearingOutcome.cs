using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>Turns a day-ahead clearing into what the settlement prices: bus prices, cleared MW, final schedules.</summary>
public static class ClearingOutcome
{
    /// <summary>Prefix of the default participant of a MATPOWER generator row (gen&lt;k&gt;, k from 1, as dispatch.csv names it).</summary>
    public const string CaseGeneratorPrefix = "gen";

    /// <summary>Prefix of the default participant of a bus's MATPOWER load (load&lt;bus&gt;).</summary>
    public const string CaseLoadPrefix = "load";

    public static SettlementInput ToSettlementInput(DayAheadResult result, MarketInput input, Network.Network network)
    {
        var lmp = result.Prices.ToDictionary(p => p.Bus, p => p.Lmp);
        var (resources, mw) = input.Resources is { } listed
            ? (listed, MarketMw(result, listed))
            : CaseParticipants(result, network);

        // A balanced schedule under a portfolio-balance instruction may come out unbalanced on its own (its
        // portfolio is what balances): it then settles as an unbalanced schedule (schedule_energy).
        var schedules = result.Schedules.Select(s => new Schedule(
            s.Schedule, s.Participant, s.Balanced && Math.Abs(s.Legs.Sum(l => l.Mw)) <= Schedule.BalanceToleranceMw, s.Legs, s.Counterparty)).ToList();
        return new SettlementInput(lmp, input.ZonesOf(network), resources, mw, input.Offers, schedules)
        {
            LossPrices = result.Losses is null ? null : result.Prices.ToDictionary(p => p.Bus, p => p.Energy + p.Loss),
        };
    }

    private static Dictionary<string, double> MarketMw(DayAheadResult result, IReadOnlyList<Resource> resources)
    {
        var known = resources.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return result.Awards.Where(a => known.Contains(a.Resource))
            .ToDictionary(a => a.Resource, a => Math.Max(0, a.Mw), StringComparer.Ordinal);
    }

    /// <summary>
    /// Without resources.csv the case's generators and bus loads take part (FORMATS), so they settle too, each as its
    /// own default participant at its bus price: generator row k as <c>gen&lt;k&gt;</c>, the load (PD) of bus b as
    /// <c>load&lt;b&gt;</c>. Otherwise the energy they trade would be missing from the statements and the operator's
    /// congestion rent would be the whole market's money instead of the rent. A negative PD (a bus that injects) or a
    /// generator that withdraws is settled on the side its MW falls: the settlement prices withdrawals and injections
    /// alike, so only the sign matters. A load's MW is its PD less what the clearing left unserved at its bus.
    /// </summary>
    private static (IReadOnlyList<Resource> Resources, Dictionary<string, double> Mw) CaseParticipants(DayAheadResult result, Network.Network network)
    {
        var resources = new List<Resource>();
        var mw = new Dictionary<string, double>(StringComparer.Ordinal);

        void Add(string id, int bus, double injection)
        {
            var kind = injection >= 0 ? ResourceKind.Generator : ResourceKind.Load;
            resources.Add(new Resource(id, id, bus, kind, Election.Nodal));
            mw[id] = Math.Abs(injection);
        }

        foreach (var award in result.Awards)
        {
            Add(award.Resource, award.Bus, award.InjectionMw);
        }

        var served = ServedLoad(result, network);
        for (var i = 0; i < network.BusCount; i++)
        {
            if (served[i] != 0)
            {
                var bus = network.BusIds[i];
                Add($"{CaseLoadPrefix}{bus}", bus, -served[i]);
            }
        }

        return (resources, mw);
    }

    /// <summary>Each bus's PD that the clearing served, MW, by internal bus index.</summary>
    private static double[] ServedLoad(DayAheadResult result, Network.Network network)
    {
        var served = network.BusLoadMw.ToArray();
        foreach (var shed in result.EnergyRelaxations.Where(e => e.UnservedMw > 0))
        {
            served[network.BusIndex(shed.Bus)] -= shed.UnservedMw;
        }

        return served;
    }
}
