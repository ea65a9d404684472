using Gridclear.Designs.Px;
using Gridclear.Flows;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Tests.Market;

namespace Gridclear.Tests.Px;

/// <summary>
/// The recall on random markets nobody worked by hand (MoneyConservationPropertyTests' generator): a branch carrying
/// flow is reserved whole for an existing contract and part of it recalled. Whatever the schedules and bids: what is
/// freed plus what is not is the excess; each cut's relief is its share of its contribution (checked against the
/// branch's own shift factors); the reliefs add up to what was freed; nothing is left unfreed while a schedule on the
/// path is not cut whole; no schedule is cut beyond its injections.
/// </summary>
public sealed class RecallPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_recall_frees_the_excess_or_cuts_every_schedule_on_the_path(int seed)
    {
        var (network, input) = MoneyConservationPropertyTests.RandomMarket(seed);
        input.CheckAgainst(network);
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var result = DayAheadMarket.Clear(new SecurityModel(network, shiftFactors, [], [], []), input, new ClpSolver());
        var schedules = result.Schedules.Select(s => new Schedule(s.Schedule, s.Participant, false, s.Legs.Select(l => new ScheduleLeg(l.Bus, l.Mw)).ToList())).ToList();
        var flows = result.BranchFlows;
        var rng = new Random(seed);
        var l = Enumerable.Range(0, network.BranchCount).OrderByDescending(b => Math.Abs(flows[b])).First();
        var direction = flows[l] >= 0 ? 1 : -1;
        var limit = Math.Abs(flows[l]) + 10;
        var path = new ReservedPath("P", [(l, 1.0)], limit);
        var recalled = 10 + (rng.NextDouble() * Math.Abs(flows[l]));
        var lmp = result.Prices.ToDictionary(p => p.Bus, p => p.Lmp);
        var (paths, cuts) = RecallableTransmission.Recall(
            shiftFactors, [path], new Dictionary<(string, int), double> { [("P", direction)] = recalled }, flows, schedules,
            input.Schedules.ToDictionary(s => s.Id), input.Adjustments, lmp, 1.0);

        var p = Assert.Single(paths);
        Assert.Equal(Math.Max(0, recalled - 10), p.ExcessMw, 1e-6);
        Assert.Equal(p.ExcessMw, p.FreedMw + p.UnfreedMw, 1e-6);
        Assert.InRange(p.FreedMw, -1e-9, p.ExcessMw + 1e-9);
        Assert.Equal(p.FreedMw, cuts.Sum(c => c.ReliefMw), 1e-6);

        var row = shiftFactors.Row(l).ToArray();
        foreach (var cut in cuts)
        {
            var s = schedules.Single(x => x.Id == cut.Schedule);
            var injection = s.Legs.Where(x => x.Mw > 0).Sum(x => x.Mw);
            Assert.InRange(cut.CutMw, 0, injection + 1e-9);
            var relief = direction * s.Legs.Sum(x => x.Mw * (cut.CutMw / injection) * row[network.BusIndex(x.Bus)]);
            Assert.Equal(relief, cut.ReliefMw, 1e-6);
            Assert.True(cut.ReliefMw > 0, $"seed {seed}: {cut.Schedule} cut with no relief");
        }

        if (p.UnfreedMw > 1e-6)
        {
            // Every schedule flowing on the path in the recalled direction was cut whole.
            foreach (var s in schedules)
            {
                var contribution = direction * s.Legs.Sum(x => x.Mw * row[network.BusIndex(x.Bus)]);
                var injection = s.Legs.Where(x => x.Mw > 0).Sum(x => x.Mw);
                if (contribution > 1e-6 && injection > 1e-6)
                {
                    Assert.Equal(injection, cuts.Where(c => c.Schedule == s.Id).Sum(c => c.CutMw), 1e-6);
                }
            }
        }
    }
}
