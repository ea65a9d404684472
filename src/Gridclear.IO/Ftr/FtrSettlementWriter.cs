using Gridclear.Ftr;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Ftr;

/// <summary>Writes a day-ahead run's FTR settlement: <c>ftr_settlement.csv</c>, the revenue-adequacy entries of
/// summary.json and the FTR rows of the participants' statements.</summary>
public static class FtrSettlementWriter
{
    public const string FileName = "ftr_settlement.csv";

    public const string Header = "ftr,holder,kind,mw,source_price,sink_price,amount,target,settle_at";

    public static void Write(string directory, FtrSettlementResult settlement)
    {
        Directory.CreateDirectory(directory);
        WriteFile(Path.Combine(directory, FileName), Header, Rows(settlement));
    }

    public static IEnumerable<string> Rows(FtrSettlementResult settlement) =>
        settlement.Lines.Select(l =>
            l.Flowgate is { } gate
                // A flowgate or nomogram right (F9): the constraint's shadow price in source_price, no sink.
                ? $"{Text(l.Ftr)},{Text(l.Holder)},{gate.KindText},{Number(l.Mw)},{Number(-l.SourcePrice)},,{Money(l.Amount)},{Money(l.Target)},{FtrFileReader.Text(l.SettleAt)}"
                : $"{Text(l.Ftr)},{Text(l.Holder)},{FtrFileReader.Text(l.Kind)},{Number(l.Mw)},{Number(l.SourcePrice)},{Number(l.SinkPrice)},{Money(l.Amount)},{Money(l.Target)},{FtrFileReader.Text(l.SettleAt)}");

    /// <summary>The <c>ftr</c> object of summary.json: revenue adequacy (F7).</summary>
    public static IReadOnlyDictionary<string, object?> Summary(FtrSettlementResult s) => new SortedDictionary<string, object?>(StringComparer.Ordinal)
    {
        ["congestion_rent"] = s.CongestionRent,
        ["positive_targets"] = s.PositiveTargets,
        ["charges"] = s.Charges,
        ["net_paid"] = s.NetPaid,
        ["funding_ratio"] = Math.Round(s.FundingRatio, 6),
        ["surplus"] = s.Surplus,
        ["shortfall"] = s.Shortfall,
        ["rounding"] = s.Rounding,
        ["adequate"] = s.Shortfall == 0,
        ["settled"] = s.Lines.Count,
        ["not_in_force"] = s.NotInForce,
        ["zonal_settled"] = s.Lines.Count(l => l.SettleAt == FtrSettleAt.Zone),
        ["zonal_targets"] = s.ZonalTargets,
        ["zonal_targets_at_buses"] = s.ZonalTargetsAtBuses,
        ["zonal_basis"] = s.ZonalBasis,
    };

    /// <summary>Statement rows (<c>participant,charge,amount,detail</c>): each holder's FTR amount, and the operator paying
    /// them out of its congestion account, so the rows sum to zero.</summary>
    public static IEnumerable<string> StatementLines(FtrSettlementResult s)
    {
        foreach (var (holder, amount) in s.ByHolder())
        {
            yield return $"{Text(holder)},ftr,{Money(amount)},FTR settlement at day-ahead prices";
        }

        yield return $"operator,ftr_payments,{Money(-s.NetPaid)},FTR payments funded from congestion rent (funding ratio {s.FundingRatio:0.######})";
    }
}
