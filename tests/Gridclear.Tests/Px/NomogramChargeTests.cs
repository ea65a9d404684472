using System.Globalization;
using Gridclear.Designs.Px;
using Gridclear.Flows;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Settlement;
using Gridclear.Tests.FlowPaths;
using Gridclear.Tests.Market;

namespace Gridclear.Tests.Px;

/// <summary>
/// Nomogram usage charges (002, X2): the hand-computed example (examples/px, README "The Power Exchange's
/// alternative") and the identities on random markets nobody wrote by hand.
/// <para>
/// examples/px by hand: bus 3 is the reference, so N_IMPORT = flow 1-3 + flow 2-3 = P1 + P2 ≤ 150. G1 (bus 1, $10)
/// and G3 (bus 3, $40) serve L4's 200 MW; S_IN (Delta, 30 MW from 2 to 4) adds 30 to the nomogram, S_CF (Epsilon, 20
/// MW from 3 to 1) takes 20 off it. So G1 = 150 − 30 + 20 = 140, G3 = 60, the shadow price is 40 − 10 = 30, LMP 10 at
/// buses 1-2 and 40 at 3-4. Charges: G1 140 MW → −4,200; S_IN 30 → −900; S_CF −20 → +600 (counterflow paid); G3 and
/// L4 0 (factor 0). Σ = −4,500 = −30 × 150, and the nodal congestion rent is 8,000 − 1,400 − 2,400 + 900 − 600 = 4,500.
/// </para>
/// </summary>
public sealed class NomogramChargeTests
{
    /// <summary>Each row is rounded to the cent once: a sum may differ from its exact value by half a cent a row.</summary>
    private const decimal CentPerRow = 0.005m;

    private static readonly Lazy<(string Out, int Code, string Error)> Example = new(() =>
    {
        var dir = PxCli.OutDir();
        var (code, _, error) = PxCli.Run("clear", "--case", PxCli.ExampleCase, "--market", PxCli.Example, "--out", dir);
        return (dir, code, error);
    });

    private static List<Dictionary<string, string>> Rows(string file) => FlowPathCli.Rows(Path.Combine(Example.Value.Out, file));

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static decimal M(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("Alpha", "G1", 140, "-4200.00")]
    [InlineData("Gamma", "G3", 0, "0.00")]
    [InlineData("Beta", "L4", 0, "0.00")]
    [InlineData("Delta", "S_IN", 30, "-900.00")]
    [InlineData("Epsilon", "S_CF", -20, "600.00")]
    public void Hand_example_charges_each_party_its_contribution_at_the_shadow_price(string participant, string owner, double contribution, string amount)
    {
        Assert.True(Example.Value.Code == 0, Example.Value.Error);
        var row = Rows("nomogram_charges.csv").Single(r => r["schedule_or_resource"] == owner);
        Assert.Equal(participant, row["participant"]);
        Assert.Equal("N_IMPORT", row["nomogram"]);
        Assert.Equal(contribution, D(row["contribution_mw"]), 1e-6);
        Assert.Equal(30, D(row["shadow_price"]), 1e-6);
        Assert.Equal(M(amount), M(row["amount"]));
    }

    [Fact]
    public void Hand_example_reconciles_with_the_nodal_settlement()
    {
        Assert.True(Example.Value.Code == 0, Example.Value.Error);
        var charges = Rows("nomogram_charges.csv");
        var settlement = Rows("settlement.csv");

        // Σ charges = −shadow price × Σ contributions, and Σ contributions is the nomogram's flow (150, at its limit).
        Assert.Equal(150, charges.Sum(r => D(r["contribution_mw"])), 1e-6);
        Assert.Equal(-4500m, charges.Sum(r => M(r["amount"])));

        // The balanced schedule's nodal usage line equals its nomogram charge (the nomogram binds alone).
        Assert.Equal(-900m, settlement.Where(r => r["charge"] == "usage" && r["participant"] == "Delta").Sum(r => M(r["amount"])));
        Assert.Equal(600m, settlement.Where(r => r["charge"] == "usage" && r["participant"] == "Epsilon").Sum(r => M(r["amount"])));

        // Every participant nodal, lossless, nothing unserved: the congestion rent is minus the nomogram charges.
        Assert.Equal(4500m, settlement.Where(r => r["participant"] == "operator" && r["charge"] == "congestion_rent").Sum(r => M(r["amount"])));
    }

    [Fact]
    public void No_file_without_nomograms_and_a_header_only_file_when_none_binds()
    {
        using var loose = PxCli.ExampleWith(new Dictionary<string, string?> { ["nomograms.csv"] = "nomogram,term,coefficient,limit\nN_IMPORT,flow:1-3,1,900\nN_IMPORT,flow:2-3,1,900\n" });
        var dir = PxCli.OutDir();
        var (code, _, error) = PxCli.Run("clear", "--case", PxCli.ExampleCase, "--market", loose.Path, "--out", dir);
        Assert.True(code == 0, error);
        Assert.Equal("participant,schedule_or_resource,nomogram,contribution_mw,shadow_price,amount\n", File.ReadAllText(Path.Combine(dir, "nomogram_charges.csv")));

        using var none = PxCli.ExampleWith(new Dictionary<string, string?> { ["nomograms.csv"] = null });
        var dir2 = PxCli.OutDir();
        (code, _, error) = PxCli.Run("clear", "--case", PxCli.ExampleCase, "--market", none.Path, "--out", dir2);
        Assert.True(code == 0, error);
        Assert.False(File.Exists(Path.Combine(dir2, "nomogram_charges.csv")));
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    /// <summary>
    /// Random markets (MoneyConservationPropertyTests' generator) with every branch limit lifted and two random
    /// nomograms squeezed below their unconstrained value, so nomograms bind alone: each balanced schedule's nodal
    /// usage Σ mw·LMP equals the sum of its nomogram charges, and per nomogram Σ charges = −μ·Σ contributions with
    /// Σ contributions = the nomogram's value (no phase shifters) less what unserved energy adds.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Identities_hold_on_random_markets_where_nomograms_bind_alone(int seed)
    {
        var (limited, input) = MoneyConservationPropertyTests.RandomMarket(seed);
        var network = new Gridclear.Network.Network(
            "free", limited.BaseMva, limited.BusIds, new double[limited.BusCount], Enumerable.Repeat(1, limited.BusCount).ToList(),
            limited.Branches.Select(b => b with { RatingMw = double.PositiveInfinity }).ToList(), [], limited.ReferenceBus);
        input.CheckAgainst(network);
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var free = DayAheadMarket.Clear(new SecurityModel(network, shiftFactors, [], [], []), input, new ClpSolver());

        var rng = new Random(seed * 7919);
        var flows = free.BranchFlows;
        var injections = network.BusIds.Select(b => free.Awards.Where(a => a.Bus == b).Sum(a => a.InjectionMw) + free.Schedules.Sum(s => s.Legs.Where(l => l.Bus == b).Sum(l => l.Mw))).ToArray();
        var nomograms = new List<Nomogram>();
        for (var k = 0; k < 2; k++)
        {
            var l1 = rng.Next(network.BranchCount);
            var l2 = (l1 + 1 + rng.Next(Math.Max(1, network.BranchCount - 1))) % network.BranchCount;
            var c1 = flows[l1] >= 0 ? 1.0 : -1.0;
            var c2 = rng.NextDouble() < 0.5 ? 0.5 : -0.5;
            var bus = network.BusIds[rng.Next(network.BusCount)];
            List<NomogramTerm> terms = l2 == l1 ? [new FlowTerm(l1, c1)] : [new FlowTerm(l1, c1), new FlowTerm(l2, c2)];
            terms.Add(new InjectionTerm(bus, 0.25));
            var value = terms.Sum(t => t switch
            {
                FlowTerm f => f.Coefficient * flows[f.Branch],
                InjectionTerm j => j.Coefficient * injections[network.BusIndex(j.Bus)],
                _ => 0,
            });
            nomograms.Add(new Nomogram($"N{k}", terms, Math.Round(value - (0.3 * Math.Abs(value)) - 3, 3)));
        }

        var withNomograms = new MarketInput(
            input.Resources, input.Offers, input.Bids, input.Demand, input.Schedules, input.Adjustments, input.Zones, input.Hubs, [], nomograms, [], input.PortfolioBalanced);
        var security = new SecurityModel(network, shiftFactors, [], nomograms, []);
        var result = DayAheadMarket.Clear(security, withNomograms, new ClpSolver());
        var charges = NomogramUsageCharges.Compute(security, result, input.Resources, 1.0);
        var lmp = result.Prices.ToDictionary(p => p.Bus, p => p.Lmp);
        var binding = result.Constraints.Where(c => c.Kind == ConstraintKind.Nomogram).ToList();
        Assert.NotEmpty(binding);
        Assert.All(result.Constraints, c => Assert.True(c.Kind is ConstraintKind.Nomogram or ConstraintKind.Balance, $"seed {seed}: {c.Kind} {c.Constraint} binds"));

        // One row per binding nomogram and resource or schedule side.
        var sides = result.Schedules.Sum(s => s.Legs.Select(l => l.Owner ?? s.Participant).Distinct().Count());
        Assert.Equal(binding.Count * (result.Awards.Count + sides), charges.Count);

        var reference = network.BusIds[network.ReferenceBus];
        var unserved = (result.Constraints.Single(c => c.Kind == ConstraintKind.Balance).RelaxedMw > 0) ? double.NaN : 0;
        foreach (var c in binding)
        {
            var rows = charges.Where(x => x.Nomogram == c.Constraint).ToList();
            var sumContribution = rows.Sum(x => x.ContributionMw);
            Assert.InRange(rows.Sum(x => x.Amount) - Money.ToCents((decimal)(-c.ShadowPrice * sumContribution)), -CentPerRow * (rows.Count + 1), CentPerRow * (rows.Count + 1));
            if (!double.IsNaN(unserved) && c.RelaxedMw == 0)
            {
                Assert.Equal(c.Flow, sumContribution, 1e-6 * Math.Max(1, Math.Abs(c.Flow)));
            }
        }

        foreach (var s in result.Schedules.Where(s => Math.Abs(s.Legs.Sum(l => l.Mw)) < 1e-6))
        {
            // Nodal usage of a balanced schedule: λ cancels over its legs, only the nomograms' terms remain.
            var usage = s.Legs.Sum(l => l.Mw * lmp[l.Bus]);
            var nomogram = charges.Where(x => x.ScheduleOrResource == s.Schedule && x.Source == NomogramChargeSource.Schedule).Sum(x => -x.ShadowPrice * x.ContributionMw);
            Assert.True(Math.Abs(usage - nomogram) <= 1e-6 * Math.Max(1, Math.Abs(usage)), $"seed {seed} schedule {s.Schedule}: nodal usage {usage}, nomogram charges {nomogram} (reference bus {reference})");
        }
    }
}
