namespace Gridclear.Market;

/// <summary>One bus of a schedule.</summary>
/// <param name="Bus">External MATPOWER bus number.</param>
/// <param name="Mw">MW at the bus: &gt; 0 injects, &lt; 0 withdraws (0 allowed: a leg that only adjustments move).</param>
/// <param name="Owner">The participant this leg settles to, or null for the schedule's own participant. Only an
/// inter-participant trade (<see cref="Schedule.Counterparty"/>) has legs owned by someone else: its withdrawal legs
/// belong to the counterparty (D3, README "Market folder extensions").</param>
public sealed record ScheduleLeg(int Bus, double Mw, string? Owner = null)
{
    public double Mw { get; } = InputLimits.Mw(InputChecks.Finite(Mw, $"schedule mw at bus {Bus}"), $"schedule mw at bus {Bus}");

    public string? Owner { get; } = Owner is null ? null : InputChecks.Id(Owner, $"owner of the schedule leg at bus {Bus}");
}
