namespace Gridclear.Market;

/// <summary>
/// Reliability must-run units in the market (D14): a must-run generator's first <see cref="Resource.MustRunMw"/> are
/// dispatched whatever the price (a fixed, price-taking injection); above them it offers at its
/// <see cref="Resource.MitigatedPrice"/> (when it has one, instead of its own offer) and can set prices like any offer.
/// </summary>
internal static class MustRun
{
    /// <summary>
    /// The offer a must-run generator clears with: its curve (all of its capacity at the mitigated price, when there
    /// is one) less the first must-run MW, and the as-offered cost of those MW, $/h (part of the objective).
    /// </summary>
    public static (double FixedCost, IReadOnlyList<PriceStep> Steps) Split(Resource resource, OfferCurve offer)
    {
        IReadOnlyList<PriceStep> curve = resource.MitigatedPrice is { } price ? [new PriceStep(offer.CapacityMw, price)] : offer.Steps;
        var left = resource.MustRunMw;
        if (left <= 0)
        {
            return (0, curve);
        }

        var cost = 0.0;
        var rest = new List<PriceStep>(curve.Count);
        foreach (var step in curve)
        {
            var taken = Math.Min(left, step.Mw);
            cost += taken * step.Price;
            left -= taken;

            // What is left of a step by round-off (far below a MW) is not worth a column.
            if (step.Mw - taken > 1e-9)
            {
                rest.Add(new PriceStep(step.Mw - taken, step.Price));
            }
        }

        return (cost, rest);
    }
}
