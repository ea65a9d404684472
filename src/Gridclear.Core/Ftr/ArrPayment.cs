namespace Gridclear.Ftr;

/// <summary>What one auction revenue right receives: <paramref name="ValuePerMw"/> = price(sink) − price(source) at
/// the auction's nodal prices, $/MW; <paramref name="Amount"/> = value × MW, rounded to cents (negative: the holder pays).</summary>
public sealed record ArrPayment(string Arr, string Holder, double Mw, double ValuePerMw, decimal Amount);

/// <summary>Distribution of an auction's revenue to ARR holders (F5).</summary>
/// <param name="Revenue">The auction's revenue, $.</param>
/// <param name="Remainder">Revenue less Σ ARR payments: the operator's account (negative when the ARRs are worth
/// more than the auction raised, which a simultaneously feasible ARR set fully released cannot cause).</param>
public sealed record ArrDistribution(IReadOnlyList<ArrPayment> Payments, decimal Revenue, decimal Remainder)
{
    public static ArrDistribution Of(IReadOnlyList<Arr> arrs, IReadOnlyList<double> auctionBusPrices, decimal auctionRevenue)
    {
        var payments = new List<ArrPayment>(arrs.Count);
        decimal paid = 0;
        foreach (var a in arrs)
        {
            var value = a.Path.Value(auctionBusPrices);
            var amount = Math.Round((decimal)value * (decimal)a.Mw, 2, MidpointRounding.AwayFromZero);
            payments.Add(new ArrPayment(a.Id, a.Holder, a.Mw, value, amount));
            paid += amount;
        }

        return new ArrDistribution(payments, auctionRevenue, auctionRevenue - paid);
    }
}
