namespace Gridclear.Ftr;

/// <summary>What one expansion request gets: <see cref="AwardedMw"/>, simultaneously feasible on the expanded
/// network with every outstanding FTR and every other award, and <see cref="BeforeMw"/>, what the same procedure
/// finds feasible on the network before the expansion (the part the expansion did not create).</summary>
public sealed record FtrExpansionAward(FtrExpansionRequest Request, double AwardedMw, double BeforeMw)
{
    /// <summary>Awarded MW beyond what the network before the expansion supported: the capability the expansion adds on this path.</summary>
    public double IncrementalMw => AwardedMw - BeforeMw;
}
