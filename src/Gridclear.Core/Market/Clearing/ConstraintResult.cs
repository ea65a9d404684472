namespace Gridclear.Market;

/// <summary>A binding or relaxed constraint (a row of constraints.csv).</summary>
/// <param name="Constraint">Its name: "FROM-TO" for a branch, the interface or nomogram id, or "balance".</param>
/// <param name="Contingency">The contingency id for a post-outage limit, else empty.</param>
/// <param name="Flow">The constrained quantity, MW.</param>
/// <param name="Limit">The limit it meets (the signed bound that binds).</param>
/// <param name="ShadowPrice">$/MWh saved per MW of extra limit (≥ 0); the system energy price for the balance.</param>
/// <param name="RelaxedMw">How far the limit was exceeded at the penalty price (0 when held).</param>
/// <param name="Penalty">The penalty price that applied, $/MWh.</param>
public sealed record ConstraintResult(
    string Constraint, ConstraintKind Kind, string Contingency, double Flow, double Limit, double ShadowPrice,
    double RelaxedMw, double Penalty)
{
    public bool IsRelaxed => RelaxedMw > 0;
}
