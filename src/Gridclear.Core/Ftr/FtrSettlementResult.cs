namespace Gridclear.Ftr;

/// <summary>FTR settlement and revenue adequacy (F2, F7) for one day-ahead run.</summary>
/// <param name="CongestionRent">Congestion rent the day-ahead market collected, $.</param>
/// <param name="PositiveTargets">Σ positive targets: what holders are owed, $.</param>
/// <param name="Charges">Σ |negative targets|: what obligation holders pay in, $.</param>
/// <param name="FundingRatio">Share of positive targets paid: 1 when rent + charges cover them, else
/// (rent + charges) / positive targets, applied pro rata.</param>
/// <param name="Surplus">Rent + charges − positive targets when ≥ 0: left to the operator's account, $.</param>
/// <param name="Shortfall">Positive targets − (rent + charges) when &gt; 0: the part of FTR targets not paid, $.</param>
/// <param name="Rounding">What pro-rata rounding left unpaid (cents), kept in the operator's account.</param>
public sealed record FtrSettlementResult(
    IReadOnlyList<FtrSettlementLine> Lines,
    decimal CongestionRent,
    decimal PositiveTargets,
    decimal Charges,
    decimal FundingRatio,
    decimal Surplus,
    decimal Shortfall,
    decimal Rounding)
{
    /// <summary>What the user should know (zone labels that no longer match, terms ignored without a market day).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>FTRs left out because their term does not hold the market day (F4).</summary>
    public int NotInForce { get; init; }

    /// <summary>Σ targets of the FTRs settled at zonal prices (F10), $.</summary>
    public decimal ZonalTargets { get; init; }

    /// <summary>What the same FTRs would be owed at their reference buses, $: the part simultaneous feasibility backs.</summary>
    public decimal ZonalTargetsAtBuses { get; init; }

    /// <summary>Zonal less bus-settled targets of the zonally settled FTRs, $: what zonal settlement adds to (or takes
    /// from) the claims on the congestion rent beyond what simultaneous feasibility guarantees.</summary>
    public decimal ZonalBasis => ZonalTargets - ZonalTargetsAtBuses;

    /// <summary>Σ amounts: net paid to FTR holders, $.</summary>
    public decimal NetPaid => Lines.Sum(l => l.Amount);

    /// <summary>Net amount per holder, ordered by holder name.</summary>
    public IReadOnlyList<(string Holder, decimal Amount)> ByHolder() =>
        [.. Lines.GroupBy(l => l.Holder, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(l => l.Amount)))];

    /// <summary>The operator's FTR account: congestion rent in, net FTR payments out; equals Surplus + Rounding.</summary>
    public decimal OperatorBalance => CongestionRent - NetPaid;
}
