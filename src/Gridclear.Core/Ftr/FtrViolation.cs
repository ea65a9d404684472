namespace Gridclear.Ftr;

/// <summary>A constraint an FTR set overloads: <paramref name="Direction"/> +1 when its load exceeds the upper limit,
/// −1 when it falls below the lower one; <paramref name="Excess"/> MW past the limit.</summary>
public sealed record FtrViolation(int Constraint, int Direction, double Load, double Limit, double Excess);
