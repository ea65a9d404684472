using System.Globalization;
using Gridclear.Settlement;

namespace Gridclear.Ftr;

/// <summary>
/// An FTR settlement as lines of the participants' statements: one <c>ftr</c> line per holder and the operator's
/// <c>ftr_payments</c>, which funds them from the congestion rent. The lines sum to zero.
/// </summary>
public static class FtrStatementLines
{
    public const string Charge = "ftr";
    public const string OperatorCharge = "ftr_payments";

    public static IReadOnlyList<SettlementLine> Of(FtrSettlementResult settlement)
    {
        var lines = settlement.ByHolder()
            .Select(h => new SettlementLine(h.Holder, Charge, h.Amount, "FTR settlement at day-ahead prices"))
            .ToList();
        lines.Add(new SettlementLine(
            SettlementLine.Operator,
            OperatorCharge,
            -settlement.NetPaid,
            "FTR payments funded from congestion rent (funding ratio " + settlement.FundingRatio.ToString("0.######", CultureInfo.InvariantCulture) + ")"));
        return lines;
    }
}
