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

/// <summary>One party's credit against its transmission access charge, $ (a line of access_charge_credit.csv):
/// <see cref="AccessChargeCredit.Charge"/> for a transmission owner's share of auction proceeds,
/// <see cref="AccessChargeCredit.ArrCharge"/> for an ARR holder's auction revenue. Negative: the party pays.</summary>
public sealed record AccessChargeCreditLine(string Party, string Charge, decimal Amount);

/// <summary>
/// M4 (004 IV.5b, F5): the proceeds of the auctions of transmission rights and of mitigation instruments are credited
/// against the transmission access charge, so that the users who pay for the grid get back what its capability and the
/// mitigated sellers' instruments sold for, and no dollar stays with the operator or is counted twice:
/// <list type="bullet">
/// <item>FTR auction: ARR holders are paid their ARRs' auction revenue (<see cref="ArrDistribution"/>) as a credit against
/// their access charges (one line per holder, charge <see cref="ArrCharge"/>); the revenue not paid to ARR holders (all
/// of it without ARRs) is credited to the transmission owners by share (charge <see cref="Charge"/>). The lines sum to
/// the auction's revenue exactly.</item>
/// <item>CFD auction: the proceeds are credited to the owners by share.</item>
/// </list>
/// A split by share rounds each owner's part to the cent, the cents left over going to the largest share (the first
/// listed among equals), so the credits sum to what is split exactly.
/// </summary>
public static class AccessChargeCredit
{
    /// <summary>A transmission owner's share of auction proceeds.</summary>
    public const string Charge = "access_charge_credit";

    /// <summary>An ARR holder's auction revenue, credited against its own access charge (004 IV.5b).</summary>
    public const string ArrCharge = "arr_credit";

    /// <summary>The shares must sum to 1 within this.</summary>
    public const double ShareTolerance = 1e-9;

    /// <summary>
    /// The FTR auction's credits: each ARR holder's net ARR payment (holders in the order of their first ARR), then the
    /// revenue not paid to ARR holders split among the owners by share. Σ lines = <paramref name="revenue"/>.
    /// </summary>
    /// <param name="revenue">The auction's revenue, $: what buyers paid less what sellers were paid.</param>
    /// <param name="arrs">The ARR payments of the auction, or null without ARRs.</param>
    public static IReadOnlyList<AccessChargeCreditLine> OfFtrAuction(decimal revenue, ArrDistribution? arrs, IReadOnlyList<TransmissionOwner> owners)
    {
        var lines = new List<AccessChargeCreditLine>();
        if (arrs is not null)
        {
            lines.AddRange(arrs.Payments.GroupBy(p => p.Holder, StringComparer.Ordinal).Select(g => new AccessChargeCreditLine(g.Key, ArrCharge, g.Sum(p => p.Amount))));
        }

        lines.AddRange(Allocate(revenue - lines.Sum(l => l.Amount), owners));
        return lines;
    }

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
        return [.. owners.Select((o, i) => new AccessChargeCreditLine(o.Owner, Charge, amounts[i]))];
    }
}
