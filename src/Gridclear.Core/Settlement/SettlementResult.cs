namespace Gridclear.Settlement;

/// <summary>What a day-ahead settlement produced.</summary>
/// <param name="ZonalPrices">The zonal prices it settled at, in zone order (write them to zonal.csv).</param>
/// <param name="Lines">Every line, in <see cref="SettlementLine.Order"/>, in cents; they sum to exactly 0.</param>
/// <param name="Totals">The run's headline figures, for comparing designs side by side (criteria C).</param>
public sealed record SettlementResult(
    IReadOnlyList<ZonalPrice> ZonalPrices,
    IReadOnlyList<SettlementLine> Lines,
    SettlementTotals Totals)
{
    /// <summary>What generator resources were paid: their energy and constrained-on/off lines, dollars.</summary>
    public decimal GeneratorRevenue { get; init; }

    /// <summary>What load resources paid: minus their energy and uplift lines, dollars (schedules apart).</summary>
    public decimal LoadPayments { get; init; }

    /// <summary>The lines grouped per participant, operator last.</summary>
    public IReadOnlyList<ParticipantStatement> Statements() => ParticipantStatement.FromLines(Lines);
}

/// <summary>A settlement run's headline figures, dollars (cents).</summary>
/// <param name="CongestionRent">The operator's <c>congestion_rent</c> line: what energy, schedules and extra lines
/// (e.g. FTR payments) left with the operator, before the uplift offset.</param>
/// <param name="ZonalRent">The rent zonal pricing collected (see <see cref="DayAheadSettlement"/>); not a line.</param>
/// <param name="ConstrainedPayments">Σ constrained_on and constrained_off lines (≥ 0).</param>
/// <param name="UpliftOffset">The part of <paramref name="ConstrainedPayments"/> the operator paid from the rent:
/// minus its <c>uplift</c> line.</param>
/// <param name="UpliftCharged">The part charged to loads: minus Σ their <c>uplift</c> lines.</param>
/// <param name="Rounding">The operator's <c>rounding</c> line.</param>
public sealed record SettlementTotals(
    decimal CongestionRent,
    decimal ZonalRent,
    decimal ConstrainedPayments,
    decimal UpliftOffset,
    decimal UpliftCharged,
    decimal Rounding);
