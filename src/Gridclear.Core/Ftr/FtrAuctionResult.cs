namespace Gridclear.Ftr;

/// <summary>The outcome of an FTR auction.</summary>
/// <param name="Awards">One per bid, in bid order (rejected bids with 0 MW).</param>
/// <param name="BusPrices">Nodal auction prices, $/MW, by internal bus index (0 at the reference bus):
/// an obligation's clearing price is price(sink) − price(source).</param>
/// <param name="Revenue">Σ amounts paid by buyers less amounts paid to sellers, $.</param>
/// <param name="Value">Σ bid price × awarded MW of buys less that of sells: the value the auction maximised, $.</param>
/// <param name="Rounds">LP solves.</param>
/// <param name="RowsAdded">Constraint rows the LP holds at the end.</param>
public sealed record FtrAuctionResult(
    IReadOnlyList<FtrAward> Awards,
    double[] BusPrices,
    IReadOnlyList<FtrBindingConstraint> Binding,
    decimal Revenue,
    double Value,
    int Rounds,
    int RowsAdded)
{
    /// <summary>
    /// An upper bound on the value of the LP with every bid and every security constraint in it from the start,
    /// whatever rows and columns the auction's own LP held: its Lagrangian dual at the final row duals y (0 for the
    /// constraints never added), Σ_rows y·(limit less the outstanding load) + Σ_bids MW·max(0, value per MW left at
    /// the prices y make). Weak duality makes it a bound for any y of the right signs; <see cref="Value"/> is
    /// feasible for that LP (within the auction's tolerance), so DualBound − Value ≥ 0 is how far the awards can be
    /// from its optimum: a certificate that they are optimal when it is round-off.
    /// </summary>
    public double DualBound { get; init; } = double.NaN;

    public double AwardedBuyMw => Awards.Where(a => a.Bid.Side == FtrSide.Buy).Sum(a => a.AwardedMw);

    public double AwardedSellMw => Awards.Where(a => a.Bid.Side == FtrSide.Sell).Sum(a => a.AwardedMw);

    /// <summary>The FTRs held after the auction: outstanding less sold, plus bought, one per bid and FTR with MW left,
    /// each with its term and settlement rule. An auction's awards fed to the next as outstanding FTRs (annual, then
    /// monthly: F4). A sale for a term inside the term held (a month of an annual FTR) cuts the holding into the days
    /// before, the term sold (less the MW sold) and the days after, ids <c>ID@yyyy-mm-dd</c> by each part's first day.</summary>
    public IReadOnlyList<OutstandingFtr> Holdings(IReadOnlyList<OutstandingFtr> outstanding)
    {
        var held = new List<OutstandingFtr>();
        var sales = Awards.Where(a => a.Bid.Side == FtrSide.Sell && a.AwardedMw > 0)
            .Select(a => new Sale(a.Bid.Bidder, FtrLoads.PathKey(a.Bid.Path), a.Bid.Kind, a.Bid.Term) { Left = a.AwardedMw })
            .ToList();
        foreach (var f in outstanding)
        {
            var key = FtrLoads.PathKey(f.Path);
            var parts = new List<(FtrTerm? Term, double Mw)> { (f.Term, f.Mw) };
            foreach (var sale in sales.Where(s => s.Left > 0 && s.Holder == f.Holder && s.Path == key && s.Kind == f.Kind))
            {
                for (var k = 0; k < parts.Count && sale.Left > 0; k++)
                {
                    var (term, mw) = parts[k];
                    if (mw <= 0 || !(sale.Term is null || (term is not null && term.Covers(sale.Term))))
                    {
                        continue;
                    }

                    var take = Math.Min(sale.Left, mw);
                    sale.Left -= take;
                    if (sale.Term is null || sale.Term == term)
                    {
                        parts[k] = (term, mw - take);
                        continue;
                    }

                    // Cut the part: the days before the term sold, the term sold, the days after.
                    var cut = new List<(FtrTerm? Term, double Mw)>();
                    if (term!.Start < sale.Term.Start)
                    {
                        cut.Add((new FtrTerm(term.Start, sale.Term.Start.AddDays(-1)), mw));
                    }

                    cut.Add((sale.Term, mw - take));
                    if (sale.Term.End < term.End)
                    {
                        cut.Add((new FtrTerm(sale.Term.End.AddDays(1), term.End), mw));
                    }

                    parts.RemoveAt(k);
                    parts.InsertRange(k, cut);
                }
            }

            var left = parts.Where(p => p.Mw > 1e-9).ToList();
            foreach (var (term, mw) in left)
            {
                var id = parts.Count == 1 ? f.Id : PartId(f.Id, term!);
                held.Add(new OutstandingFtr(id, f.Holder, f.Path, mw, f.Kind) { Term = term, SettleAt = f.SettleAt });
            }
        }

        foreach (var a in Awards.Where(a => a.Bid.Side == FtrSide.Buy && a.AwardedMw > 0))
        {
            held.Add(new OutstandingFtr(a.Bid.Id, a.Bid.Bidder, a.Bid.Path, a.AwardedMw, a.Bid.Kind) { Term = a.Bid.Term, SettleAt = a.Bid.SettleAt });
        }

        return held;
    }

    /// <summary>The id of a part of a holding cut by a sale: the holding's id (without an earlier part's date) and the
    /// part's first day.</summary>
    private static string PartId(string id, FtrTerm term)
    {
        var at = id.LastIndexOf('@');
        var stem = at > 0 && FtrTerm.TryParseDay(id[(at + 1)..], out _) ? id[..at] : id;
        return stem + "@" + FtrTerm.Text(term.Start);
    }

    private sealed record Sale(string Holder, string Path, FtrKind Kind, FtrTerm? Term)
    {
        public double Left { get; set; }
    }
}
