using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.Designs.FlowPaths;

/// <summary>
/// The operator's redispatch under the flow-path design (001 D, F, G): the day-ahead market cleared on the zonal
/// commercial model (<see cref="CommercialModel"/>), which misses intra-zonal limits (and the residual error of the
/// zonal factors on the paths); the operator then moves generators at their offer prices until the full network holds
/// (every branch, contingency, interface, nomogram). Loads and schedules stay at their day-ahead MW. The cheapest such
/// redispatch is the day-ahead engine on the full security model with that demand fixed; what it costs beyond the
/// commercial dispatch, Σ generators' as-bid cost change, is the congestion cost the commercial model left to the
/// operator (intra-zonal plus residual inter-zonal), which <c>path-rights --prices</c> allocates (P10).
/// </summary>
public static class OperatorRedispatch
{
    /// <summary>Settlement charge of a generator's redispatch (paid its offer for MW added, pays it back for MW taken).</summary>
    public const string Charge = "redispatch";

    /// <summary>The operator's side: what the redispatch cost it, recovered through the path-rights allocation.</summary>
    public const string OperatorCharge = "redispatch_cost";

    /// <summary>The redispatch market: the same resources, offers, zones and security inputs; every load a fixed
    /// demand at its day-ahead MW; every schedule fixed at its day-ahead legs (no adjustment bids).</summary>
    public static MarketInput Input(MarketInput input, DayAheadResult commercial)
    {
        if (input.Resources is null && input.Schedules.Count == 0)
        {
            // The case's loads are fixed demand already, and only the case's generators move.
            return input;
        }

        var awards = commercial.Awards.ToDictionary(a => a.Resource, StringComparer.Ordinal);
        Dictionary<string, double>? demand = null;
        if (input.Resources is not null)
        {
            demand = [];
            foreach (var r in input.Resources.Where(r => r.Kind == ResourceKind.Load))
            {
                demand[r.Id] = awards.TryGetValue(r.Id, out var a) ? a.Mw : input.Demand.GetValueOrDefault(r.Id);
            }
        }

        var legs = commercial.Schedules.ToDictionary(s => s.Schedule, s => s.Legs, StringComparer.Ordinal);
        // A schedule under a portfolio instruction may have cleared unbalanced: it is held as cleared either way.
        var schedules = new List<Schedule>(input.Schedules.Count);
        foreach (var s in input.Schedules)
        {
            var held = legs.TryGetValue(s.Id, out var l) ? l : s.Legs;
            var balanced = s.Balanced && Math.Abs(held.Sum(x => x.Mw)) <= Schedule.BalanceToleranceMw;
            schedules.Add(new Schedule(s.Id, s.Participant, balanced, held, s.Counterparty));
        }

        return new MarketInput(
            input.Resources,
            input.Offers,
            Bids: null,
            Demand: demand,
            Schedules: schedules,
            Adjustments: null,
            input.Zones,
            input.Hubs,
            input.Interfaces,
            input.Nomograms,
            input.Contingencies,
            PortfolioBalanced: null);
    }

    /// <summary>What the redispatch moved and what it costs, each generator's line rounded to the cent.</summary>
    /// <param name="hours">Hours the interval lasts (amounts are $/h × hours).</param>
    public static RedispatchResult Compare(MarketInput input, DayAheadResult commercial, DayAheadResult redispatch, double hours)
    {
        var before = commercial.Awards.ToDictionary(a => a.Resource, StringComparer.Ordinal);
        var lines = new List<RedispatchLine>();
        foreach (var a in redispatch.Awards.Where(a => a.Kind == ResourceKind.Generator))
        {
            var c = before.GetValueOrDefault(a.Resource);
            var participant = input.FindResource(a.Resource)?.Participant;
            var amount = Money.ToCents((decimal)((a.Cost - (c?.Cost ?? 0)) * hours));
            lines.Add(new RedispatchLine(a.Resource, participant, a.Bus, c?.Mw ?? 0, a.Mw, amount));
        }

        return new RedispatchResult(lines, redispatch, lines.Sum(l => l.Amount));
    }
}

/// <summary>One generator in the redispatch.</summary>
/// <param name="Participant">Its owner, or null for a case generator (priced, not settled).</param>
/// <param name="CommercialMw">Its day-ahead (commercial model) MW.</param>
/// <param name="Mw">Its MW after the redispatch.</param>
/// <param name="Amount">Its as-bid cost change, $: paid to it for MW added at its offer, paid by it for MW taken off.</param>
public sealed record RedispatchLine(string Resource, string? Participant, int Bus, double CommercialMw, double Mw, decimal Amount)
{
    public double ChangeMw => Mw - CommercialMw;
}

/// <summary>The operator's redispatch of one interval.</summary>
/// <param name="Full">The clearing on the full network (its constraints are what the commercial model missed).</param>
/// <param name="Cost">Σ lines' amounts, $: the congestion cost left to the operator.</param>
public sealed record RedispatchResult(IReadOnlyList<RedispatchLine> Lines, DayAheadResult Full, decimal Cost)
{
    /// <summary>Settlement lines: each settled generator's <c>redispatch</c>, and the operator's <c>redispatch_cost</c>
    /// paying them (case generators belong to no participant: the operator's line counts only settled ones).</summary>
    public IReadOnlyList<SettlementLine> SettlementLines()
    {
        var lines = Lines.Where(l => l.Participant is not null && l.Amount != 0)
            .Select(l => new SettlementLine(l.Participant!, OperatorRedispatch.Charge, l.Amount, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{l.Resource}: {l.CommercialMw:0.###} → {l.Mw:0.###} MW at its offer")))
            .ToList();
        if (lines.Count > 0)
        {
            lines.Add(new SettlementLine(SettlementLine.Operator, OperatorRedispatch.OperatorCharge, -lines.Sum(l => l.Amount), "the operator's redispatch on the full network (recovered through path-rights --prices)"));
        }

        return lines;
    }
}
