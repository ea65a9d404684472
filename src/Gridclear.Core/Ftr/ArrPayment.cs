namespace Gridclear.Ftr;

/// <summary>What one auction revenue right receives: <paramref name="ValuePerMw"/> = price(sink) − price(source) at
/// the auction's nodal prices, $/MW; <see cref="Target"/> = value × MW, rounded to cents (what it is owed);
/// <paramref name="Amount"/> what it is paid: a positive target times the funding ratio, rounded down to the cent; a
/// negative target in full (the holder pays).</summary>
public sealed record ArrPayment(string Arr, string Holder, double Mw, double ValuePerMw, decimal Amount)
{
    public decimal Target { get; init; } = Amount;
}

/// <summary>Distribution of an auction's revenue to ARR holders (F5): ARR payments never exceed what the auction
/// raised. Positive targets are paid from the revenue plus what negatively valued ARRs pay in; when that falls short,
/// every positive target is cut by the same funding ratio (pro rata) and the shortfall reported.</summary>
/// <param name="Revenue">The auction's revenue, $.</param>
/// <param name="Remainder">Revenue less Σ ARR payments: the operator's account, never negative.</param>
public sealed record ArrDistribution(IReadOnlyList<ArrPayment> Payments, decimal Revenue, decimal Remainder)
{
    /// <summary>Σ positive targets, $: what the ARRs are owed before any cut.</summary>
    public decimal PositiveTargets { get; init; }

    /// <summary>Σ |negative targets|, $: paid in by holders of ARRs valued below zero.</summary>
    public decimal Charges { get; init; }

    /// <summary>Share of the positive targets paid: 1, or (revenue + charges) / positive targets when short.</summary>
    public decimal FundingRatio { get; init; } = 1m;

    /// <summary>Positive targets less revenue and charges when that is above 0, $: what the ARRs were not paid.</summary>
    public decimal Shortfall { get; init; }

    public static ArrDistribution Of(IReadOnlyList<Arr> arrs, IReadOnlyList<double> auctionBusPrices, decimal auctionRevenue)
    {
        var values = new double[arrs.Count];
        var targets = new decimal[arrs.Count];
        decimal positive = 0, charges = 0;
        for (var k = 0; k < arrs.Count; k++)
        {
            values[k] = arrs[k].Path.Value(auctionBusPrices);
            targets[k] = Math.Round((decimal)values[k] * (decimal)arrs[k].Mw, 2, MidpointRounding.AwayFromZero);
            if (targets[k] > 0)
            {
                positive += targets[k];
            }
            else
            {
                charges -= targets[k];
            }
        }

        var available = auctionRevenue + charges;
        var ratio = positive <= available ? 1m : available <= 0 ? 0m : available / positive;
        var payments = new List<ArrPayment>(arrs.Count);
        decimal paid = 0;
        for (var k = 0; k < arrs.Count; k++)
        {
            // Round down so the cut payments never exceed what the auction raised.
            var amount = targets[k] > 0 && ratio < 1 ? Math.Floor(targets[k] * ratio * 100) / 100 : targets[k];
            payments.Add(new ArrPayment(arrs[k].Id, arrs[k].Holder, arrs[k].Mw, values[k], amount) { Target = targets[k] });
            paid += amount;
        }

        return new ArrDistribution(payments, auctionRevenue, auctionRevenue - paid)
        {
            PositiveTargets = positive,
            Charges = charges,
            FundingRatio = ratio,
            Shortfall = Math.Max(0, positive - available),
        };
    }
}
