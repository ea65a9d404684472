namespace Gridclear.Designs.Comparison;

/// <summary>
/// The quantities a design comparison reports (FORMATS "Design comparison"), each measured per interval in dollars
/// (or $/MWh) and then aggregated over the intervals: summed, or averaged where a sum means nothing.
/// </summary>
public static class ComparisonQuantities
{
    /// <summary>The true offer cost of the final physical dispatch: Σ generators' offer cost (after any redispatch).</summary>
    public const string ProductionCost = "production_cost";

    /// <summary>Offers minus bids of the final physical dispatch ($, the clearing's objective plus redispatch).</summary>
    public const string AsBidCost = "as_bid_cost";

    /// <summary>What load resources paid: energy and uplift.</summary>
    public const string LoadPayments = "load_payments";

    /// <summary>What generator resources were paid: energy and constrained-on/off.</summary>
    public const string GeneratorRevenue = "generator_revenue";

    /// <summary>The operator's congestion rent line.</summary>
    public const string CongestionRent = "congestion_rent";

    /// <summary>What the operator paid to redispatch the commercial model's schedule to a feasible one.</summary>
    public const string RedispatchCost = "redispatch_cost";

    /// <summary>Constrained-on and -off payments (the cost uplift recovers).</summary>
    public const string Uplift = "uplift";

    /// <summary>The part of <see cref="Uplift"/> charged to loads.</summary>
    public const string UpliftCharged = "uplift_charged";

    /// <summary>Nomogram usage charges paid by schedules and resources (net of counterflow).</summary>
    public const string UsageCharges = "usage_charges";

    /// <summary>Net FTR payments to holders.</summary>
    public const string FtrPayments = "ftr_payments";

    /// <summary>Σ positive FTR targets (what holders were owed).</summary>
    public const string FtrTargets = "ftr_targets";

    /// <summary>The part of positive FTR targets not paid (revenue inadequacy).</summary>
    public const string FtrShortfall = "ftr_shortfall";

    /// <summary>Share of positive FTR targets paid over all intervals, 1 − Σ shortfall / Σ positive targets (1 when
    /// nothing was owed).</summary>
    public const string FtrFunding = "ftr_funding";

    /// <summary>Highest minus lowest price a load pays across the buses, $/MWh; averaged over intervals.</summary>
    public const string PriceSpread = "price_spread";

    /// <summary>Every per-interval quantity, in report order.</summary>
    public static IReadOnlyList<string> Measured { get; } =
    [
        ProductionCost, AsBidCost, LoadPayments, GeneratorRevenue, CongestionRent, RedispatchCost, Uplift, UpliftCharged,
        UsageCharges, FtrPayments, FtrTargets, FtrShortfall, PriceSpread,
    ];

    /// <summary>True for quantities whose aggregate is the mean over intervals, not the sum.</summary>
    public static bool IsAveraged(string quantity) => quantity == PriceSpread;
}
