using System.Globalization;

namespace Gridclear;

/// <summary>
/// The physical and economic limits every input respects (README "Input limits"). They are far beyond any real
/// system (the largest interconnection's load is about 7e5 MW; offer caps are a few thousand $/MWh) and far below
/// what breaks the arithmetic: the LP solver aborts the process on costs of 1e25, and a load of 1e30 MW or a price
/// of 1e308 swamps every other number of the market. Readers refuse values beyond them with the file and line; the
/// engine's records and the network compiler refuse them again, so a caller of the engine is protected too.
/// </summary>
public static class InputLimits
{
    /// <summary>The largest MW of one row (a bus load, a generator's limits, an offer or bid step, a fixed demand, a
    /// schedule leg, a constraint limit): 1e7 MW, fourteen times the largest interconnection's load, so even a
    /// 1e6 MW shortage still clears (relaxed at the penalty price).</summary>
    public const double MaxMw = 1e7;

    /// <summary>The largest price in absolute value, $/MWh (offers, bids, adjustment bids, caps): 1e6.</summary>
    public const double MaxPrice = 1e6;

    /// <summary>The largest cost in absolute value, $/h (a gencost constant term, a piecewise-linear cost point):
    /// <see cref="MaxMw"/> × <see cref="MaxPrice"/>.</summary>
    public const double MaxCost = MaxMw * MaxPrice;

    /// <summary>The largest weight or coefficient (hub weights, interface weights, nomogram coefficients) in
    /// absolute value: 1e6.</summary>
    public const double MaxFactor = 1e6;

    /// <summary>Null when |value| ≤ limit, else the problem ("mw 1E+30 is beyond the limit of ±1E+07 MW").</summary>
    public static string? Beyond(double value, double limit, string what, string unit) =>
        Math.Abs(value) <= limit
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{what} {value:G6} is beyond the limit of ±{Text(limit)}{(unit.Length > 0 ? " " + unit : "")} (README: input limits)");

    /// <summary>A limit as written in the README: a power of ten as 1e7.</summary>
    public static string Text(double limit)
    {
        var exponent = Math.Round(Math.Log10(limit));
        return Math.Pow(10, exponent) == limit ? string.Create(CultureInfo.InvariantCulture, $"1e{exponent}") : limit.ToString("G6", CultureInfo.InvariantCulture);
    }

    /// <summary>The value when |value| ≤ <see cref="MaxMw"/>, else an <see cref="ArgumentException"/>.</summary>
    public static double Mw(double value, string what) => Checked(value, MaxMw, what, "MW");

    /// <summary>The value when |value| ≤ <see cref="MaxPrice"/>, else an <see cref="ArgumentException"/>.</summary>
    public static double Price(double value, string what) => Checked(value, MaxPrice, what, "$/MWh");

    /// <summary>The value when |value| ≤ <see cref="MaxFactor"/>, else an <see cref="ArgumentException"/>.</summary>
    public static double Factor(double value, string what) => Checked(value, MaxFactor, what, "");

    private static double Checked(double value, double limit, string what, string unit) =>
        Beyond(value, limit, what, unit) is { } problem ? throw new ArgumentException(problem) : value;
}
