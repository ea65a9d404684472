using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.Mitigation;

/// <summary>
/// An instrument a mitigated seller must offer in the CFD auction (M2, 004 "market power mitigation"): a CFD or a call
/// option on <see cref="Mw"/> MW at <see cref="Location"/>, struck at <see cref="Strike"/> $/MWh, for a term. The seller
/// becomes the counterparty of whoever buys it; the proceeds are not the seller's but are credited against the
/// transmission access charge (M4).
/// </summary>
/// <param name="Location">A bus number, a hub or a zone, as in cfds.csv (checked by the reader).</param>
/// <param name="ReservePrice">$/MW for the term: bids below it are not awarded, and an instrument not sold out clears
/// at it (0 unless the operator sets one).</param>
public sealed record CfdOffer(string Instrument, string Seller, string Location, double Mw, double Strike, CfdKind Kind, DateOnly? Start, DateOnly? End, double ReservePrice)
{
    public string Instrument { get; } = InputChecks.Id(Instrument, "instrument");

    public string Seller { get; } = InputChecks.Id(Seller, $"seller of instrument {Instrument}");

    public double Mw { get; } = InputLimits.Mw(InputChecks.Positive(Mw, $"mw of instrument {Instrument}"), $"mw of instrument {Instrument}");

    public double Strike { get; } = InputLimits.Price(InputChecks.Finite(Strike, $"strike of instrument {Instrument}"), $"strike of instrument {Instrument}");

    public double ReservePrice { get; } = double.IsFinite(ReservePrice) && ReservePrice >= 0
        ? ReservePrice
        : throw new ArgumentException($"reserve_price of instrument {Instrument} must be a number ≥ 0, not {InputChecks.Text(ReservePrice)}");

    public DateOnly? End { get; } = (Start is null) == (End is null) && !(Start > End)
        ? End
        : throw new ArgumentException($"instrument {Instrument}: a term needs both term_start and term_end, the end not before the start (or neither)");
}
