namespace Gridclear.Ftr;

/// <summary>
/// Settles FTRs at day-ahead prices (F2) and funds them from the congestion rent (F7). Obligations are owed
/// (sink − source) × MW, positive or negative; options only its positive part. Charges from obligations with a
/// negative target are collected in full and join the rent; when rent plus charges fall short of the positive
/// targets every positive target is paid the same funding ratio (pro rata), else the surplus stays with the
/// operator. Money is rounded to cents here, once.
/// </summary>
public static class FtrSettlement
{
    /// <param name="busPrices">Day-ahead bus prices by internal bus index, $/MWh.</param>
    /// <param name="congestionRent">Congestion rent of the same run, $ (loads paid less generators paid, lossless).</param>
    /// <param name="hours">Hours the prices hold (1 for an hourly run).</param>
    public static FtrSettlementResult Settle(IReadOnlyList<OutstandingFtr> ftrs, IReadOnlyList<double> busPrices, decimal congestionRent, double hours = 1)
    {
        var targets = new decimal[ftrs.Count];
        decimal positive = 0, charges = 0;
        for (var k = 0; k < ftrs.Count; k++)
        {
            var f = ftrs[k];
            var value = f.Path.Value(busPrices) * f.Mw * hours;
            if (f.Kind == FtrKind.Option)
            {
                value = Math.Max(0, value);
            }

            targets[k] = Cents((decimal)value);
            if (targets[k] > 0)
            {
                positive += targets[k];
            }
            else
            {
                charges -= targets[k];
            }
        }

        var available = congestionRent + charges;
        var ratio = positive <= available ? 1m : available <= 0 ? 0m : available / positive;
        var lines = new List<FtrSettlementLine>(ftrs.Count);
        decimal paidOut = 0;
        for (var k = 0; k < ftrs.Count; k++)
        {
            var f = ftrs[k];
            // Round down so the pro-rata payments never exceed what is available.
            var amount = targets[k] > 0 && ratio < 1 ? Math.Floor(targets[k] * ratio * 100) / 100 : targets[k];
            if (amount > 0)
            {
                paidOut += amount;
            }

            lines.Add(new FtrSettlementLine(f.Id, f.Holder, f.Kind, f.Mw, f.Path.Source.Average(busPrices), f.Path.Sink.Average(busPrices), targets[k], amount));
        }

        var surplus = Math.Max(0, available - positive);
        var shortfall = Math.Max(0, positive - available);
        var rounding = ratio < 1 ? positive * ratio - paidOut : 0;
        return new FtrSettlementResult(lines, congestionRent, positive, charges, ratio, surplus, shortfall, Cents(rounding));
    }

    private static decimal Cents(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
}
