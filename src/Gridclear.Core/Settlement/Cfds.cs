using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>What a mitigation instrument pays (cfds.csv <c>kind</c>, M2).</summary>
public enum CfdKind
{
    /// <summary>A contract for differences: (price − strike) × MW either way.</summary>
    Cfd,

    /// <summary>A call option: (price − strike) × MW when positive, else nothing.</summary>
    CallOption,
}

/// <summary>
/// A mitigation instrument with a defined quantity and term (cfds.csv, M2), settled against the day-ahead price at its
/// location, between its holder and its counterparty (outside the operator's accounts).
/// </summary>
/// <param name="Location">What cfds.csv names: a bus number, a hub or a zone (the price is resolved by the reader).</param>
/// <param name="Start">First day in force, or null: no term (in force every day).</param>
/// <param name="End">Last day in force (inclusive), or null.</param>
/// <param name="Interval">The one interval the row applies to, or null: every interval.</param>
public sealed record Cfd(string Id, string Holder, string Counterparty, string Location, double Mw, double Strike, CfdKind Kind, DateOnly? Start, DateOnly? End, int? Interval)
{
    public string Id { get; } = InputChecks.Id(Id, "cfd id");

    public string Holder { get; } = InputChecks.Id(Holder, $"holder of cfd {Id}");

    public string Counterparty { get; } = Counterparty != Holder
        ? InputChecks.Id(Counterparty, $"counterparty of cfd {Id}")
        : throw new ArgumentException($"cfd {Id}: the holder {Holder} cannot be its own counterparty");

    public double Mw { get; } = InputLimits.Mw(InputChecks.Positive(Mw, $"mw of cfd {Id}"), $"mw of cfd {Id}");

    public double Strike { get; } = InputLimits.Price(InputChecks.Finite(Strike, $"strike of cfd {Id}"), $"strike of cfd {Id}");

    public bool InForceOn(DateOnly day) => (Start is null || Start <= day) && (End is null || day <= End);
}

/// <summary>
/// Settles mitigation instruments (M2) for one interval: the holder receives (price − strike) × MW × hours (a call
/// option only when positive), rounded to the cent, and its counterparty pays exactly that, so the lines of each
/// instrument sum to zero on their own. Charge <c>cfd</c> or <c>call_option</c>.
/// </summary>
public static class CfdSettlement
{
    public const string CfdCharge = "cfd";
    public const string CallOptionCharge = "call_option";

    /// <param name="priceAt">The day-ahead price at an instrument's location in this interval, $/MWh.</param>
    /// <param name="day">The market day: instruments out of their term do not settle. Null: every instrument settles.</param>
    public static IReadOnlyList<SettlementLine> Lines(IEnumerable<Cfd> cfds, Func<Cfd, double> priceAt, int interval, double hours, DateOnly? day)
    {
        var lines = new List<SettlementLine>();
        foreach (var c in cfds)
        {
            if ((c.Interval is { } k && k != interval) || (day is { } d && !c.InForceOn(d)))
            {
                continue;
            }

            var price = priceAt(c);
            var difference = c.Kind == CfdKind.CallOption ? Math.Max(0, price - c.Strike) : price - c.Strike;
            var amount = Math.Round(Money.Amount(c.Mw, difference, hours, "cfds.csv"), 2, MidpointRounding.AwayFromZero);
            if (amount == 0)
            {
                continue;
            }

            var charge = c.Kind == CfdKind.CallOption ? CallOptionCharge : CfdCharge;
            var detail = $"{c.Id} at {c.Location}: {DetailText.Mw(c.Mw * hours)} MWh × ({DetailText.Price(price)} − strike {DetailText.Price(c.Strike)})";
            lines.Add(new SettlementLine(c.Holder, charge, amount, detail));
            lines.Add(new SettlementLine(c.Counterparty, charge, -amount, detail));
        }

        return lines;
    }
}
