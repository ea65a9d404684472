using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.Tests.Settlement;

/// <summary>
/// Properties over ~500 random settlement outcomes (a seeded generator: every run sees the same markets). Prices include
/// negatives and odd decimals, elections and zones are random, schedules balanced or not, with extra (FTR-like) lines.
/// </summary>
public class MoneyConservationTests
{
    private const int Runs = 500;

    /// <summary>Half a cent: the most <see cref="Money.ToCents"/> can move one line.</summary>
    private const decimal HalfCent = 0.005m;

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 5).Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryRunSumsToExactlyZeroWithBoundedRounding(int batch)
    {
        for (var run = 0; run < Runs / 5; run++)
        {
            var seed = batch * 1000 + run;
            var (input, zonalGenerators) = RandomOutcome(new Random(seed));
            var r = DayAheadSettlement.Settle(input);

            Assert.True(r.Lines.Sum(l => l.Amount) == 0m, $"seed {seed}: lines sum to {r.Lines.Sum(l => l.Amount)}");
            Assert.All(r.Lines, l => Assert.Equal(Money.ToCents(l.Amount), l.Amount));
            var rounding = r.Lines.Single(l => l.Participant == SettlementLine.Operator && l.Charge == Charges.Rounding).Amount;
            Assert.True(Math.Abs(rounding) <= HalfCent * (r.Lines.Count - 1), $"seed {seed}: rounding {rounding} over {r.Lines.Count - 1} lines");

            // Constrained payments only to zonal generators, never negative; uplift only charged, never paid, to loads.
            Assert.All(r.Lines.Where(l => l.Charge is Charges.ConstrainedOn or Charges.ConstrainedOff), l =>
            {
                Assert.True(l.Amount >= 0);
                Assert.Contains(l.Detail!.Split(' ')[0], zonalGenerators);
            });
            Assert.All(r.Lines.Where(l => l.Charge == Charges.Uplift && l.Participant != SettlementLine.Operator), l => Assert.True(l.Amount <= 0));
            Assert.True(r.Totals.UpliftOffset >= 0 && r.Totals.UpliftOffset <= r.Totals.ConstrainedPayments + HalfCent * r.Lines.Count);

            // Deterministic: same input, same lines.
            Assert.Equal(r.Lines, DayAheadSettlement.Settle(input).Lines);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BalancedSchedulesArePathIndependentToTheCentInRandomMarkets(int batch)
    {
        for (var run = 0; run < Runs / 5; run++)
        {
            var rng = new Random(50_000 + batch * 1000 + run);
            var (input, _) = RandomOutcome(rng);
            var buses = input.BusLmp.Keys.Order().ToList();
            var who = input.Resources.Count > 0 && rng.Next(3) > 0 ? input.Resources[rng.Next(input.Resources.Count)].Participant : "trader";
            var (a, b, c) = (buses[rng.Next(buses.Count)], buses[rng.Next(buses.Count)], buses[rng.Next(buses.Count)]);
            if (a == b || b == c || a == c)
            {
                continue;
            }

            var mw = Math.Round(rng.NextDouble() * 100, 3);
            decimal Usage(params Schedule[] s) => DayAheadSettlement.Settle(input with { FinalSchedules = s })
                .Lines.Where(l => l.Participant == who && l.Charge == Charges.Usage).Sum(l => l.Amount);
            var direct = Usage(SettlementMarkets.Balanced("D", who, a, b, mw));
            var hopped = Usage(SettlementMarkets.Balanced("H1", who, a, c, mw), SettlementMarkets.Balanced("H2", who, c, b, mw));
            Assert.True(Math.Abs(direct - hopped) <= 0.01m, $"{who} {a}→{b} {direct} vs {a}→{c}→{b} {hopped}");
        }
    }

    /// <summary>A random outcome and the ids of its zonal generators.</summary>
    internal static (SettlementInput Input, HashSet<string> ZonalGenerators) RandomOutcome(Random rng)
    {
        var busCount = rng.Next(2, 9);
        var buses = Enumerable.Range(0, busCount).Select(i => 100 + i * 7).ToList();
        var lmp = buses.ToDictionary(b => b, _ => Math.Round(rng.NextDouble() * 350 - 50, rng.Next(0, 7)));

        // Zones: a random partition of a random subset (some buses may be in no zone).
        var zoneCount = rng.Next(1, 4);
        var members = Enumerable.Range(0, zoneCount).Select(_ => new List<int>()).ToList();
        foreach (var b in buses)
        {
            var z = rng.Next(zoneCount + 1);
            if (z < zoneCount)
            {
                members[z].Add(b);
            }
        }

        var zones = members.Select((m, i) => (m, i)).Where(x => x.m.Count > 0).Select(x => new Zone($"Z{x.i}", x.m)).ToList();
        var zoned = zones.SelectMany(z => z.Buses).ToHashSet();

        var resources = new List<Resource>();
        var cleared = new Dictionary<string, double>();
        var offers = new Dictionary<string, OfferCurve>();
        var zonalGenerators = new HashSet<string>();
        var participants = new[] { "p1", "p2", "p3", "p4" };
        var count = rng.Next(0, 11);
        for (var k = 0; k < count; k++)
        {
            var bus = buses[rng.Next(busCount)];
            var election = zoned.Contains(bus) && rng.Next(2) == 0 ? Election.Zonal : Election.Nodal;
            var who = participants[rng.Next(participants.Length)];
            if (rng.Next(2) == 0)
            {
                var id = $"G{k}";
                resources.Add(new Resource(id, who, bus, ResourceKind.Generator, election));
                var steps = new List<PriceStep>();
                var price = rng.NextDouble() * 200 - 40;
                for (var s = rng.Next(1, 4); s > 0; s--)
                {
                    steps.Add(new PriceStep(Math.Round(rng.NextDouble() * 80 + 0.1, 3), Math.Round(price, 2)));
                    price += rng.NextDouble() * 40;
                }

                var offer = new OfferCurve(steps);
                if (rng.Next(4) > 0)
                {
                    offers[id] = offer;
                }

                cleared[id] = rng.Next(4) switch
                {
                    0 => 0,
                    1 => offer.CapacityMw,
                    _ => rng.NextDouble() * offer.CapacityMw,
                };
                if (election == Election.Zonal && offers.ContainsKey(id))
                {
                    zonalGenerators.Add(id);
                }
            }
            else
            {
                var id = $"L{k}";
                resources.Add(new Resource(id, who, bus, ResourceKind.Load, election));
                cleared[id] = rng.Next(5) == 0 ? 0 : rng.NextDouble() * 200;
            }
        }

        var schedules = new List<Schedule>();
        for (var s = rng.Next(0, 4); s > 0; s--)
        {
            var legBuses = buses.OrderBy(_ => rng.Next()).Take(rng.Next(1, busCount + 1)).ToList();
            var legs = legBuses.Select(b => new ScheduleLeg(b, Math.Round(rng.NextDouble() * 100 - 50, 3))).ToList();
            var balanced = legs.Count > 1 && rng.Next(2) == 0;
            if (balanced)
            {
                legs[^1] = new ScheduleLeg(legs[^1].Bus, -legs.Take(legs.Count - 1).Sum(l => l.Mw));
            }

            schedules.Add(new Schedule($"S{s}", rng.Next(3) == 0 ? "trader" : participants[rng.Next(participants.Length)], balanced, legs));
        }

        var extra = new List<SettlementLine>();
        for (var e = rng.Next(0, 3); e > 0; e--)
        {
            extra.Add(new SettlementLine(participants[rng.Next(participants.Length)], "ftr",
                (decimal)Math.Round(rng.NextDouble() * 2000 - 1000, 5), $"F{e}"));
        }

        double[] hours = [1, 0.25, 24, 1.0 / 12];
        var input = new SettlementInput(lmp, zones, resources, cleared, offers, schedules)
        {
            Hours = hours[rng.Next(hours.Length)],
            ExtraLines = extra,
        };
        return (input, zonalGenerators);
    }
}
