using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.Designs.Px;

/// <summary>
/// The Power Exchange's nomogram usage charges (seed 002, X2): "CONG would determine usage charges for flows across
/// nomogram constraints. SCs would pay usage charges for bringing power across nomograms. Conversely, SCs whose
/// schedules allow other SCs to import more across nomograms would be paid the usage charges for their counter-flow."
/// <para>
/// For each nomogram n that binds with shadow price μ_n ≥ 0 (its row is Σ_bus a_n[bus]·P[bus] + constant ≤ limit) and
/// each resource or schedule s with net injections p_s[bus] (a generator +MW, a load −MW, a schedule its final legs):
/// contribution c_{s,n} = Σ_bus a_n[bus]·p_s[bus] and amount = −μ_n·c_{s,n}·hours. The factors a_n are the shift
/// factors of the case's reference bus (the slack of the flows), so a resource's contribution is measured against that
/// bus; a balanced schedule's contribution does not depend on it.
/// </para>
/// <para>Identities (tested):</para>
/// <list type="number">
/// <item>Σ_s amount = −μ_n·Σ_s c_{s,n}·hours for each nomogram (to the cent per row), and Σ_s c_{s,n} = the nomogram's
/// value minus its constant (phase-shifter flows) minus what unserved or surplus energy at the reference bus adds.</item>
/// <item>The nodal LMP is λ − Σ_c μ_c·a_c[bus] over binding constraints c, so a balanced schedule's nodal usage
/// settlement Σ_legs mw·LMP·hours is Σ_c (−μ_c·c_{s,c})·hours: when a nomogram binds alone it equals its nomogram charge.</item>
/// <item>The nodal congestion rent (every participant nodal, lossless, no unserved energy, before FTRs) is
/// −Σ_bus LMP·P·hours = Σ_c μ_c·Σ_s c_{s,c}·hours: the nomograms' part of it is −Σ of their charges. These charges are
/// that part broken down by who caused it; they are not added to settlement.csv (the usage and energy lines already
/// hold them).</item>
/// </list>
/// </summary>
public static class NomogramUsageCharges
{
    /// <param name="security">The security model the interval cleared on (its nomograms and shift factors).</param>
    /// <param name="result">The interval's clearing: binding nomograms, awards and final schedules.</param>
    /// <param name="resources">The market's resources (their participants); null for a case without resources.csv.</param>
    /// <param name="hours">Length of the interval.</param>
    public static IReadOnlyList<NomogramCharge> Compute(SecurityModel security, DayAheadResult result, IReadOnlyList<Resource>? resources, double hours)
    {
        SettlementInput.CheckHours(hours);
        var network = security.Network;
        var participantOf = (resources ?? []).ToDictionary(r => r.Id, r => r.Participant, StringComparer.Ordinal);
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < security.Nomograms.Count; i++)
        {
            indexOf[security.Nomograms[i].Id] = i;
        }

        var charges = new List<NomogramCharge>();
        var row = new double[network.BusCount];
        foreach (var binding in result.Constraints.Where(c => c.Kind == ConstraintKind.Nomogram))
        {
            var n = indexOf.TryGetValue(binding.Constraint, out var k)
                ? k
                : throw new ArgumentException($"binding nomogram {binding.Constraint} is not in the security model", nameof(result));
            security.Coefficients(new ConstraintKey(ConstraintKind.Nomogram, n), row);
            var mu = binding.ShadowPrice;
            foreach (var a in result.Awards)
            {
                var contribution = row[network.BusIndex(a.Bus)] * a.InjectionMw;
                charges.Add(Charge(participantOf.GetValueOrDefault(a.Resource, string.Empty), a.Resource, NomogramChargeSource.Resource, binding.Constraint, contribution, mu, hours));
            }

            foreach (var s in result.Schedules)
            {
                // A trade has one row per side: each side's own legs (ScheduleLeg.Owner), as its settlement does.
                foreach (var owner in s.Legs.Select(l => l.Owner ?? s.Participant).Distinct(StringComparer.Ordinal))
                {
                    var contribution = 0.0;
                    foreach (var leg in s.Legs.Where(l => (l.Owner ?? s.Participant) == owner))
                    {
                        contribution += row[network.BusIndex(leg.Bus)] * leg.Mw;
                    }

                    charges.Add(Charge(owner, s.Schedule, NomogramChargeSource.Schedule, binding.Constraint, contribution, mu, hours));
                }
            }
        }

        return charges;
    }

    private static NomogramCharge Charge(string participant, string id, NomogramChargeSource source, string nomogram, double contribution, double mu, double hours) =>
        new(participant, id, source, nomogram, contribution, mu, Money.ToCents(-Money.Amount(contribution, mu, hours, "nomogram charges")));
}
