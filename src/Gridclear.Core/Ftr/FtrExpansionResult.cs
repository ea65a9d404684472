namespace Gridclear.Ftr;

/// <summary>The awards of an expansion, in request order. <see cref="OutstandingFeasibleBefore"/> is false when
/// the outstanding FTRs already overloaded the network before the expansion (then nothing counts as feasible before).
/// <see cref="BeforeShare"/> is the share of the before MW kept for the network when the award was computed: 1 unless
/// the expanded network cannot carry all of them (then the largest feasible common share).</summary>
public sealed record FtrExpansionResult(IReadOnlyList<FtrExpansionAward> Awards, bool OutstandingFeasibleBefore, double BeforeShare = 1.0)
{
    /// <summary>Total MW awarded to the funders: the increment only.</summary>
    public double AwardedMw => Awards.Sum(a => a.AwardedMw);

    public double BeforeMw => Awards.Sum(a => a.BeforeMw);

    /// <summary>Total MW the expanded network supports on the requested paths beyond the outstanding FTRs.</summary>
    public double ExpandedMw => Awards.Sum(a => a.ExpandedMw);

    /// <summary>Total MW the expansion adds on the requested paths: the expanded network's less the old one's.</summary>
    public double IncrementalMw => ExpandedMw - BeforeMw;
}
