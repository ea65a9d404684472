using Gridclear.Market;

namespace Gridclear.Ftr;

/// <summary>A transmission owner and its share of the access-charge credits (owners.csv, M4).</summary>
/// <param name="Share">Its share, 0 &lt; share ≤ 1; the shares of all owners sum to 1.</param>
public sealed record TransmissionOwner(string Owner, double Share)
{
    public string Owner { get; } = InputChecks.Id(Owner, "transmission owner");

    public double Share { get; } = double.IsFinite(Share) && Share > 0 && Share <= 1
        ? Share
        : throw new ArgumentException($"share of {Owner} must be in (0, 1], not {InputChecks.Text(Share)}");
}

/// <summary>One owner's credit against its transmission access charge, $ (a report line <c>access_charge_credit</c>).</summary>
public sealed record AccessChargeCreditLine(string Owner, decimal Amount);

/// <summary>
/// M4 (004 IV.5b): the proceeds of auctions of mitigation instruments are credited against the transmission access
/// charge, to each transmission owner by its share. The FTR auction's proceeds from FTR options (what option buyers
/// paid less what option sellers were paid) are split by share, each rounded to the cent, the cents left over going to
/// the largest share (the first listed among equals), so the credits sum to the proceeds exactly.
/// </summary>
public static class AccessChargeCredit
{
    public const string Charge = "access_charge_credit";

    /// <summary>The shares must sum to 1 within this.</summary>
    public const double ShareTolerance = 1e-9;

    /// <summary>Σ amounts of awarded FTR-option buys less those of option sells, $.</summary>
    public static decimal OptionProceeds(FtrAuctionResult result) =>
        result.Awards.Where(a => a.Bid.Kind == FtrKind.Option).Sum(a => a.Bid.Side == FtrSide.Buy ? a.Amount : -a.Amount);

    public static IReadOnlyList<AccessChargeCreditLine> Allocate(decimal proceeds, IReadOnlyList<TransmissionOwner> owners)
    {
        if (owners.Count == 0)
        {
            return [];
        }

        var total = owners.Sum(o => o.Share);
        if (Math.Abs(total - 1) > ShareTolerance)
        {
            throw new ArgumentException($"the owners' shares sum to {InputChecks.Text(total)}, not 1");
        }

        var amounts = owners.Select(o => Math.Round(proceeds * (decimal)o.Share, 2, MidpointRounding.AwayFromZero)).ToArray();
        var largest = 0;
        for (var i = 1; i < owners.Count; i++)
        {
            largest = owners[i].Share > owners[largest].Share ? i : largest;
        }

        amounts[largest] += proceeds - amounts.Sum();
        return [.. owners.Select((o, i) => new AccessChargeCreditLine(o.Owner, amounts[i]))];
    }
}
