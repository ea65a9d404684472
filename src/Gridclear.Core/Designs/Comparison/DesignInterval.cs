namespace Gridclear.Designs.Comparison;

/// <summary>
/// One design's outcome in one interval: the quantities of <see cref="ComparisonQuantities"/> (dollars rounded to
/// cents, prices to 1e-6), each participant's net settlement (operator included, summing to zero), and the price a
/// load pays at each bus. Decimal throughout, so sums over intervals are exact and do not depend on their order:
/// that is what makes sharded runs merge to the bytes of an unsharded one.
/// </summary>
/// <param name="Design">The design.</param>
/// <param name="Interval">1-based interval of the market folder.</param>
/// <param name="Quantities">By name of <see cref="ComparisonQuantities.Measured"/>, every one present.</param>
/// <param name="Nets">Net settlement by participant, dollars.</param>
/// <param name="BusPrices">The price a load at each bus pays under the design, $/MWh, by external bus number.</param>
public sealed record DesignInterval(
    MarketDesign Design,
    int Interval,
    IReadOnlyDictionary<string, decimal> Quantities,
    IReadOnlyDictionary<string, decimal> Nets,
    IReadOnlyDictionary<int, decimal> BusPrices)
{
    /// <summary>A price as the comparison keeps it: to 1e-6 $/MWh (the outputs' precision).</summary>
    public static decimal Price(double price) => Math.Round((decimal)price, 6, MidpointRounding.ToEven);

    /// <summary>Dollars as the comparison keeps them: to the cent.</summary>
    public static decimal Dollars(double dollars) => Math.Round((decimal)dollars, 2, MidpointRounding.ToEven);
}
