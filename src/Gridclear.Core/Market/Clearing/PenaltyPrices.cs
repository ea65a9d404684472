namespace Gridclear.Market;

/// <summary>
/// The price ($/MWh, or $/MW for flows) at which each kind of constraint may be relaxed, so an infeasible market
/// still clears (status <c>relaxed</c>) instead of failing. The order matters: the market cuts a schedule
/// before it overloads a line, and overloads a line before it leaves demand unserved.
/// </summary>
/// <param name="Balance">Unserved or surplus energy (the power balance), $/MWh.</param>
/// <param name="Branch">Base-case branch overload, $/MWh per MW.</param>
/// <param name="Contingency">Post-contingency branch overload.</param>
/// <param name="Interface">Interface overload.</param>
/// <param name="Nomogram">Nomogram overrun.</param>
/// <param name="Schedule">Cutting a balanced schedule that has no adjustment bids, per MW cut.</param>
public sealed record PenaltyPrices(
    double Balance = 10_000,
    double Branch = 5_000,
    double Contingency = 5_000,
    double Interface = 5_000,
    double Nomogram = 5_000,
    double Schedule = 2_000)
{
    public static PenaltyPrices Default { get; } = new();

    public double For(ConstraintKey key) => key.Kind switch
    {
        ConstraintKind.Branch => key.IsBaseCase ? Branch : Contingency,
        ConstraintKind.Interface => Interface,
        ConstraintKind.Nomogram => Nomogram,
        _ => Balance,
    };
}
