namespace Gridclear.Market;

/// <summary>
/// An interface, or flow path (N2): a weighted sum of branch flows with a limit that holds in BOTH directions,
/// −<see cref="Limit"/> ≤ Σ weightᵢ·flowᵢ ≤ <see cref="Limit"/>, where flowᵢ is branch i's from→to flow as the case
/// orients it. For a one-sided limit, use a <see cref="Nomogram"/> with an <see cref="InterfaceTerm"/>.
/// </summary>
/// <param name="Id">Unique interface name.</param>
/// <param name="Terms">At least one term, each branch once, in file order.</param>
/// <param name="Limit">MW, &gt; 0.</param>
public sealed record Interface(string Id, IReadOnlyList<BranchTerm> Terms, double Limit)
{
    public string Id { get; } = InputChecks.Id(Id, "interface id");

    public IReadOnlyList<BranchTerm> Terms { get; } = CheckTerms(Id, Terms);

    public double Limit { get; } = InputLimits.Mw(InputChecks.Positive(Limit, $"limit of interface {Id}"), $"limit of interface {Id}");

    private static IReadOnlyList<BranchTerm> CheckTerms(string id, IReadOnlyList<BranchTerm> terms)
    {
        var copy = InputChecks.Copy(terms, $"terms of interface {id}");
        if (copy.Count == 0)
        {
            throw new ArgumentException($"interface {id} has no branches");
        }

        var seen = new HashSet<int>();
        foreach (var t in copy)
        {
            if (!seen.Add(t.Branch))
            {
                throw new ArgumentException($"interface {id} names branch {t.Branch} twice");
            }
        }

        return copy;
    }
}
