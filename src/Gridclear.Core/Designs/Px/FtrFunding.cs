
namespace Gridclear.Designs.Px;

/// <summary>One FTR as a day-ahead run settled it: its MW, target (what its prices say it is owed) and what was paid.</summary>
public sealed record FtrPosition(string Ftr, string Holder, double Mw, decimal Target, decimal Paid);

/// <summary>The FTR funding of one day-ahead run (its summary's <c>ftr</c> block and ftr_settlement.csv).</summary>
public sealed record FundingSide(decimal CongestionRent, decimal PositiveTargets, decimal Charges, decimal Shortfall, double FundingRatio, IReadOnlyList<FtrPosition> Ftrs);

/// <summary>One FTR before and after, under the two treatments.</summary>
/// <param name="AccountPaid">Balancing account: what it adds so the holder gets its full target (target − paid, ≥ 0).</param>
/// <param name="ExposedLoss">Holders exposed: what the holder does not get (target − paid: the same money, borne by it).</param>
/// <param name="CoverMw">Holders exposed: the MW more of the same right that, paid at the after funding ratio, would
/// make up the loss: mw × loss ÷ paid = mw × (1/ratio − 1) on an underfunded right (0 when fully funded; empty when nothing is paid).</param>
public sealed record FtrFundingLine(string Ftr, string Holder, double Mw, decimal TargetBefore, decimal PaidBefore, decimal TargetAfter, decimal PaidAfter, decimal AccountPaid, decimal ExposedLoss, double? CoverMw);

/// <summary>A load's share of the balancing account's deficit.</summary>
public sealed record AccountCharge(string Participant, double LoadMwh, decimal Amount);

public sealed record FtrFundingResult(FundingSide Before, FundingSide After, IReadOnlyList<FtrFundingLine> Lines, decimal AccountDeficit, IReadOnlyList<AccountCharge> Recovery);

/// <summary>
/// The funding of one FTR set on two topologies (F7; seeds 002 and 003 debate it): the same rights settled at the
/// prices of a network before and after a change of topology or limits. The change moves prices and the congestion
/// rent, so the rent may no longer cover the rights' targets (a shortfall; simultaneous feasibility only guaranteed it
/// on the topology the rights were auctioned on). Two treatments, side by side:
/// <list type="bullet">
/// <item><b>Balancing account</b> (the ISO's proposal: "keep market participants financially whole by creating a
/// balancing account of net gains and losses"): every holder is paid its full target; the account pays the difference
/// (Σ target − paid = the shortfall, to the cent) and recovers it from the loads of the after run pro rata to their
/// cleared MWh (cents by largest remainder, so the recovery equals the deficit exactly).</item>
/// <item><b>Holders exposed</b> (the PX's: "SCs who wish to hedge … should be responsible for procuring additional
/// FTRs when the ISO implements new sets of shift factors"): holders get what the rent funds (the pro-rata payment of
/// the after run's settlement) and bear the loss; <see cref="FtrFundingLine.CoverMw"/> says how many MW more of the same
/// right they would need to buy to be whole at that funding ratio.</item>
/// </list>
/// </summary>
public static class FtrFunding
{
    /// <exception cref="InvalidInputException">when the two runs did not settle the same FTRs (id, holder, MW).</exception>
    public static FtrFundingResult Compare(FundingSide before, FundingSide after, IReadOnlyList<(string Participant, double Mwh)> loads, string beforeSource, string afterSource)
    {
        var afterById = after.Ftrs.ToDictionary(f => f.Ftr, StringComparer.Ordinal);
        foreach (var f in before.Ftrs)
        {
            if (!afterById.TryGetValue(f.Ftr, out var a))
            {
                throw new InvalidInputException(afterSource, null, $"ftr {f.Ftr} settled before ({beforeSource}) but not after: the two runs must settle the same FTR set");
            }

            if (a.Holder != f.Holder || a.Mw != f.Mw)
            {
                throw new InvalidInputException(afterSource, null, $"ftr {f.Ftr} is {a.Mw} MW held by {a.Holder} after but {f.Mw} MW held by {f.Holder} before: the two runs must settle the same FTR set");
            }
        }

        if (after.Ftrs.FirstOrDefault(a => !before.Ftrs.Any(f => f.Ftr == a.Ftr)) is { } extra)
        {
            throw new InvalidInputException(beforeSource, null, $"ftr {extra.Ftr} settled after ({afterSource}) but not before: the two runs must settle the same FTR set");
        }

        var lines = new List<FtrFundingLine>();
        foreach (var b in before.Ftrs)
        {
            var a = afterById[b.Ftr];
            var gap = Math.Max(0, a.Target - a.Paid);
            // More MW of the same right, paid as this one is (paid ÷ MW each), to make up the gap: MW × gap ÷ paid.
            double? cover = gap == 0 ? 0 : a.Paid > 0 ? b.Mw * (double)(gap / a.Paid) : null;
            lines.Add(new FtrFundingLine(b.Ftr, b.Holder, b.Mw, b.Target, b.Paid, a.Target, a.Paid, gap, gap, cover));
        }

        var deficit = lines.Sum(l => l.AccountPaid);
        return new FtrFundingResult(before, after, lines, deficit, Recover(deficit, loads));
    }

    /// <summary>−deficit shared by MWh, in cents, the leftover cents to the largest remainders (ties by participant order).</summary>
    private static List<AccountCharge> Recover(decimal deficit, IReadOnlyList<(string Participant, double Mwh)> loads)
    {
        var byParticipant = loads.Where(l => l.Mwh > 0).GroupBy(l => l.Participant, StringComparer.Ordinal)
            .Select(g => (Participant: g.Key, Mwh: g.Sum(l => l.Mwh))).OrderBy(p => p.Participant, StringComparer.Ordinal).ToList();
        var total = byParticipant.Sum(p => (decimal)p.Mwh);
        if (deficit == 0 || total == 0)
        {
            return byParticipant.Select(p => new AccountCharge(p.Participant, p.Mwh, 0)).ToList();
        }

        var cents = (long)(deficit * 100);
        var exact = byParticipant.Select(p => cents * (decimal)p.Mwh / total).ToList();
        var floor = exact.Select(e => (long)Math.Floor(e)).ToArray();
        var left = cents - floor.Sum();
        foreach (var i in Enumerable.Range(0, exact.Count).OrderByDescending(i => exact[i] - floor[i]).ThenBy(i => i).Take((int)left))
        {
            floor[i]++;
        }

        return byParticipant.Select((p, i) => new AccountCharge(p.Participant, p.Mwh, -floor[i] / 100m)).ToList();
    }
}
