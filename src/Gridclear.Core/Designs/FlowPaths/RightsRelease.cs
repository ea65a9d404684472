using Gridclear.Ftr;

namespace Gridclear.Designs.FlowPaths;

/// <summary>How long the operator-held rights released to one FTR auction last (001 C, P8).</summary>
public enum ReleasePeriod
{
    Annual,
    Monthly,
    Weekly,
    Daily,
}

/// <summary>One operator-held right offered in an FTR auction: a flowgate right on <paramref name="Path"/> in its
/// direction, <paramref name="Mw"/> MW, for <paramref name="Term"/>.</summary>
public sealed record ReleasedRight(string Id, string Path, double Mw, FtrTerm Term);

/// <summary>
/// The operator's release of the rights it holds below forgiveness for converted contracts (001 C, P8): on an annual,
/// monthly, weekly or daily basis, each path's net operator-held MW is offered in the FTR auction as a flowgate right
/// for the period (held by the operator in ftrs.csv, sold through a sell offer). The auction revenue offsets the
/// operator's inter-zonal congestion costs: a day-ahead run is credited the revenue's share of the term by hours
/// (<see cref="Credit"/>).
/// </summary>
public static class RightsRelease
{
    /// <summary>The term of a release starting on <paramref name="start"/>: a year, a calendar month's length, 7 days
    /// or the day itself, the last day included.</summary>
    public static FtrTerm Term(ReleasePeriod period, DateOnly start) => new(start, period switch
    {
        ReleasePeriod.Annual => start.AddYears(1).AddDays(-1),
        ReleasePeriod.Monthly => start.AddMonths(1).AddDays(-1),
        ReleasePeriod.Weekly => start.AddDays(6),
        _ => start,
    });

    /// <summary>The rights released: one per path whose operator-held MW (netted per path) run in the path's direction.
    /// A net holding against the path's direction is not released (a flowgate right holds a path in its own
    /// direction): <paramref name="notes"/> says so.</summary>
    public static IReadOnlyList<ReleasedRight> Release(IReadOnlyList<PathRight> operatorRights, ReleasePeriod period, DateOnly start, List<string> notes)
    {
        var term = Term(period, start);
        var released = new List<ReleasedRight>();
        foreach (var r in operatorRights)
        {
            if (r.Mw > 0)
            {
                released.Add(new ReleasedRight($"release-{r.Path}-{FtrTerm.Text(term.Start)}", r.Path, r.Mw, term));
            }
            else
            {
                notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"operator-held rights on {r.Path} net {r.Mw:0.###} MW against the path's direction: not released (a flowgate right holds a path in its own direction)"));
            }
        }

        return released;
    }

    /// <summary>The share of <paramref name="revenue"/> (an auction's sales of released rights for a term of
    /// <paramref name="termDays"/> days) that offsets <paramref name="hours"/> of day-ahead congestion costs.</summary>
    public static double Credit(decimal revenue, int termDays, double hours) =>
        termDays <= 0 ? 0 : (double)revenue * Math.Min(1, hours / (termDays * 24.0));
}
