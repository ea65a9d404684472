namespace Gridclear.Market;

/// <summary>
/// A load's demand bid: steps in order (segment 1 first), prices non-increasing, at least one step: the load
/// takes step k only while the price is at most its price.
/// </summary>
public sealed class BidCurve
{
    public BidCurve(IReadOnlyList<PriceStep> steps)
    {
        Steps = StepOrder.Check(steps, rising: false, "bid");
        TotalMw = Steps.Sum(s => s.Mw);
    }

    /// <summary>The steps, segment 1 first; prices never rise.</summary>
    public IReadOnlyList<PriceStep> Steps { get; }

    /// <summary>Σ step MW: the most the load can take.</summary>
    public double TotalMw { get; }
}
