namespace Gridclear.Settlement;

/// <summary>
/// Money arithmetic of the settlement. Amounts are <see cref="decimal"/> dollars, computed exactly from the
/// physical quantities (MW, $/MWh, hours are doubles) and rounded to cents at ONE step, <see cref="ToCents"/>,
/// when a settlement line is issued. The operator's <c>rounding</c> row books what rounding moved, so that a
/// run's lines sum to exactly zero.
/// </summary>
public static class Money
{
    /// <summary>
    /// Rounds dollars to cents, half to even (banker's rounding): unbiased, so over many lines the rounding
    /// residual drifts neither way. The per-line error is at most half a cent.
    /// </summary>
    public static decimal ToCents(decimal dollars) => Math.Round(dollars, 2, MidpointRounding.ToEven);

    /// <summary>
    /// MW × $/MWh × hours as an exact decimal: each double is converted once (to its 15 significant digits),
    /// then the product is formed in decimal so no binary rounding enters the money.
    /// </summary>
    /// <exception cref="InvalidInputException">when a factor is not finite or the product overflows.</exception>
    public static decimal Amount(double mw, double price, double hours, string source)
    {
        if (!double.IsFinite(mw) || !double.IsFinite(price) || !double.IsFinite(hours))
        {
            throw new InvalidInputException(source, null, $"non-finite quantity in an amount: {mw} MW × {price} $/MWh × {hours} h");
        }

        try
        {
            return (decimal)mw * (decimal)price * (decimal)hours;
        }
        catch (OverflowException e)
        {
            throw new InvalidInputException(source, null, $"amount out of range: {mw} MW × {price} $/MWh × {hours} h", e);
        }
    }
}
