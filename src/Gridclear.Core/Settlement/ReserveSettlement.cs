using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>
/// The reserve settlement (D16, X3), charge <c>reserve</c>, issued as extra lines of the day-ahead settlement:
/// <list type="bullet">
/// <item>Suppliers are paid MW awarded × the price it earns (its zone's price plus the system price).</item>
/// <item>Each requirement's cost, price × requirement cleared (self-provided MW included), is charged to the loads of
/// its zone (every load for <c>system</c>) pro rata to their cleared MWh.</item>
/// <item>Self-provision (X3) is credited at the requirement's price: the participant is charged its share less
/// price × its self-provided MW, and the market bought that much less.</item>
/// <item>The operator's <c>reserve</c> line is minus the sum of the others (the part of a requirement's cost no load
/// cleared to pay, e.g.), so the reserve lines sum to zero on their own.</item>
/// </list>
/// Without resources.csv the case's generators and loads settle as their default participants (<c>gen&lt;k&gt;</c>,
/// <c>load&lt;bus&gt;</c>, <see cref="ClearingOutcome"/>), here as in the energy settlement.
/// </summary>
public static class ReserveSettlement
{
    public const string Charge = "reserve";

    public static IReadOnlyList<SettlementLine> Lines(ReserveResult reserves, SettlementInput input, ReserveMarket market)
    {
        var hours = input.Hours;
        var zoneOf = new ZoneOfBus(input.Zones);
        var byId = input.Resources.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var lines = new List<SettlementLine>();
        decimal total = 0;
        void Add(string participant, decimal amount, string detail)
        {
            if (amount != 0)
            {
                total += amount;
                lines.Add(new SettlementLine(participant, Charge, amount, detail));
            }
        }

        foreach (var a in reserves.Awards)
        {
            if (a.Mw > 0 && byId.TryGetValue(a.Resource, out var r))
            {
                Add(r.Participant, Money.Amount(a.Mw, a.Price, hours, "settlement"), $"{a.Resource} {a.Product}: {DetailText.Mw(a.Mw * hours)} MW-h at {DetailText.Price(a.Price)}");
            }
        }

        var loads = input.Resources.Where(r => r.Kind == ResourceKind.Load && input.MwOf(r.Id) > 0).ToList();
        foreach (var p in reserves.Prices)
        {
            if (p.Price <= 0 || p.ClearedMw <= 0)
            {
                continue;
            }

            bool InZone(Resource r) => p.Zone == ReserveDemand.System || (zoneOf.IndexOf(r.Bus) is var z && z >= 0 && input.Zones[z].Id == p.Zone);
            var payers = loads.Where(InZone).ToList();
            var mwh = payers.Sum(r => (decimal)input.MwOf(r.Id));
            var cost = Money.Amount(p.ClearedMw, p.Price, hours, "settlement");
            if (mwh > 0)
            {
                foreach (var r in payers)
                {
                    var mw = input.MwOf(r.Id);
                    Add(r.Participant, -cost * (decimal)mw / mwh, $"{r.Id}: {DetailText.Mw(mw * hours)} MWh share of {p.Product} in {p.Zone}");
                }
            }

            foreach (var s in market.SelfProvision.Where(s => s.Product == p.Product && (p.Zone == ReserveDemand.System || s.Zone == p.Zone) && s.Mw > 0))
            {
                Add(s.Participant, Money.Amount(s.Mw, p.Price, hours, "settlement"), $"self-provided {p.Product} in {s.Zone}: {DetailText.Mw(s.Mw * hours)} MW-h at {DetailText.Price(p.Price)}");
            }
        }

        if (lines.Count > 0)
        {
            lines.Add(new SettlementLine(SettlementLine.Operator, Charge, -total, "reserve payments less charges"));
        }

        return lines;
    }
}
