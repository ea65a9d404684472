namespace Gridclear.Ftr;

/// <summary>One FTR's day-ahead settlement.</summary>
/// <param name="SourcePrice">Day-ahead price at the source, $/MWh (weighted for a hub; a zone's load price when the
/// FTR settles at zones).</param>
/// <param name="SinkPrice">Day-ahead price at the sink, $/MWh.</param>
/// <param name="Target">(sink − source) × MW for an obligation, its positive part for an option, $ per hour of
/// the run, rounded to cents: what the FTR is owed before any shortfall.</param>
/// <param name="Amount">What is paid: a positive target times the funding ratio; a negative target (an
/// obligation's charge) in full. Amount &gt; 0 is paid to the holder, &lt; 0 paid by it.</param>
public sealed record FtrSettlementLine(
    string Ftr, string Holder, FtrKind Kind, double Mw, double SourcePrice, double SinkPrice, decimal Target, decimal Amount)
{
    /// <summary>Bus or zonal prices (F10).</summary>
    public FtrSettleAt SettleAt { get; init; }

    /// <summary>A flowgate or nomogram right (F9): its prices are the virtual buses' of <see cref="FtrFlowgates.Prices"/>,
    /// so <see cref="SourcePrice"/> is minus the constraint's shadow price.</summary>
    public FtrFlowgate? Flowgate { get; init; }
}
