using System.Globalization;

namespace Gridclear.Settlement;

/// <summary>The wording of a settlement line's detail: short, comma-free, invariant culture.</summary>
internal static class DetailText
{
    public static string Mw(double mw) => mw.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Price(double price) => price.ToString("0.000000", CultureInfo.InvariantCulture);
}
