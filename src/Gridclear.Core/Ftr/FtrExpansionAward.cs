namespace Gridclear.Ftr;

/// <summary>What one expansion request gets.</summary>
/// <param name="AwardedMw">The FTR awarded: MW the expanded network supports on this path on top of every outstanding
/// FTR and every request's <paramref name="BeforeMw"/> (the increment the expansion created, F6).</param>
/// <param name="BeforeMw">What the old network supported on the requested paths beyond the outstanding FTRs: capability
/// that was there without the expansion and stays with the network.</param>
/// <param name="ExpandedMw">What the expanded network supports on the requested paths beyond the outstanding FTRs,
/// before and increment together.</param>
public sealed record FtrExpansionAward(FtrExpansionRequest Request, double AwardedMw, double BeforeMw, double ExpandedMw)
{
    /// <summary>Expanded less before: the capability the expansion adds on this path (equal to the award for a single
    /// request; with several, the award is what is feasible together).</summary>
    public double IncrementalMw => ExpandedMw - BeforeMw;
}
