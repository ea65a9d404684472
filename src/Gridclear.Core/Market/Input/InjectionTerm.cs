namespace Gridclear.Market;

/// <summary>Coefficient × the net injection at a bus: generation − load there (schedules and adjustments included),
/// MW.</summary>
/// <param name="Bus">External bus number.</param>
public sealed record InjectionTerm(int Bus, double Coefficient) : NomogramTerm(Coefficient);
