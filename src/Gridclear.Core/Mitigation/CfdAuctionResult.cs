using Gridclear.Settlement;

namespace Gridclear.Mitigation;

/// <summary>What one bid of the CFD auction won: <see cref="AwardedMw"/> MW (0: rejected) at its instrument's uniform
/// <see cref="Price"/>, $/MW for the term; <see cref="Amount"/> = MW × price, rounded to the cent, what the bidder pays.</summary>
public sealed record CfdAward(CfdBid Bid, double AwardedMw, double Price, decimal Amount);

/// <summary>How one instrument cleared: <see cref="SoldMw"/> of its offered MW, every award at <see cref="Price"/>
/// $/MW; <see cref="Proceeds"/> = Σ award amounts, $.</summary>
public sealed record CfdInstrumentClearing(CfdOffer Offer, double SoldMw, double Price, bool SoldOut, decimal Proceeds);

/// <summary>The CFD auction's outcome: the clearing of each instrument (offer order), each bid's award (bid order), and
/// the instruments awarded, one per instrument and bidder, ready for cfds.csv (holder = bidder, counterparty = seller).</summary>
public sealed record CfdAuctionResult(IReadOnlyList<CfdInstrumentClearing> Instruments, IReadOnlyList<CfdAward> Awards, IReadOnlyList<Cfd> Cfds)
{
    /// <summary>Σ proceeds of every instrument, $: what is credited against the transmission access charge (M4).</summary>
    public decimal Proceeds => Instruments.Sum(i => i.Proceeds);
}
