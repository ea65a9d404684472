namespace Gridclear.Market;

/// <summary>A contingency to secure against (N2, D4): the outage of one branch (N-1). Multi-branch outages are not
/// supported.</summary>
/// <param name="Id">Unique contingency name (constraints.csv reports it).</param>
/// <param name="Branch">INTERNAL index into <c>Network.Branches</c> of the branch that trips.</param>
public sealed record Contingency(string Id, int Branch)
{
    public string Id { get; } = InputChecks.Id(Id, "contingency id");

    public int Branch { get; } = Branch >= 0 ? Branch : throw new ArgumentException($"branch index {Branch} is negative");
}
