using Gridclear.Solvers;

namespace Gridclear.Ftr;

/// <summary>
/// FTRs for a transmission expansion (F6; 004 Immediate phase 8: "FTRs corresponding to the change in transfer
/// capability associated with their investment"). Three maximisations, each the auction's LP with every request a
/// buy at 1 $/MW, so they use the same security constraints as the day-ahead market:
/// <list type="number">
/// <item>before: the most MW on the requested paths the old network supports beyond the outstanding FTRs (0 when
/// the outstanding set already overloads it);</item>
/// <item>expanded: the same on the expanded network;</item>
/// <item>the award: the most MW on the requested paths the expanded network supports on top of the outstanding FTRs
/// AND the "before" MW, which stay with the network for the general auctions. The funder is awarded only this
/// increment, and outstanding + before + awards is simultaneously feasible on the expanded network.</item>
/// </list>
/// When the expansion does not even support the "before" MW (a new line can reduce some transfers), the before MW
/// are reserved scaled down by the largest common factor that keeps them feasible, so the award stays well defined.
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

        // The increment: what the expanded network carries on top of the outstanding FTRs and the old capability.
        var reserved = new List<OutstandingFtr>(outstanding);
        var share = ReservableShare(after, outstanding, requests, beforeMw, options);
        for (var r = 0; r < requests.Count; r++)
        {
            if (beforeMw[r] * share > 0)
            {
                reserved.Add(new OutstandingFtr("before:" + requests[r].Id, requests[r].Holder, requests[r].Path, beforeMw[r] * share, requests[r].Kind));
            }
        }

        var incrementBids = new List<FtrBid>();
        var bidOf = new int[requests.Count];
        for (var r = 0; r < requests.Count; r++)
        {
            var left = requests[r].Mw - beforeMw[r] * share;
            bidOf[r] = left > options.ToleranceMw ? incrementBids.Count : -1;
            if (bidOf[r] >= 0)
            {
                incrementBids.Add(new FtrBid(requests[r].Id, requests[r].Holder, requests[r].Path, requests[r].Kind, FtrSide.Buy, left, 1.0));
            }
        }

        var increment = incrementBids.Count == 0 ? null : FtrAuction.Clear(after, incrementBids, reserved, solver, options);
        var awards = new List<FtrExpansionAward>(requests.Count);
        for (var r = 0; r < requests.Count; r++)
        {
            var awarded = bidOf[r] >= 0 ? increment!.Awards[bidOf[r]].AwardedMw : 0;
            awards.Add(new FtrExpansionAward(requests[r], awarded, beforeMw[r], afterResult.Awards[r].AwardedMw));
        }

        return new FtrExpansionResult(awards, beforeFeasible, share);
    }

    /// <summary>The largest θ in [0, 1] such that the outstanding FTRs plus θ × the before MW are simultaneously
    /// feasible on <paramref name="after"/>: loads are linear in θ (options load only where they add flow, and that
    /// part scales with θ too), so θ is a ratio test over every constraint and direction.</summary>
    private static double ReservableShare(IFtrConstraints after, IReadOnlyList<OutstandingFtr> outstanding, IReadOnlyList<FtrExpansionRequest> requests, double[] beforeMw, FtrAuctionOptions options)
    {
        var fixedLoads = FtrLoads.Of(after, outstanding.Select(f => (f.Path, f.Kind, f.Mw)));
        var beforeLoads = FtrLoads.Of(after, requests.Select((r, k) => (r.Path, r.Kind, beforeMw[k])));
        var share = 1.0;
        for (var i = 0; i < after.Count; i++)
        {
            var (lo, up) = SimultaneousFeasibility.ReleasedLimits(after, i, options.ReleaseShare);
            if (beforeLoads.Upper[i] > 0 && fixedLoads.Upper[i] + beforeLoads.Upper[i] > up)
            {
                share = Math.Min(share, (up - fixedLoads.Upper[i]) / beforeLoads.Upper[i]);
            }

            if (beforeLoads.Lower[i] < 0 && fixedLoads.Lower[i] + beforeLoads.Lower[i] < lo)
            {
                share = Math.Min(share, (lo - fixedLoads.Lower[i]) / beforeLoads.Lower[i]);
            }
        }

        return Math.Max(0, share);
    }
}
