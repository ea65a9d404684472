using Gridclear.Designs.Px;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Px;

/// <summary>The CSVs of recallable transmission (README "Recallable transmission"): the day-ahead marks and a recall's cuts.</summary>
public static class RecallableCsv
{
    public const string UsesFile = "recallable.csv";
    public const string UsesHeader = "path,direction,limit_mw,reserved_mw,firm_mw,flow_mw,recallable_mw";
    public const string UsersFile = "recallable_schedules.csv";
    public const string UsersHeader = "path,direction,schedule,participant,contribution_mw,recallable_mw";
    public const string PathsFile = "recall_paths.csv";
    public const string PathsHeader = "path,direction,limit_mw,recalled_mw,flow_mw,excess_mw,freed_mw,unfreed_mw";
    public const string CutsFile = "recall_cuts.csv";
    public const string CutsHeader = "path,direction,schedule,participant,cut_mw,relief_mw,basis,bid_cost,day_ahead_usage";
    public const string CostsFile = "recall_costs.csv";
    public const string CostsHeader = "participant,cut_mw,bid_cost,day_ahead_usage";

    /// <summary><c>forward</c> (the path's direction) or <c>reverse</c>.</summary>
    public static string Direction(int direction) => direction > 0 ? "forward" : "reverse";

    public static IEnumerable<string> Uses(IEnumerable<RecallableUse> uses) =>
        uses.Select(u => $"{Text(u.Path)},{Direction(u.Direction)},{Number(u.LimitMw)},{Number(u.ReservedMw)},{Number(u.FirmMw)},{Number(u.FlowMw)},{Number(u.RecallableMw)}");

    public static IEnumerable<string> Users(IEnumerable<RecallableUser> users) =>
        users.Select(u => $"{Text(u.Path)},{Direction(u.Direction)},{Text(u.Schedule)},{Text(u.Participant)},{Number(u.ContributionMw)},{Number(u.RecallableMw)}");

    public static IEnumerable<string> Paths(IEnumerable<PathRecall> paths) =>
        paths.Select(p => $"{Text(p.Path)},{Direction(p.Direction)},{Number(p.LimitMw)},{Number(p.RecalledMw)},{Number(p.FlowMw)},{Number(p.ExcessMw)},{Number(p.FreedMw)},{Number(p.UnfreedMw)}");

    public static IEnumerable<string> Cuts(IEnumerable<ScheduleCut> cuts) =>
        cuts.Select(c => $"{Text(c.Path)},{Direction(c.Direction)},{Text(c.Schedule)},{Text(c.Participant)},{Number(c.CutMw)},{Number(c.ReliefMw)},{c.Basis},{Money(c.BidCost)},{Money(c.DayAheadUsage)}");

    public static IEnumerable<string> Costs(IEnumerable<ScheduleCut> cuts) =>
        cuts.GroupBy(c => c.Participant, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{Text(g.Key)},{Number(g.Sum(c => c.CutMw))},{Money(g.Sum(c => c.BidCost))},{Money(g.Sum(c => c.DayAheadUsage))}");
}
