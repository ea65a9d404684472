namespace Gridclear.Market;

/// <summary>Names one security constraint of a <see cref="SecurityModel"/>.</summary>
/// <param name="Kind">Branch, interface or nomogram.</param>
/// <param name="Element">Index of the branch (into Network.Branches), interface or nomogram.</param>
/// <param name="Contingency">Index into the model's contingencies, or −1 for the base case.</param>
public readonly record struct ConstraintKey(ConstraintKind Kind, int Element, int Contingency = -1)
{
    public bool IsBaseCase => Contingency < 0;
}
