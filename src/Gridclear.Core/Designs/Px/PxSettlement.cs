using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.Designs.Px;

/// <summary>
/// The Power Exchange's design (seed 002) settled on the nodal dispatch, for the design comparison: congestion on the
/// nomograms is charged to whoever causes it by usage charges (X2), and everything else is settled at zonal prices.
/// <para>
/// The LMP decomposes as LMP_i = λ − Σ_c μ_c·a_c[i] over binding constraints c. Adding back the nomograms' terms gives
/// the price the bus would have without the nomograms' congestion, p_i = LMP_i + Σ_n μ_n·a_n[i]; every resource
/// settles zonally on those prices (zonal load and generation prices are weighted averages of p), and every resource
/// and schedule pays −μ_n × its contribution to nomogram n (a counterflow is paid), as
/// <see cref="NomogramUsageCharges"/> computes them. For a nodal participant the two parts add up to its nodal
/// settlement exactly (Σ mw·p − Σ μ·a·mw = Σ mw·LMP); the design differs from nodal only by the zonal averaging of
/// the rest, and the operator's congestion rent absorbs the difference, so the run still sums to zero.
/// </para>
/// <para>
/// A zonal generator's constrained-on/off payments (D10) are measured against its offer plus its usage charge per MW
/// (Σ_n μ_n·a_n[bus]): a unit held back by a nomogram already sees the nomogram's price in its usage charge, so it is
/// not paid again for being held back; congestion on branches and interfaces is still made whole as in the zonal design.
/// </para>
/// </summary>
public static class PxSettlement
{
    /// <summary>The settlement charge of nomogram usage lines.</summary>
    public const string Charge = "nomogram_usage";

    /// <param name="nodal">The settlement input of the nodal clearing (bus LMPs, cleared MW, final schedules).</param>
    /// <param name="security">The security model the interval cleared on.</param>
    /// <param name="result">The interval's clearing (its binding nomograms and their shadow prices).</param>
    public static SettlementInput Apply(SettlementInput nodal, SecurityModel security, DayAheadResult result)
    {
        var network = security.Network;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < security.Nomograms.Count; i++)
        {
            index[security.Nomograms[i].Id] = i;
        }

        var prices = new Dictionary<int, double>(nodal.BusLmp);
        var adder = new double[network.BusCount]; // Σ_n μ_n·a_n[bus]: the usage charge per MW injected at the bus
        var lines = new List<SettlementLine>();
        var row = new double[network.BusCount];
        foreach (var binding in result.Constraints.Where(c => c.Kind == ConstraintKind.Nomogram && c.ShadowPrice != 0))
        {
            var n = index.TryGetValue(binding.Constraint, out var k)
                ? k
                : throw new ArgumentException($"binding nomogram {binding.Constraint} is not in the security model", nameof(result));
            Array.Clear(row);
            security.Coefficients(new ConstraintKey(ConstraintKind.Nomogram, n), row);
            var mu = binding.ShadowPrice;
            foreach (var bus in nodal.BusLmp.Keys)
            {
                prices[bus] += mu * row[network.BusIndex(bus)];
            }

            for (var i = 0; i < adder.Length; i++)
            {
                adder[i] += mu * row[i];
            }

            // Who pays: each resource for its MW, each schedule side for its final legs.
            var byParticipant = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var r in nodal.Resources)
            {
                var mw = nodal.MwOf(r.Id);
                var injection = r.Kind == ResourceKind.Generator ? mw : -mw;
                Add(byParticipant, r.Participant, row[network.BusIndex(r.Bus)] * injection, mu, nodal.Hours);
            }

            foreach (var s in nodal.FinalSchedules)
            {
                foreach (var leg in s.Legs)
                {
                    Add(byParticipant, s.OwnerOf(leg), row[network.BusIndex(leg.Bus)] * leg.Mw, mu, nodal.Hours);
                }
            }

            lines.AddRange(byParticipant.Where(p => p.Value != 0).Select(p => new SettlementLine(p.Key, Charge, p.Value, $"nomogram {binding.Constraint} at {DetailText.Price(mu)}")));
        }

        var offers = nodal.Resources.Where(r => nodal.Offers.ContainsKey(r.Id)).ToDictionary(
            r => r.Id,
            r => adder[network.BusIndex(r.Bus)] is var extra && extra != 0
                ? new OfferCurve([.. nodal.Offers[r.Id].Steps.Select(step => new PriceStep(step.Mw, step.Price + extra))])
                : nodal.Offers[r.Id],
            StringComparer.Ordinal);
        return nodal with
        {
            BusLmp = prices,
            Offers = offers,
            Resources = [.. nodal.Resources.Select(r => r with { Settlement = Election.Zonal })],
            ExtraLines = [.. nodal.ExtraLines, .. lines],
        };
    }

    private static void Add(SortedDictionary<string, decimal> byParticipant, string participant, double contribution, double mu, double hours) =>
        byParticipant[participant] = byParticipant.GetValueOrDefault(participant) - Money.Amount(contribution, mu, hours, "nomogram charges");
}
