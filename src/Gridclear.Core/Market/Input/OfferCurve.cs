namespace Gridclear.Market;

/// <summary>
/// A generator's supply offer: steps in order (segment 1 first), prices non-decreasing, at least one step.
/// Its capacity is the sum of the step widths (FORMATS.md: a generator's capacity is the sum of its offer steps).
/// </summary>
public sealed class OfferCurve
{
    public OfferCurve(IReadOnlyList<PriceStep> steps)
    {
        Steps = StepOrder.Check(steps, rising: true, "offer");
        CapacityMw = Steps.Sum(s => s.Mw);
    }

    /// <summary>The steps, segment 1 first; prices never fall.</summary>
    public IReadOnlyList<PriceStep> Steps { get; }

    /// <summary>Σ step MW: the most the generator can produce.</summary>
    public double CapacityMw { get; }
}
