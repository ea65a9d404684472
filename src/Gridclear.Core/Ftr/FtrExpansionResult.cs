namespace Gridclear.Ftr;

/// <summary>The awards of an expansion, in request order. <see cref="OutstandingFeasibleBefore"/> is false when
/// the outstanding FTRs already overloaded the network before the expansion (then nothing counts as feasible before).</summary>
public sealed record FtrExpansionResult(IReadOnlyList<FtrExpansionAward> Awards, bool OutstandingFeasibleBefore)
{
    public double AwardedMw => Awards.Sum(a => a.AwardedMw);

    public double BeforeMw => Awards.Sum(a => a.BeforeMw);

    /// <summary>Total MW the expansion adds on the requested paths: awarded on the expanded network less what the old one supported.</summary>
    public double IncrementalMw => AwardedMw - BeforeMw;
}
