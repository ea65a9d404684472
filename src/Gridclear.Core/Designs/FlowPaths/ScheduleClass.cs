namespace Gridclear.Designs.FlowPaths;

/// <summary>What a schedule must do about its use of one path (001 A, P3-P6).</summary>
public enum ScheduleClass
{
    /// <summary>Every row of the schedule in one zone: no rights needed (P6).</summary>
    IntraZonal,

    /// <summary>|required| ≤ the forgiveness threshold: no rights needed (P3).</summary>
    Forgiven,

    /// <summary>Above forgiveness, ≤ the scheduling threshold: rights may be left to the operator to procure at the
    /// participant's cost (P4).</summary>
    Between,

    /// <summary>Above the scheduling threshold: every required MW must be held, or the schedule is rejected (P5).</summary>
    Above,
}
