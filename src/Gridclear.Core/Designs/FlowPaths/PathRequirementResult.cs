namespace Gridclear.Designs.FlowPaths;

/// <summary>The requirements of every balanced schedule on every path, and the schedules refused for them.</summary>
/// <param name="Rows">Schedule by schedule (input order), path by path (library order).</param>
/// <param name="Rejected">Schedules with an uncovered above-threshold need (P5), in schedule order.</param>
/// <param name="Skipped">Ids of schedules that were not assessed (not balanced: FDFs of an unbalanced schedule depend
/// on the reference, and 001 defines rights for balanced schedules only).</param>
public sealed record PathRequirementResult(
    IReadOnlyList<PathRequirement> Rows,
    IReadOnlyList<RejectedSchedule> Rejected,
    IReadOnlyList<string> Skipped)
{
    private readonly HashSet<string> _rejected = [.. Rejected.Select(r => r.Schedule)];

    public bool IsRejected(string schedule) => _rejected.Contains(schedule);
}
