using System.Globalization;

namespace Gridclear.IO.Results;

/// <summary>The number and field formats shared by the result writers (FORMATS.md): invariant culture,
/// prices with 6 decimals, money with 2.</summary>
internal static class CsvText
{
    /// <summary>$/MWh with 6 fixed decimals: 1e-6 $/MWh is below any settlement significance, and fixed
    /// width keeps files diff-able across runs. Negative zero is written as 0.</summary>
    public static string Price(double price)
    {
        var s = price.ToString("F6", CultureInfo.InvariantCulture);
        return s == "-0.000000" ? "0.000000" : s;
    }

    /// <summary>Dollars with 2 decimals (amounts are already in cents).</summary>
    public static string Money(decimal amount) => amount.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, only when the field needs it.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
