namespace Gridclear.Market;

/// <summary>One step of an offer, bid or adjustment curve: <paramref name="Mw"/> MW more at <paramref name="Price"/>.</summary>
/// <param name="Mw">Width of the step, MW (&gt; 0, finite).</param>
/// <param name="Price">Price of the step, $/MWh (finite; negative prices are allowed, D1).</param>
public sealed record PriceStep(double Mw, double Price)
{
    public double Mw { get; } = InputLimits.Mw(InputChecks.Positive(Mw, "step mw"), "step mw");

    public double Price { get; } = InputLimits.Price(InputChecks.Finite(Price, "step price"), "step price");
}
