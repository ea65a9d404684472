namespace Gridclear.Designs.FlowPaths;

/// <summary>A schedule refused because rights it needed above the scheduling threshold were not held (P5).</summary>
public sealed record RejectedSchedule(string Schedule, string Participant, string Reason);
