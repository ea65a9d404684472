namespace Gridclear.Designs.Px;

/// <summary>One row of nomogram_charges.csv: what one schedule or resource pays (or is paid) for its use of one binding nomogram.</summary>
/// <param name="Participant">Who owns the resource or the schedule's legs (a trade has one row per side); empty for a
/// case generator (<c>gen&lt;k&gt;</c>), which belongs to no participant.</param>
/// <param name="ScheduleOrResource">The schedule's id or the resource's name.</param>
/// <param name="ContributionMw">Σ coefficient × what its MW add to the nomogram's terms (flows through the shift
/// factors of the case's reference bus, injections directly): its share of the nomogram's left-hand side.</param>
/// <param name="ShadowPrice">$/MWh, ≥ 0, as constraints.csv (the penalty price when the nomogram was relaxed).</param>
/// <param name="Amount">−shadow price × contribution × hours, $, rounded to the cent: &lt; 0 paid by it, &gt; 0 (a
/// counterflow) paid to it.</param>
public sealed record NomogramCharge(
    string Participant,
    string ScheduleOrResource,
    NomogramChargeSource Source,
    string Nomogram,
    double ContributionMw,
    double ShadowPrice,
    decimal Amount);

/// <summary>Whether a <see cref="NomogramCharge"/> is a resource's or a schedule's.</summary>
public enum NomogramChargeSource
{
    Resource,
    Schedule,
}
