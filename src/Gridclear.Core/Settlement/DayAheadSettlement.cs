using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>
/// The day-ahead settlement (D9–D13): binding financial commitments for the cleared MW at day-ahead prices, each
/// participant at the price it elected. Pure: outcome in, lines out.
/// <list type="bullet">
/// <item><c>energy</c>: each resource's cleared MWh at its elected price (<see cref="ElectedPrices"/>); generators are
/// paid, loads pay.</item>
/// <item><c>usage</c> (balanced schedule) / <c>schedule_energy</c> (unbalanced): Σ over the final legs of
/// MW × hours × the leg's elected price; injections are paid, withdrawals pay. For a balanced schedule this is
/// −Σ MW × (withdrawal price − injection price) = −(usage charge), D12, 004 I.B.11. An unbalanced schedule's net
/// energy is not split out: any split would need an arbitrary reference price, and the sum is what is owed.</item>
/// <item><c>trade</c>: an inter-participant trade (D3, <see cref="Schedule.Counterparty"/>) settles each side's legs
/// to that side at its own elected prices (004 I.B.11.c): the seller is paid for its injections, the buyer pays for
/// its withdrawals; the two lines sum to minus the trade's usage charge, Q × (buyer's withdrawal price − seller's
/// injection price).</item>
/// <item><c>constrained_on</c> / <c>constrained_off</c> (D10, 004 I.B.10): only to generators that elected zonal
/// pricing and have an offer. With z their zone's generation price and their steps filled in order by the cleared MW:
/// on = Σ (step price − z) × MWh dispatched from steps priced above z; off = Σ (z − step price) × MWh not dispatched
/// from steps priced at or below z. Each makes the generator whole against its own bids at z, as a nodal generator is
/// by its LMP (004 I.B.10.c).</item>
/// <item><c>uplift</c> (D11): the constrained payments C are offset by the rent zonal pricing collects, R_z, and the
/// remainder C − min(C, max(0, R_z)) is charged to ALL loads (nodal and zonal, 004 I.B.10.a) pro rata to their
/// cleared MWh. The operator's <c>uplift</c> row is what it paid out of the rent (minus the offset), or all of C
/// when no load cleared.</item>
/// <item>R_z, the rent zonal pricing collects (004 I.B.10.b): "the aggregate of the zone prices paid by loads would be
/// greater than the aggregate of the zone prices paid to generators". Inside each zone, zonal loads pay the load
/// price L and zonal generators receive the generation price G; on the energy matched between them inside the zone
/// the operator keeps (L − G) per MWh. So R_z = Σ_zones (L − G) × min(zonal load MWh, zonal generation MWh). The
/// rest of L × load − G × generation is the zone's net import or export, energy money rather than rent. The
/// alternative reading (what zonal participants pay at zonal prices minus what they would at bus prices) is zero by
/// construction of the weighted averages (<see cref="ZonalPrices"/>) and could never offset anything.</item>
/// <item>The operator (participant <c>operator</c>): <c>congestion_rent</c> = minus the sum of the energy, schedule
/// and extra lines (what the market left with it; e.g. after FTR payments), <c>uplift</c> as above, and
/// <c>rounding</c>.</item>
/// </list>
/// Money: every line is computed exactly in decimal, then rounded to cents once, by <see cref="Money.ToCents"/>; the
/// operator's <c>rounding</c> row is minus the sum of all rounded lines, so every run sums to exactly 0.00 and the
/// rounding row is at most half a cent per line.
/// </summary>
public static class DayAheadSettlement
{
    /// <summary>MW below which an offer step's dispatched or undispatched part is clearing noise.</summary>
    private const double NoiseMw = 1e-9;

    /// <summary>How far cleared MW may exceed the offered capacity before it is an error (solver tolerance).</summary>
    private const double CapacityToleranceMw = 1e-6;

    public static SettlementResult Settle(SettlementInput input)
    {
        input.Check();
        var hours = input.Hours;
        var zoneOfBus = new ZoneOfBus(input.Zones);
        var zonal = ZonalPrices.Compute(input.BusLmp, zoneOfBus, input.Resources, input.MwOf);
        var prices = new ElectedPrices(input.BusLmp, zoneOfBus, zonal, input.Resources);

        var pending = new List<PendingLine>();
        decimal market = 0; // Σ energy, schedule and extra lines, exact: minus the operator's congestion rent

        foreach (var r in input.Resources)
        {
            var mw = input.MwOf(r.Id);
            if (mw == 0)
            {
                continue;
            }

            var p = prices.Of(r);
            var sign = r.Kind == ResourceKind.Generator ? 1.0 : -1.0;
            var amount = Money.Amount(sign * mw, p.Price, hours, "settlement");
            market += amount;
            pending.Add(new PendingLine(r.Participant, Charges.Energy, amount,
                $"{r.Id} bus {r.Bus}: {DetailText.Mw(mw * hours)} MWh at {DetailText.Price(p.Price)} ({p.Basis})") { Side = r.Kind });
        }

        foreach (var s in input.FinalSchedules)
        {
            // An own schedule is one line; a trade (D3) one line per side, each side's legs at its own elected prices.
            foreach (var owner in s.Legs.Select(s.OwnerOf).Distinct(StringComparer.Ordinal).ToList())
            {
                decimal amount = 0;
                var legs = new List<string>(s.Legs.Count);
                foreach (var leg in s.Legs.Where(l => s.OwnerOf(l) == owner))
                {
                    var p = prices.ForLeg(owner, leg.Bus, s.Id);
                    amount += Money.Amount(leg.Mw, p.Price, hours, "settlement");
                    legs.Add($"{(leg.Mw >= 0 ? "+" : string.Empty)}{DetailText.Mw(leg.Mw * hours)} MWh bus {leg.Bus} at {DetailText.Price(p.Price)} ({p.Basis})");
                }

                market += amount;
                var charge = s.IsTrade ? Charges.Trade : s.Balanced ? Charges.Usage : Charges.ScheduleEnergy;
                var what = s.IsTrade ? $"{s.Id} ({s.Participant} to {s.Counterparty})" : s.Id;
                pending.Add(new PendingLine(owner, charge, amount, $"{what}: {string.Join("; ", legs)}"));
            }
        }

        foreach (var extra in input.ExtraLines)
        {
            market += extra.Amount;
            pending.Add(new PendingLine(extra.Participant, extra.Charge, extra.Amount, extra.Detail));
        }

        // Constrained-on/off payments to zonal generators (D10).
        decimal constrained = 0;
        foreach (var r in input.Resources)
        {
            if (r.Kind != ResourceKind.Generator || r.Settlement != Election.Zonal || !input.Offers.TryGetValue(r.Id, out var offer))
            {
                continue;
            }

            var z = prices.Of(r).Price;
            var (on, off) = ConstrainedPayments(r, offer, input.MwOf(r.Id), z, hours);
            if (on != 0)
            {
                constrained += on;
                pending.Add(new PendingLine(r.Participant, Charges.ConstrainedOn, on, $"{r.Id} bus {r.Bus}: steps above {DetailText.Price(z)}") { Side = ResourceKind.Generator });
            }

            if (off != 0)
            {
                constrained += off;
                pending.Add(new PendingLine(r.Participant, Charges.ConstrainedOff, off, $"{r.Id} bus {r.Bus}: undispatched steps at or below {DetailText.Price(z)}") { Side = ResourceKind.Generator });
            }
        }

        // Uplift (D11): offset by the zonal rent, the rest charged to all loads pro rata to MWh.
        var zonalRent = ZonalRent(input, zoneOfBus, zonal, hours);
        var offset = Math.Min(constrained, Math.Max(0m, zonalRent));
        var toLoads = constrained - offset;
        decimal charged = 0;
        var loadMw = input.Resources.Where(r => r.Kind == ResourceKind.Load).Sum(r => (decimal)input.MwOf(r.Id));
        if (toLoads > 0 && loadMw > 0)
        {
            foreach (var r in input.Resources)
            {
                var mw = input.MwOf(r.Id);
                if (r.Kind != ResourceKind.Load || mw == 0)
                {
                    continue;
                }

                var share = -toLoads * (decimal)mw / loadMw;
                charged += share;
                pending.Add(new PendingLine(r.Participant, Charges.Uplift, share, $"{r.Id}: {DetailText.Mw(mw * hours)} MWh share of {Money.ToCents(toLoads)}") { Side = ResourceKind.Load });
            }
        }

        var lossSurplus = LossSurplus(input, hours);
        if (input.LossPrices is not null)
        {
            pending.Add(new PendingLine(SettlementLine.Operator, Charges.LossSurplus, lossSurplus, null));
        }

        pending.Add(new PendingLine(SettlementLine.Operator, Charges.CongestionRent, -market - lossSurplus, null));
        pending.Add(new PendingLine(SettlementLine.Operator, Charges.Uplift, -(constrained + charged), null));

        // The one rounding step, then the residual to the operator.
        var lines = pending.Select(p => new SettlementLine(p.Participant, p.Charge, Money.ToCents(p.Exact), p.Detail)).ToList();
        var rounding = -lines.Sum(l => l.Amount);
        lines.Add(new SettlementLine(SettlementLine.Operator, Charges.Rounding, rounding, null));
        lines.Sort(SettlementLine.Order);

        var operatorLine = (string charge) => lines.First(l => l.Participant == SettlementLine.Operator && l.Charge == charge).Amount;
        var totals = new SettlementTotals(
            CongestionRent: operatorLine(Charges.CongestionRent),
            ZonalRent: Money.ToCents(zonalRent),
            ConstrainedPayments: lines.Where(l => l.Charge is Charges.ConstrainedOn or Charges.ConstrainedOff).Sum(l => l.Amount),
            UpliftOffset: -operatorLine(Charges.Uplift),
            UpliftCharged: -lines.Where(l => l.Charge == Charges.Uplift && l.Participant != SettlementLine.Operator).Sum(l => l.Amount),
            Rounding: rounding);
        // Each side's money, from the same rounded amounts as the lines (a resource's lines are its own).
        decimal SideTotal(ResourceKind side) => pending.Where(p => p.Side == side).Sum(p => Money.ToCents(p.Exact));
        return new SettlementResult(zonal, lines.AsReadOnly(), totals)
        {
            GeneratorRevenue = SideTotal(ResourceKind.Generator),
            LoadPayments = -SideTotal(ResourceKind.Load),
        };
    }

    /// <summary>−Σ (energy + loss component)·injection·hours over settled resources and schedule legs (0 when lossless).</summary>
    private static decimal LossSurplus(SettlementInput input, double hours)
    {
        if (input.LossPrices is not { } prices)
        {
            return 0;
        }

        decimal surplus = 0;
        foreach (var r in input.Resources)
        {
            var mw = input.MwOf(r.Id);
            if (mw != 0)
            {
                surplus -= Money.Amount(r.Kind == ResourceKind.Generator ? mw : -mw, prices[r.Bus], hours, "settlement");
            }
        }

        foreach (var s in input.FinalSchedules)
        {
            foreach (var leg in s.Legs)
            {
                surplus -= Money.Amount(leg.Mw, prices[leg.Bus], hours, "settlement");
            }
        }

        return surplus;
    }

    /// <summary>Constrained-on and -off dollars of one zonal generator at zonal generation price <paramref name="z"/>.</summary>
    internal static (decimal On, decimal Off) ConstrainedPayments(Resource r, OfferCurve offer, double clearedMw, double z, double hours)
    {
        if (clearedMw > offer.CapacityMw + CapacityToleranceMw)
        {
            throw new InvalidInputException("dispatch", null, $"generator {r.Id} cleared {clearedMw} MW, above its offered {offer.CapacityMw} MW");
        }

        decimal on = 0, off = 0;
        var remaining = clearedMw;
        foreach (var step in offer.Steps)
        {
            var dispatched = Math.Clamp(remaining, 0, step.Mw);
            remaining -= dispatched;
            var idle = step.Mw - dispatched;
            if (step.Price > z && dispatched > NoiseMw)
            {
                on += Money.Amount(dispatched, step.Price - z, hours, "settlement");
            }
            else if (step.Price <= z && idle > NoiseMw)
            {
                off += Money.Amount(idle, z - step.Price, hours, "settlement");
            }
        }

        return (on, off);
    }

    /// <summary>R_z = Σ_zones (L − G) × min(zonal load MWh, zonal generation MWh): see the class remarks.</summary>
    private static decimal ZonalRent(SettlementInput input, ZoneOfBus zoneOfBus, IReadOnlyList<ZonalPrice> zonal, double hours)
    {
        var loadMw = new double[zonal.Count];
        var genMw = new double[zonal.Count];
        foreach (var r in input.Resources)
        {
            var z = zoneOfBus.IndexOf(r.Bus);
            if (r.Settlement != Election.Zonal || z < 0)
            {
                continue;
            }

            if (r.Kind == ResourceKind.Load)
            {
                loadMw[z] += input.MwOf(r.Id);
            }
            else
            {
                genMw[z] += input.MwOf(r.Id);
            }
        }

        decimal rent = 0;
        for (var z = 0; z < zonal.Count; z++)
        {
            var matched = Math.Min(loadMw[z], genMw[z]);
            if (matched > 0)
            {
                rent += Money.Amount(matched, zonal[z].LoadPrice - zonal[z].GenerationPrice, hours, "settlement");
            }
        }

        return rent;
    }

    private sealed record PendingLine(string Participant, string Charge, decimal Exact, string? Detail)
    {
        /// <summary>Whose money a resource's line is (energy, constrained payments, uplift), null for others.</summary>
        public ResourceKind? Side { get; init; }
    }
}
