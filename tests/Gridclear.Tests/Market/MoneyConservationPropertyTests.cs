using Gridclear.Market;
using Gridclear.Settlement;
using static Gridclear.Tests.Market.MarketHarness;

namespace Gridclear.Tests.Market;

/// <summary>
/// Money conservation (FORMATS.md: all amounts of a run sum to zero) over many random markets cleared by the real
/// engine: random small meshed networks with tight lines, offers (some negative), bids, fixed demand, elections,
/// zones, balanced and unbalanced schedules with and without adjustment bids, trades and portfolio instructions.
/// Seeds are fixed, so a failure names a reproducible market.
/// </summary>
public sealed class MoneyConservationPropertyTests
{
    private const int Markets = 100;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= Markets; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_settlement_of_a_random_market_sums_to_exactly_zero(int seed)
    {
        var (network, input) = RandomMarket(seed);
        var (result, settlement) = ClearAndSettle(network, input);

        Assert.Equal(0.00m, settlement.Lines.Sum(l => l.Amount));
        Assert.All(settlement.Lines, l => Assert.Equal(l.Amount, Math.Round(l.Amount, 2)));

        // The one rounding step moves at most half a cent per line.
        var rounding = Amount(settlement, SettlementLine.Operator, Charges.Rounding);
        Assert.True(Math.Abs(rounding) <= 0.005m * settlement.Lines.Count, $"seed {seed}: rounding {rounding}");

        // Balanced schedules none of whose sides is in a portfolio stay balanced.
        foreach (var s in result.Schedules.Where(s => s.Balanced && !s.Submitted.Any(l => input.PortfolioBalanced.Contains(l.Owner ?? s.Participant))))
        {
            Assert.Equal(0, s.Legs.Sum(l => l.Mw), 1e-6);
        }

        // Every portfolio's adjustments net to zero: Σ over the legs its participant owns (a trade's side is its own).
        foreach (var p in input.PortfolioBalanced)
        {
            // Σ final − Σ submitted = Σ inc − Σ dec (cuts only touch balanced schedules without bids: net 0 either way).
            var moved = result.Schedules.Sum(s =>
                s.Legs.Where(l => (l.Owner ?? s.Participant) == p).Sum(l => l.Mw) - s.Submitted.Where(l => (l.Owner ?? s.Participant) == p).Sum(l => l.Mw));
            Assert.Equal(0, moved, 1e-6);
        }
    }

    internal static (Gridclear.Network.Network Network, MarketInput Input) RandomMarket(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(3, 8);

        // A random spanning tree, then a few chords: meshed, connected; some lines tight.
        var lines = new List<(int, int, double, double)>();
        var pairs = new HashSet<(int, int)>();
        void Line(int a, int b)
        {
            if (a == b || !pairs.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                return;
            }

            var rating = rng.NextDouble() < 0.5 ? 20 + (rng.Next(0, 9) * 10) : double.PositiveInfinity;
            lines.Add((a, b, 0.05 + (rng.Next(0, 6) * 0.05), rating));
        }

        for (var b = 2; b <= n; b++)
        {
            Line(b, rng.Next(1, b));
        }

        for (var k = rng.Next(0, n); k > 0; k--)
        {
            Line(rng.Next(1, n + 1), rng.Next(1, n + 1));
        }

        var network = Grid(n, lines, referenceBus: rng.Next(1, n + 1));
        string[] people = ["P1", "P2", "P3", "P4", "P5"];
        string Who() => people[rng.Next(people.Length)];
        Election Pick() => rng.NextDouble() < 0.5 ? Election.Nodal : Election.Zonal;
        double Price(double low, double high) => Math.Round(low + (rng.NextDouble() * (high - low)), 2);
        (double, double)[] Steps(int count, double low, double high, bool rising)
        {
            var prices = Enumerable.Range(0, count).Select(_ => Price(low, high)).Order().ToArray();
            if (!rising)
            {
                Array.Reverse(prices);
            }

            return prices.Select(p => ((double)rng.Next(5, 80), p)).ToArray();
        }

        var resources = new List<Resource>();
        var offers = new Dictionary<string, OfferCurve>();
        var bids = new Dictionary<string, BidCurve>();
        var demand = new Dictionary<string, double>();
        for (var g = rng.Next(2, 2 + n); g > 0; g--)
        {
            var id = $"G{resources.Count}";
            resources.Add(Gen(id, Who(), rng.Next(1, n + 1), Pick()));
            offers[id] = Offer(Steps(rng.Next(1, 4), -20, 90, rising: true));
        }

        for (var l = rng.Next(1, 1 + n); l > 0; l--)
        {
            var id = $"L{resources.Count}";
            resources.Add(Load(id, Who(), rng.Next(1, n + 1), Pick()));
            if (rng.NextDouble() < 0.4)
            {
                bids[id] = Bid(Steps(rng.Next(1, 4), 0, 300, rising: false));
            }
            else
            {
                demand[id] = rng.Next(10, 120);
            }
        }

        var schedules = new List<Schedule>();
        var adjustments = new List<AdjustmentBid>();
        for (var k = rng.Next(0, 4); k > 0; k--)
        {
            var id = $"S{schedules.Count}";
            var from = rng.Next(1, n + 1);
            var to = from % n + 1;
            var mw = (double)rng.Next(5, 40);
            var kind = rng.Next(4);
            var who = Who();
            Schedule schedule = kind switch
            {
                0 => new Schedule(id, who, false, [new ScheduleLeg(from, mw)]),
                1 => Schedule.Trade(id, who, people.First(p => p != who), true, [new ScheduleLeg(from, mw), new ScheduleLeg(to, -mw)]),
                _ => new Schedule(id, who, true, [new ScheduleLeg(from, mw), new ScheduleLeg(to, -mw)]),
            };
            schedules.Add(schedule);
            if (rng.NextDouble() < 0.6)
            {
                foreach (var leg in schedule.Legs)
                {
                    var direction = rng.NextDouble() < 0.5 ? AdjustmentDirection.Inc : AdjustmentDirection.Dec;
                    var steps = Steps(rng.Next(1, 3), -10, 120, rising: direction == AdjustmentDirection.Inc);
                    // D3: an adjustment is its submitter's and moves only its own side; a trade's must name it (the
                    // owner of the leg), an own schedule's may.
                    var named = schedule.IsTrade || rng.NextDouble() < 0.5;
                    adjustments.Add(new AdjustmentBid(id, leg.Bus, direction, Adjust(id, leg.Bus, direction, steps).Steps, named ? schedule.OwnerOf(leg) : null));
                }
            }
        }

        var scheduled = schedules.Select(s => s.Participant).Distinct().ToList();
        var portfolio = scheduled.Where(_ => rng.NextDouble() < 0.3).ToList();

        // 1 to 3 zones: contiguous runs of bus numbers.
        var zoneCount = rng.Next(1, Math.Min(3, n) + 1);
        var zones = Enumerable.Range(0, zoneCount)
            .Select(z => new Zone($"Z{z}", Enumerable.Range(1, n).Where(b => (b - 1) * zoneCount / n == z).ToList()))
            .ToList();

        return (network, new MarketInput(resources, offers, bids, demand, schedules, adjustments, zones, PortfolioBalanced: portfolio));
    }
}
