namespace Gridclear.Ftr;

/// <summary>
/// Settles FTRs at day-ahead prices (F2) and funds them from the congestion rent (F7). Obligations are owed
/// (sink − source) × MW, positive or negative; options only its positive part. Charges from obligations with a
/// negative target are collected in full and join the rent; when rent plus charges fall short of the positive
/// targets every positive target is paid the same funding ratio (pro rata), else the surplus stays with the
/// operator. Money is rounded to cents here, once.
/// <para>Terms (F4): only FTRs in force on the market day settle. Zonal settlement (F10): an FTR with
/// <see cref="FtrSettleAt.Zone"/> values its zone ends at the zonal load price of the zone holding the reference bus.
/// Simultaneous feasibility guarantees the rent covers bus-settled targets only, so the zonal targets are funded from
/// the same pool at the same ratio, and the result reports how far they differ from the same FTRs at their
/// reference buses (<see cref="FtrSettlementResult.ZonalBasis"/>).</para>
/// </summary>
public static class FtrSettlement
{
    /// <param name="busPrices">Day-ahead bus prices by internal bus index, $/MWh.</param>
    /// <param name="congestionRent">Congestion rent of the same run, $ (loads paid less generators paid, lossless).</param>
    /// <param name="hours">Hours the prices hold (1 for an hourly run).</param>
    /// <param name="zonalLoadPrices">The zonal load price of each bus's zone, by internal bus index, $/MWh; needed when
    /// an FTR settles at zones.</param>
    /// <param name="day">The market day: FTRs whose term does not hold it are left out. Null: every FTR settles.</param>
    public static FtrSettlementResult Settle(
        IReadOnlyList<OutstandingFtr> ftrs,
        IReadOnlyList<double> busPrices,
        decimal congestionRent,
        double hours = 1,
        IReadOnlyList<double>? zonalLoadPrices = null,
        DateOnly? day = null)
    {
        var settled = day is { } d ? ftrs.Where(f => f.InForceOn(d)).ToList() : [.. ftrs];
        var targets = new decimal[settled.Count];
        var prices = new (double Source, double Sink)[settled.Count];
        decimal positive = 0, charges = 0, zonalTargets = 0, zonalAtBuses = 0;
        for (var k = 0; k < settled.Count; k++)
        {
            var f = settled[k];
            prices[k] = (f.Path.Source.Average(busPrices), f.Path.Sink.Average(busPrices));
            var atBuses = Target(f, prices[k], hours);
            if (f.SettleAt == FtrSettleAt.Zone)
            {
                if (zonalLoadPrices is null)
                {
                    throw new ArgumentException($"ftr {f.Id} settles at zones: zonal load prices are needed", nameof(zonalLoadPrices));
                }

                prices[k] = (ZonePrice(f.Path.Source, busPrices, zonalLoadPrices), ZonePrice(f.Path.Sink, busPrices, zonalLoadPrices));
                targets[k] = Target(f, prices[k], hours);
                zonalTargets += targets[k];
                zonalAtBuses += atBuses;
            }
            else
            {
                targets[k] = atBuses;
            }

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
        var lines = new List<FtrSettlementLine>(settled.Count);
        decimal paidOut = 0;
        for (var k = 0; k < settled.Count; k++)
        {
            var f = settled[k];
            // Round down so the pro-rata payments never exceed what is available.
            var amount = targets[k] > 0 && ratio < 1 ? Math.Floor(targets[k] * ratio * 100) / 100 : targets[k];
            if (amount > 0)
            {
                paidOut += amount;
            }

            lines.Add(new FtrSettlementLine(f.Id, f.Holder, f.Kind, f.Mw, prices[k].Source, prices[k].Sink, targets[k], amount) { SettleAt = f.SettleAt, Flowgate = f.Path.Flowgate });
        }

        var surplus = Math.Max(0, available - positive);
        var shortfall = Math.Max(0, positive - available);
        var rounding = ratio < 1 ? positive * ratio - paidOut : 0;
        return new FtrSettlementResult(lines, congestionRent, positive, charges, ratio, surplus, shortfall, Cents(rounding))
        {
            NotInForce = ftrs.Count - settled.Count,
            ZonalTargets = zonalTargets,
            ZonalTargetsAtBuses = zonalAtBuses,
        };
    }

    private static decimal Target(OutstandingFtr f, (double Source, double Sink) prices, double hours)
    {
        var value = (prices.Sink - prices.Source) * f.Mw * hours;
        return Cents((decimal)(f.Kind == FtrKind.Option ? Math.Max(0, value) : value));
    }

    /// <summary>A zone end's zonal load price (its reference bus's zone); a bus or hub end's own price.</summary>
    private static double ZonePrice(FtrLocation end, IReadOnlyList<double> busPrices, IReadOnlyList<double> zonalLoadPrices) =>
        end.ZoneLabel is null ? end.Average(busPrices) : zonalLoadPrices[end.Buses[0]];

    private static decimal Cents(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
}
