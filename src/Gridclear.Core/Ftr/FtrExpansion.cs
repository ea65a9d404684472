using Gridclear.Solvers;

namespace Gridclear.Ftr;

/// <summary>
/// FTRs for a transmission expansion (F6): the requested paths are awarded the most MW (in total) that is
/// simultaneously feasible on the expanded network together with every outstanding FTR, so the outstanding set
/// stays feasible and the awards can be appended to it. The same maximisation on the network before the
/// expansion tells how much of that the old network already supported beyond the outstanding set; the difference
/// is the capability the expansion adds. Both are the auction's LP (every request a buy at 1 $/MW), so they use
/// the same security constraints as the day-ahead market.
/// </summary>
public static class FtrExpansion
{
    /// <summary>Awards the requests. Throws <see cref="InvalidOperationException"/> when the outstanding FTRs are not
    /// feasible on the expanded network (an expansion must not be needed to keep existing rights whole).</summary>
    public static FtrExpansionResult Award(
        IFtrConstraints before,
        IFtrConstraints after,
        IReadOnlyList<FtrExpansionRequest> requests,
        IReadOnlyList<OutstandingFtr> outstanding,
        ILpSolver solver,
        FtrAuctionOptions? options = null)
    {
        options ??= FtrAuctionOptions.Default;
        var bids = requests.Select(r => new FtrBid(r.Id, r.Holder, r.Path, r.Kind, FtrSide.Buy, r.Mw, 1.0)).ToList();
        var afterResult = FtrAuction.Clear(after, bids, outstanding, solver, options);

        // Before the expansion the outstanding set may already overload the old network (the expansion was built
        // to relieve it): then the old network supports nothing beyond it.
        var beforeMw = new double[requests.Count];
        var beforeFeasible = SimultaneousFeasibility.Check(before, outstanding, options.ReleaseShare, options.ToleranceMw).Count == 0;
        if (beforeFeasible)
        {
            var beforeResult = FtrAuction.Clear(before, bids, outstanding, solver, options);
            for (var r = 0; r < requests.Count; r++)
            {
                beforeMw[r] = beforeResult.Awards[r].AwardedMw;
            }
        }

        var awards = new List<FtrExpansionAward>(requests.Count);
        for (var r = 0; r < requests.Count; r++)
        {
            awards.Add(new FtrExpansionAward(requests[r], afterResult.Awards[r].AwardedMw, beforeMw[r]));
        }

        return new FtrExpansionResult(awards, beforeFeasible);
    }
}
