using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>A schedule in real time: its legs as cleared in real time and as cleared day-ahead (none when new, R3).</summary>
public sealed record RealTimeSchedule(string Schedule, string Participant, IReadOnlyList<ScheduleLeg> RealTimeLegs, IReadOnlyList<ScheduleLeg> DayAheadLegs)
{
    public bool IsNew => DayAheadLegs.Count == 0;
}

/// <summary>One real-time interval to settle.</summary>
/// <param name="BusLmp">Real-time LMP by external bus number.</param>
/// <param name="Zones">The zones in force (profile-metered loads settle at their zone's average price).</param>
/// <param name="Resources">Every resource of the market.</param>
/// <param name="DayAheadMw">Day-ahead MW by resource (0 when absent).</param>
/// <param name="RealTimeMw">Real-time MW by resource (0 when absent).</param>
/// <param name="Schedules">Schedules submitted in real time.</param>
/// <param name="Hours">Length of the interval, hours.</param>
public sealed record RealTimeSettlementInput(
    IReadOnlyDictionary<int, double> BusLmp,
    IReadOnlyList<Zone> Zones,
    IReadOnlyList<Resource> Resources,
    IReadOnlyDictionary<string, double> DayAheadMw,
    IReadOnlyDictionary<string, double> RealTimeMw,
    IReadOnlyList<RealTimeSchedule> Schedules,
    double Hours)
{
    /// <summary>With marginal losses (<c>--losses marginal</c>): energy + loss component of each bus's real-time LMP, by
    /// external bus number; null when lossless (no <c>rt_loss_surplus</c> line).</summary>
    public IReadOnlyDictionary<int, double>? LossPrices { get; init; }

    /// <summary>The market the charges are named for: <c>rt</c> (real time) or <c>ha</c> (the hour-ahead iteration,
    /// R4): <c>rt_energy</c> or <c>ha_energy</c> and so on.</summary>
    public string Market { get; init; } = RealTimeSettlement.RealTimeMarket;
}

/// <summary>A resource's deviation from its day-ahead MW and what it settled at.</summary>
/// <param name="Basis">"bus" (interval-metered) or "zone NAME" (profile-metered, R5).</param>
public sealed record ResourceDeviation(string Resource, string Participant, int Bus, ResourceKind Kind, double DayAheadMw, double RealTimeMw, double Price, string Basis, decimal Amount)
{
    public double DeviationMw => RealTimeMw - DayAheadMw;
}

/// <summary>A real-time settlement: lines in cents summing to exactly zero, the deviations, the zones' profile prices.</summary>
public sealed record RealTimeSettlementResult(IReadOnlyList<SettlementLine> Lines, IReadOnlyList<ResourceDeviation> Deviations, IReadOnlyDictionary<string, double> ProfilePrices);

/// <summary>
/// The real-time half of the two-settlement system (R2, R3, R5, D13; 004 II.A). The day-ahead settlement is binding and
/// untouched; real time settles only deviations, at real-time bus prices whatever the day-ahead election:
/// <list type="bullet">
/// <item><c>rt_energy</c>, one line per resource and interval: (rt_mw − da_mw) × price × hours for a generator, the
/// opposite sign for a load (a generator producing more is paid, a load consuming more pays). The price is the real-time
/// LMP of the resource's bus, or for a profile-metered load (no interval meter, R5) the load-weighted average real-time
/// price of its zone (weights: the real-time MW of the zone's loads; the plain average of its buses when it has none).</item>
/// <item><c>rt_usage</c>: a schedule submitted in real time settles Σ (rt leg − day-ahead leg) × LMP × hours over its
/// legs (injections paid, withdrawals pay): for a schedule new in real time that is minus its usage charge (R3).</item>
/// <item>No constrained-on/off payments, no uplift (R2).</item>
/// <item>The operator: with marginal losses <c>rt_loss_surplus</c> = −Σ (energy + loss component) × deviation MWh over
/// every deviation and schedule change (as the day-ahead <c>loss_surplus</c>, on deviations only);
/// <c>rt_congestion_rent</c> = minus the sum of the lines above and the loss surplus (exact); and <c>rounding</c>, so
/// that the interval's lines sum to exactly 0.00.</item>
/// </list>
/// </summary>
public static class RealTimeSettlement
{
    public const string Energy = "rt_energy";
    public const string Usage = "rt_usage";
    public const string CongestionRent = "rt_congestion_rent";
    public const string LossSurplus = "rt_loss_surplus";

    /// <summary>The prefix of real-time charges.</summary>
    public const string RealTimeMarket = "rt";

    /// <summary>The prefix of the hour-ahead iteration's charges (R4): <c>ha_energy</c>, <c>ha_usage</c>,
    /// <c>ha_congestion_rent</c>, <c>ha_loss_surplus</c>.</summary>
    public const string HourAheadMarket = "ha";

    /// <summary>A charge of <paramref name="market"/>: <c>rt_energy</c> → <c>ha_energy</c> for the hour ahead.</summary>
    public static string Charge(string market, string realTimeCharge) =>
        market == RealTimeMarket ? realTimeCharge : market + realTimeCharge[RealTimeMarket.Length..];

    public static RealTimeSettlementResult Settle(RealTimeSettlementInput input)
    {
        var hours = SettlementInput.CheckHours(input.Hours);
        var (energy, usage, rent, loss) = (Charge(input.Market, Energy), Charge(input.Market, Usage), Charge(input.Market, CongestionRent), Charge(input.Market, LossSurplus));
        var zoneOfBus = new ZoneOfBus(input.Zones);
        var profile = ProfilePrices(input, zoneOfBus);
        var pending = new List<(string Participant, string Charge, decimal Exact, string Detail)>();
        var deviations = new List<ResourceDeviation>(input.Resources.Count);
        decimal market = 0;
        decimal lossSurplus = 0;
        foreach (var r in input.Resources)
        {
            var da = input.DayAheadMw.GetValueOrDefault(r.Id);
            var rt = input.RealTimeMw.GetValueOrDefault(r.Id);
            var (price, basis) = PriceOf(r, input, zoneOfBus, profile);
            var sign = r.Kind == ResourceKind.Generator ? 1.0 : -1.0;
            var exact = Money.Amount(sign * (rt - da), price, hours, "real-time settlement");
            market += exact;
            lossSurplus -= LossAmount(input, r.Bus, sign * (rt - da), hours);
            pending.Add((r.Participant, energy, exact, $"{r.Id} bus {r.Bus}: {DetailText.Mw((rt - da) * hours)} MWh deviation ({DetailText.Mw(rt)} MW real time, {DetailText.Mw(da)} MW day-ahead) at {DetailText.Price(price)} ({basis})"));
            deviations.Add(new ResourceDeviation(r.Id, r.Participant, r.Bus, r.Kind, da, rt, price, basis, Money.ToCents(exact)));
        }

        foreach (var s in input.Schedules)
        {
            decimal exact = 0;
            var legs = new List<string>();
            foreach (var bus in s.RealTimeLegs.Select(l => l.Bus).Concat(s.DayAheadLegs.Select(l => l.Bus)).Distinct())
            {
                var mw = (s.RealTimeLegs.FirstOrDefault(l => l.Bus == bus)?.Mw ?? 0) - (s.DayAheadLegs.FirstOrDefault(l => l.Bus == bus)?.Mw ?? 0);
                var price = input.BusLmp.TryGetValue(bus, out var p) ? p : throw new InvalidInputException("real-time prices", null, $"no price at bus {bus} of schedule {s.Schedule}");
                exact += Money.Amount(mw, price, hours, "real-time settlement");
                lossSurplus -= LossAmount(input, bus, mw, hours);
                legs.Add($"{(mw >= 0 ? "+" : string.Empty)}{DetailText.Mw(mw * hours)} MWh bus {bus} at {DetailText.Price(price)}");
            }

            market += exact;
            pending.Add((s.Participant, usage, exact, $"{s.Schedule}{(s.IsNew ? " (new in real time)" : " (change from day-ahead)")}: {string.Join("; ", legs)}"));
        }

        if (input.LossPrices is not null)
        {
            pending.Add((SettlementLine.Operator, loss, lossSurplus, "energy and loss components of the real-time deviations"));
        }

        pending.Add((SettlementLine.Operator, rent, -market - lossSurplus, input.Market == RealTimeMarket ? "real-time deviations and schedules at real-time prices" : "hour-ahead deviations and schedules at hour-ahead prices"));
        var lines = pending.Select(p => new SettlementLine(p.Participant, p.Charge, Money.ToCents(p.Exact), p.Detail)).ToList();
        lines.Add(new SettlementLine(SettlementLine.Operator, Charges.Rounding, -lines.Sum(l => l.Amount), null));
        lines.Sort(SettlementLine.Order);
        return new RealTimeSettlementResult(lines.AsReadOnly(), deviations, profile);
    }

    /// <summary>(energy + loss) × MW × hours at a bus, exact; 0 when lossless.</summary>
    private static decimal LossAmount(RealTimeSettlementInput input, int bus, double injectionMw, double hours)
    {
        if (input.LossPrices is not { } prices || injectionMw == 0)
        {
            return 0;
        }

        return prices.TryGetValue(bus, out var p)
            ? Money.Amount(injectionMw, p, hours, "real-time settlement")
            : throw new InvalidInputException("real-time prices", null, $"no loss price at bus {bus}");
    }

    private static (double Price, string Basis) PriceOf(Resource r, RealTimeSettlementInput input, ZoneOfBus zoneOfBus, IReadOnlyDictionary<string, double> profile)
    {
        if (r.Kind == ResourceKind.Load && r.Metering == Metering.Profile)
        {
            var z = zoneOfBus.IndexOf(r.Bus);
            if (z < 0)
            {
                throw new InvalidInputException("zones", null, $"profile-metered load {r.Id} is at bus {r.Bus}, which is in no zone");
            }

            var zone = zoneOfBus.Zones[z].Id;
            return (profile[zone], $"zone {zone} load-weighted average");
        }

        return input.BusLmp.TryGetValue(r.Bus, out var p)
            ? (p, "bus")
            : throw new InvalidInputException("real-time prices", null, $"no price at bus {r.Bus} of resource {r.Id}");
    }

    /// <summary>Each zone's load-weighted average real-time price (R5): Σ mw × lmp / Σ mw over its loads' real-time MW.</summary>
    private static Dictionary<string, double> ProfilePrices(RealTimeSettlementInput input, ZoneOfBus zoneOfBus)
    {
        var prices = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var z = 0; z < zoneOfBus.Zones.Count; z++)
        {
            var zone = zoneOfBus.Zones[z];
            double weighted = 0, weight = 0;
            foreach (var r in input.Resources.Where(r => r.Kind == ResourceKind.Load && zoneOfBus.IndexOf(r.Bus) == z))
            {
                var mw = Math.Max(0, input.RealTimeMw.GetValueOrDefault(r.Id));
                if (input.BusLmp.TryGetValue(r.Bus, out var p))
                {
                    weighted += mw * p;
                    weight += mw;
                }
            }

            var buses = zone.Buses.Where(input.BusLmp.ContainsKey).ToList();
            prices[zone.Id] = weight > 0 ? weighted / weight : buses.Count > 0 ? buses.Average(b => input.BusLmp[b]) : 0;
        }

        return prices;
    }
}
