using Gridclear.Flows;
using Gridclear.Ftr;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Tests.Ftr;

/// <summary>Networks, security models and seeded random cases for the FTR tests.</summary>
internal static class FtrFixtures
{
    public static readonly ClpSolver Clp = new();

    public sealed record Market(Network.Network Network, SecurityModel Security, SecurityFtrConstraints Constraints, FtrLocationResolver Resolver);

    public static Market Build(PowerCase powerCase, Func<Network.Network, OutageFactors, IReadOnlyList<Contingency>>? contingencies = null, IEnumerable<FtrHubDefinition>? hubs = null)
    {
        var network = NetworkCompiler.Compile(powerCase).Network;
        var shift = new ShiftFactors(network, new KluSolver());
        var list = contingencies?.Invoke(network, new OutageFactors(shift)) ?? [];
        var security = new SecurityModel(network, shift, [], [], list);
        return new Market(network, security, new SecurityFtrConstraints(security), new FtrLocationResolver(network, hubs));
    }

    public static FtrPath Path(this Market m, string source, string sink)
    {
        Assert.True(m.Resolver.TryResolve(source, out var s, out var p1), p1);
        Assert.True(m.Resolver.TryResolve(sink, out var t, out var p2), p2);
        return new FtrPath(s, t);
    }

    /// <summary>
    /// A seeded congested network with linear costs: a ring with random chords, ratings 40–160 MW, cheap
    /// generators on some buses and dear ones on others, so that a DC OPF congests.
    /// </summary>
    public static PowerCase RandomCase(int buses, int seed)
    {
        var random = new Random(seed);
        var list = new List<CaseBus>();
        for (var i = 0; i < buses; i++)
        {
            var type = i == 0 ? CaseBus.Reference : 1;
            list.Add(new CaseBus(i + 1, type, Math.Round(20 + (random.NextDouble() * 60), 1), 0, 0, 0, 1, 1, 0, 138, 1, 1.1, 0.9));
        }

        var branches = new List<CaseBranch>();
        void Add(int f, int t) =>
            branches.Add(new CaseBranch(f + 1, t + 1, 0, 0.02 + (0.2 * random.NextDouble()), 0, 40 + random.Next(120), 0, 0, 0, 0, 1));
        for (var i = 0; i < buses; i++)
        {
            Add(i, (i + 1) % buses);
        }

        for (var c = 0; c < buses / 2; c++)
        {
            var f = random.Next(buses);
            var t = random.Next(buses);
            if (f != t)
            {
                Add(f, t);
            }
        }

        var gens = new List<CaseGenerator>();
        var costs = new List<CaseGenCost>();
        for (var i = 0; i < buses; i += 2)
        {
            gens.Add(new CaseGenerator(i + 1, 0, 0, 0, 0, 1, 100, 1, 400, 0));
            costs.Add(new CaseGenCost(CostModel.Polynomial, 0, 0, [Math.Round(10 + (40 * random.NextDouble()), 2), 0]));
        }

        return new PowerCase($"random{buses}-{seed}", 100, list, gens, branches, costs);
    }

    /// <summary>Up to <paramref name="count"/> outages of branches that do not island the network.</summary>
    public static IReadOnlyList<Contingency> SomeContingencies(Network.Network network, OutageFactors outage, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, network.BranchCount).OrderBy(_ => random.Next()).Where(b => !outage.Islands(b)).Take(count)
            .Select(b => new Contingency($"c{b}", b))];
    }

    /// <summary>Random bids between random buses: obligations and options, some counterflow at negative prices.</summary>
    public static List<FtrBid> RandomBids(Market m, int count, int seed, bool options = true)
    {
        var random = new Random(seed);
        var bids = new List<FtrBid>();
        var n = m.Network.BusCount;
        for (var k = 0; k < count; k++)
        {
            var s = random.Next(n);
            var t = random.Next(n - 1);
            if (t >= s)
            {
                t++;
            }

            var kind = options && random.NextDouble() < 0.3 ? FtrKind.Option : FtrKind.Obligation;
            var price = Math.Round((random.NextDouble() * 30) - (kind == FtrKind.Obligation ? 8 : 0), 2);
            var path = m.Path(m.Network.BusIds[s].ToString(System.Globalization.CultureInfo.InvariantCulture), m.Network.BusIds[t].ToString(System.Globalization.CultureInfo.InvariantCulture));
            bids.Add(new FtrBid($"b{k}", $"p{k % 7}", path, kind, FtrSide.Buy, Math.Round(5 + (random.NextDouble() * 80), 1), price));
        }

        return bids;
    }
}
