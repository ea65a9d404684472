namespace Gridclear.Ftr;

/// <summary>A constraint binding in the auction.</summary>
/// <param name="Direction">+1 at its upper limit, −1 at its lower one.</param>
/// <param name="Load">MW of outstanding plus awarded FTRs on it, in that direction.</param>
/// <param name="Limit">The released limit, MW.</param>
/// <param name="ShadowPrice">$/MW of award value per MW of more capability (≥ 0).</param>
public sealed record FtrBindingConstraint(int Constraint, FtrConstraintName Name, int Direction, double Load, double Limit, double ShadowPrice);
