using System.Globalization;

namespace Gridclear.Ftr;

/// <summary>
/// The days an FTR is in force (F4): from <see cref="Start"/> to <see cref="End"/>, both included. Auctions are
/// annual, seasonal or monthly; a term is at most a year (End before Start plus one year), so e.g.
/// 2027-01-01..2027-12-31 is the longest term starting on 1 January.
/// </summary>
public sealed record FtrTerm
{
    public FtrTerm(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentException($"term {Text(start)}..{Text(end)}: the end is before the start");
        }

        if (end >= start.AddYears(1))
        {
            throw new ArgumentException($"term {Text(start)}..{Text(end)} is longer than a year (the last day can be {Text(start.AddYears(1).AddDays(-1))})");
        }

        Start = start;
        End = end;
    }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    /// <summary>Whether <paramref name="day"/> is one of the term's days.</summary>
    public bool Contains(DateOnly day) => Start <= day && day <= End;

    /// <summary>Whether the two terms share a day.</summary>
    public bool Overlaps(FtrTerm other) => Start <= other.End && other.Start <= End;

    /// <summary>Whether every day of <paramref name="other"/> is in this term.</summary>
    public bool Covers(FtrTerm other) => Start <= other.Start && other.End <= End;

    public override string ToString() => $"{Text(Start)}..{Text(End)}";

    /// <summary>ISO 8601 calendar date, yyyy-mm-dd: how terms are written in files.</summary>
    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses yyyy-mm-dd exactly.</summary>
    public static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
