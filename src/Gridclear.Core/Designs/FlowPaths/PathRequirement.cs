namespace Gridclear.Designs.FlowPaths;

/// <summary>One row of path_requirements.csv: what one schedule needs on one path.</summary>
/// <param name="RequiredMw">Σ FDF(path, bus)·mw over the schedule's rows: its flow on the path, signed in the path's direction.</param>
/// <param name="InjectionMw">Q, the schedule's injections (Σ of its mw &gt; 0).</param>
/// <param name="ForgivenessMw">min(W%·Q, X%·rating).</param>
/// <param name="SchedulingMw">min(Y%·Q, Z%·rating).</param>
/// <param name="HeldMw">Rights the participant holds in the direction of the need, given to this row (between and above only).</param>
/// <param name="UncoveredMw">|required| − held on between and above rows; 0 on the others.</param>
public sealed record PathRequirement(
    string Schedule,
    string Participant,
    string Path,
    double RequiredMw,
    double InjectionMw,
    double ForgivenessMw,
    double SchedulingMw,
    ScheduleClass Class,
    double HeldMw,
    double UncoveredMw);
