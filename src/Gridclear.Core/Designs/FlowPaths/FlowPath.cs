using Gridclear.Market;

namespace Gridclear.Designs.FlowPaths;

/// <summary>
/// A flow path of the flow-path rights model (001, P1): a weighted sum of branch flows, as an
/// <see cref="Interface"/> is, on which the operator creates transmission rights. Its flow in the path's direction
/// is Σ weightᵢ·flowᵢ (flowᵢ as the case orients branch i).
/// </summary>
/// <param name="Id">Unique path name.</param>
/// <param name="Terms">At least one branch, each once.</param>
/// <param name="Rating">The path's rating, MW (&gt; 0): the base of the X% and Z% threshold components and of the
/// per-MW cost of the path-specific trigger.</param>
public sealed record FlowPath(string Id, IReadOnlyList<BranchTerm> Terms, double Rating)
{
    public string Id { get; } = InputChecks.Id(Id, "flow path id");

    public IReadOnlyList<BranchTerm> Terms { get; } = CheckTerms(Id, Terms);

    public double Rating { get; } = InputChecks.Positive(Rating, $"rating of flow path {Id}");

    /// <summary>The path as a monitored interface of the same name, limit = rating (for a day-ahead run that prices it).</summary>
    public Interface AsInterface() => new(Id, Terms, Rating);

    private static IReadOnlyList<BranchTerm> CheckTerms(string id, IReadOnlyList<BranchTerm> terms)
    {
        var copy = InputChecks.Copy(terms, $"branches of flow path {id}");
        if (copy.Count == 0)
        {
            throw new ArgumentException($"flow path {id} has no branches");
        }

        var seen = new HashSet<int>();
        foreach (var t in copy)
        {
            if (!seen.Add(t.Branch))
            {
                throw new ArgumentException($"flow path {id} names branch {t.Branch} twice");
            }
        }

        return copy;
    }
}
