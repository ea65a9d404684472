using System.Globalization;

namespace Gridclear;

/// <summary>
/// Names (resources, participants, schedules, zones, hubs, FTRs, interfaces, …) are data that reach terminals, text
/// files and spreadsheets. A name must not hold a control character (a terminal escape code, a bidirectional
/// override) and must not begin with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c>, which spreadsheets run as a formula
/// (<c>=HYPERLINK(…)</c>). Text that parses as a number (<c>-120</c>, <c>+5</c>) is a number, never a formula.
/// </summary>
public static class Names
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@'];

    /// <summary>Null when <paramref name="text"/> is safe, else the problem.</summary>
    public static string? Problem(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F')
            {
                return string.Create(CultureInfo.InvariantCulture, $"the text holds the control character U+{(int)c:X4} (names are printed to terminals and written to files: no control characters)");
            }
        }

        if (text.Length > 0 && FormulaStarts.Contains(text[0])
            && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return $"'{text}' begins with '{text[0]}': spreadsheets would run it as a formula, so a name must not begin with =, +, - or @";
        }

        return null;
    }

    /// <summary>The name when safe, else an <see cref="ArgumentException"/> naming <paramref name="what"/>.</summary>
    public static string Checked(string name, string what) =>
        Problem(name) is { } problem ? throw new ArgumentException($"{what}: {problem}") : name;
}
