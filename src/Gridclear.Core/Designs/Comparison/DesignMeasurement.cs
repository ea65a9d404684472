using Gridclear.Ftr;
using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.Designs.Comparison;

/// <summary>Measures one design's outcome of one interval: the quantities of <see cref="ComparisonQuantities"/>.</summary>
public static class DesignMeasurement
{
    /// <param name="dispatch">The final physical dispatch (after any redispatch): its generators' offer cost is the
    /// production cost.</param>
    /// <param name="asBidCostPerHour">Offers minus bids of the final dispatch, $/h.</param>
    /// <param name="settlement">The design's settlement of the interval (it sums to zero).</param>
    /// <param name="ftrs">The FTR settlement of the interval, when the market holds FTRs.</param>
    /// <param name="loadPrices">The price a load at each bus pays under the design, $/MWh, by external bus number.</param>
    /// <param name="hours">The interval's length.</param>
    /// <param name="redispatchCost">What the operator's redispatch cost, dollars (flow-path design).</param>
    /// <param name="usageCharges">Nomogram usage charges collected, dollars (PX design).</param>
    public static DesignInterval Measure(
        MarketDesign design,
        int interval,
        DayAheadResult dispatch,
        double asBidCostPerHour,
        SettlementResult settlement,
        FtrSettlementResult? ftrs,
        IReadOnlyDictionary<int, double> loadPrices,
        double hours,
        decimal redispatchCost = 0,
        decimal usageCharges = 0)
    {
        var production = dispatch.Awards.Where(a => a.Kind == ResourceKind.Generator).Sum(a => a.Cost) * hours;
        var prices = loadPrices.ToDictionary(p => p.Key, p => DesignInterval.Price(p.Value));
        var spread = prices.Count == 0 ? 0 : prices.Values.Max() - prices.Values.Min();
        var quantities = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [ComparisonQuantities.ProductionCost] = DesignInterval.Dollars(production),
            [ComparisonQuantities.AsBidCost] = DesignInterval.Dollars(asBidCostPerHour * hours),
            [ComparisonQuantities.LoadPayments] = settlement.LoadPayments,
            [ComparisonQuantities.GeneratorRevenue] = settlement.GeneratorRevenue,
            [ComparisonQuantities.CongestionRent] = settlement.Totals.CongestionRent,
            [ComparisonQuantities.RedispatchCost] = Money.ToCents(redispatchCost),
            [ComparisonQuantities.Uplift] = settlement.Totals.ConstrainedPayments,
            [ComparisonQuantities.UpliftCharged] = settlement.Totals.UpliftCharged,
            [ComparisonQuantities.UsageCharges] = Money.ToCents(usageCharges),
            [ComparisonQuantities.FtrPayments] = ftrs?.NetPaid ?? 0m,
            [ComparisonQuantities.FtrTargets] = ftrs?.PositiveTargets ?? 0m,
            [ComparisonQuantities.FtrShortfall] = ftrs?.Shortfall ?? 0m,
            [ComparisonQuantities.PriceSpread] = spread,
        };
        var nets = settlement.Statements().ToDictionary(s => s.Participant, s => s.Total, StringComparer.Ordinal);
        return new DesignInterval(design, interval, quantities, nets, prices);
    }
}
