namespace Gridclear.Market;

/// <summary>One bus of a schedule.</summary>
/// <param name="Bus">External MATPOWER bus number.</param>
/// <param name="Mw">MW at the bus: &gt; 0 injects, &lt; 0 withdraws (0 allowed: a leg that only adjustments move).</param>
public sealed record ScheduleLeg(int Bus, double Mw)
{
    public double Mw { get; } = InputChecks.Finite(Mw, $"schedule mw at bus {Bus}");
}
