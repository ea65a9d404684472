namespace Gridclear.Ftr;

/// <summary>What one bid was awarded.</summary>
/// <param name="AwardedMw">MW awarded, 0 ≤ AwardedMw ≤ bid MW (0: rejected).</param>
/// <param name="ClearingPrice">$/MW for the term: for an obligation price(sink) − price(source) at the auction's
/// nodal prices; for an option the value of the binding constraints it loads (never negative).</param>
/// <param name="Amount">ClearingPrice × AwardedMw in $, rounded to cents: paid by a buyer, paid to a seller.</param>
public sealed record FtrAward(FtrBid Bid, double AwardedMw, double ClearingPrice, decimal Amount);
