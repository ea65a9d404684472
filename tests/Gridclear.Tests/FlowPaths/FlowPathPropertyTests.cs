using Gridclear.Designs.FlowPaths;
using Gridclear.Flows;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.FlowPaths;

/// <summary>
/// The flow-path model on networks and markets it was not tuned on: random paths and random balanced schedules on
/// PGLib/MATPOWER cases, checked against independent computations (a DC power flow of the schedule, the thresholds
/// recomputed from their definition) and identities (the reference drops out of a balanced schedule's need; the
/// cost allocation sums to zero).
/// </summary>
public sealed class FlowPathPropertyTests
{
    /// <summary>Needs are sums of a few hundred MW × factors ≤ 1: round-off far below 1e-7 MW.</summary>
    private const double MwTolerance = 1e-7;

    public static TheoryData<string, int> Cases() => new()
    {
        { "case118", 1 },
        { "case300", 2 },
        { "case2383wp", 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Requirements_are_the_schedule_flows_and_do_not_depend_on_the_reference(string caseName, int seed)
    {
        var network = NetworkCompiler.Compile(MatpowerReader.ReadFile(TestPaths.Case(caseName))).Network;
        var random = new Random(seed);
        var paths = RandomPaths(network, random, 4);
        var schedules = RandomSchedules(network, random, 40);
        var thresholds = new PathThresholds(5, 10, 20, 30);
        var zones = MarketInput.DefaultZones(network);
        var zoneOfBus = PathRequirements.ZoneOfBus(zones);
        var rights = schedules.Take(20).SelectMany(s => paths.Select(p => new PathRight(s.Participant, p.Id, random.Next(-20, 21)))).ToList();

        using var atReference = new ShiftFactors(network, new KluSolver());
        var other = (network.ReferenceBus + (network.BusCount / 2)) % network.BusCount;
        using var atOther = new ShiftFactors(network, new KluSolver(), SlackDistribution.SingleBus(other));
        using var loadWeighted = new ShiftFactors(network, new KluSolver(), SlackDistribution.LoadWeighted(network));
        var result = PathRequirements.Compute(new FlowDistributionFactors(atReference, paths), zoneOfBus, schedules, thresholds, rights);
        var moved = PathRequirements.Compute(new FlowDistributionFactors(atOther, paths), zoneOfBus, schedules, thresholds, rights);
        var distributed = PathRequirements.Compute(new FlowDistributionFactors(loadWeighted, paths), zoneOfBus, schedules, thresholds, rights);
        Assert.Equal(schedules.Count * paths.Count, result.Rows.Count);

        var empty = new double[network.BranchCount];
        atReference.ComputeFlows(new double[network.BusCount], empty);
        var i = 0;
        foreach (var s in schedules)
        {
            // An independent computation: the DC flows with the schedule's injections, less the flows without them.
            var injections = new double[network.BusCount];
            foreach (var leg in s.Legs)
            {
                injections[network.BusIndex(leg.Bus)] += leg.Mw;
            }

            var flows = new double[network.BranchCount];
            atReference.ComputeFlows(injections, flows);
            var q = s.Legs.Sum(l => Math.Max(l.Mw, 0));
            var intra = s.Legs.Select(l => zoneOfBus[l.Bus]).Distinct().Count() == 1;
            foreach (var p in paths)
            {
                var row = result.Rows[i];
                Assert.Equal((s.Id, p.Id), (row.Schedule, row.Path));
                var flow = p.Terms.Sum(t => t.Weight * (flows[t.Branch] - empty[t.Branch]));
                Assert.Equal(flow, row.RequiredMw, MwTolerance);
                Assert.Equal(row.RequiredMw, moved.Rows[i].RequiredMw, MwTolerance);
                Assert.Equal(row.RequiredMw, distributed.Rows[i].RequiredMw, MwTolerance);

                var forgiveness = Math.Min(0.05 * q, 0.10 * p.Rating);
                var scheduling = Math.Min(0.20 * q, 0.30 * p.Rating);
                Assert.Equal(forgiveness, row.ForgivenessMw, MwTolerance);
                Assert.Equal(scheduling, row.SchedulingMw, MwTolerance);
                var need = Math.Abs(flow);
                var expected = intra ? ScheduleClass.IntraZonal
                    : need <= forgiveness + 1e-6 ? ScheduleClass.Forgiven
                    : need <= scheduling + 1e-6 ? ScheduleClass.Between
                    : ScheduleClass.Above;
                if (Math.Abs(need - forgiveness) > 1e-6 && Math.Abs(need - scheduling) > 1e-6)
                {
                    Assert.Equal(expected, row.Class);
                }

                Assert.InRange(row.HeldMw, 0, need + MwTolerance);
                Assert.Equal(row.Class is ScheduleClass.Between or ScheduleClass.Above ? need - row.HeldMw : 0, row.UncoveredMw, MwTolerance);
                i++;
            }
        }

        // Holdings are never handed out beyond the net right in each direction.
        foreach (var g in result.Rows.GroupBy(r => (r.Participant, r.Path)))
        {
            var net = rights.Where(r => r.Holder == g.Key.Participant && r.Path == g.Key.Path).Sum(r => r.Mw);
            Assert.True(g.Where(r => r.RequiredMw > 0).Sum(r => r.HeldMw) <= Math.Max(net, 0) + MwTolerance);
            Assert.True(g.Where(r => r.RequiredMw < 0).Sum(r => r.HeldMw) <= Math.Max(-net, 0) + MwTolerance);
        }

        // Whatever the prices, the cost allocation sums to zero to the cent.
        var prices = paths.Select(p => new PathPrice(p.Id, random.NextDouble() * 40, random.Next(2) == 0 ? -1 : 1)).ToList();
        var contracts = schedules.Take(3).ToDictionary(s => s.Participant, _ => random.NextDouble() * 50);
        var settlement = PathCostAllocation.Allocate(result, prices, random.NextDouble() * 1000, contracts, random.NextDouble() * 100);
        Assert.Equal(0m, settlement.Lines.Sum(l => l.Amount));
        var direct = settlement.Lines.Where(l => l.Charge == "path_procurement").Sum(l => l.Amount);
        Assert.Equal(Math.Round((decimal)settlement.DirectCharges, 2), -direct, 2);
    }

    [Fact]
    public void Intra_zonal_schedules_need_no_rights_whatever_they_load()
    {
        var network = NetworkCompiler.Compile(MatpowerReader.ReadFile(TestPaths.Case("case118"))).Network;
        var paths = RandomPaths(network, new Random(9), 3);
        using var h = new ShiftFactors(network, new KluSolver());
        var everything = new Zone("ALL", network.BusIds.ToList());
        var schedules = RandomSchedules(network, new Random(10), 10);
        var result = PathRequirements.Compute(new FlowDistributionFactors(h, paths), PathRequirements.ZoneOfBus([everything]), schedules, new PathThresholds(0, 0, 0, 0), []);
        Assert.All(result.Rows, r => Assert.Equal((ScheduleClass.IntraZonal, 0.0, 0.0), (r.Class, r.HeldMw, r.UncoveredMw)));
        Assert.Contains(result.Rows, r => Math.Abs(r.RequiredMw) > 1);
        Assert.Empty(result.Rejected);
    }

    private static List<FlowPath> RandomPaths(Gridclear.Network.Network network, Random random, int count)
    {
        var paths = new List<FlowPath>();
        for (var p = 0; p < count; p++)
        {
            var branches = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(network.BranchCount)).Distinct();
            paths.Add(new FlowPath($"PATH{p}", branches.Select(b => new BranchTerm(b, random.Next(2) == 0 ? 1.0 : -0.5)).ToList(), 50 + random.Next(500)));
        }

        return paths;
    }

    private static List<Schedule> RandomSchedules(Gridclear.Network.Network network, Random random, int count)
    {
        var schedules = new List<Schedule>();
        for (var s = 0; s < count; s++)
        {
            var buses = Enumerable.Range(0, 2 + random.Next(3)).Select(_ => network.BusIds[random.Next(network.BusCount)]).Distinct().ToList();
            if (buses.Count < 2)
            {
                continue;
            }

            var legs = buses.Take(buses.Count - 1).Select(b => new ScheduleLeg(b, random.Next(-100, 201))).ToList();
            legs.Add(new ScheduleLeg(buses[^1], -legs.Sum(l => l.Mw)));
            schedules.Add(new Schedule($"S{s}", $"P{s % 7}", true, legs));
        }

        return schedules;
    }
}
