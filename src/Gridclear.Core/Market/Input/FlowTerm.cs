namespace Gridclear.Market;

/// <summary>Coefficient × the from→to flow of a branch (as the case orients it).</summary>
/// <param name="Branch">INTERNAL index into <c>Network.Branches</c>. A file term naming the branch to→from is stored
/// with its coefficient negated.</param>
public sealed record FlowTerm(int Branch, double Coefficient) : NomogramTerm(Coefficient)
{
    public int Branch { get; } = Branch >= 0 ? Branch : throw new ArgumentException($"branch index {Branch} is negative");
}
