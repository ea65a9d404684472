namespace Gridclear.Designs.Comparison;

/// <summary>
/// What a comparison has measured so far: the per-interval quantities of each design, and the exact (decimal) sums of
/// participants' nets and bus prices. A run over some of the intervals (a shard) is a tally; tallies of disjoint
/// interval sets merge by exact addition, so the merged result does not depend on how the intervals were split or in
/// which order shards are merged, and <see cref="Complete"/> gives the same bytes as one run over every interval.
/// </summary>
public sealed class ComparisonTally
{
    private readonly SortedDictionary<int, List<DesignInterval>> _byInterval = [];
    private readonly Dictionary<(MarketDesign, string), decimal> _nets = [];
    private readonly Dictionary<(MarketDesign, int), decimal> _priceSums = [];

    /// <param name="designs">The designs compared, in report order.</param>
    /// <param name="intervalCount">How many intervals the market folder has.</param>
    public ComparisonTally(IReadOnlyList<MarketDesign> designs, int intervalCount)
    {
        if (designs.Count == 0 || designs.Distinct().Count() != designs.Count)
        {
            throw new ArgumentException("a comparison needs at least one design, each once");
        }

        Designs = [.. designs];
        IntervalCount = intervalCount >= 1 ? intervalCount : throw new ArgumentException("a market has at least one interval");
    }

    public IReadOnlyList<MarketDesign> Designs { get; }

    public int IntervalCount { get; }

    /// <summary>The intervals measured, ascending.</summary>
    public IReadOnlyCollection<int> Intervals => _byInterval.Keys;

    /// <summary>Every design's outcome of one interval (each design exactly once).</summary>
    public void Add(int interval, IReadOnlyList<DesignInterval> outcomes)
    {
        if (interval < 1 || interval > IntervalCount)
        {
            throw new ArgumentException($"interval {interval} is outside 1–{IntervalCount}");
        }

        if (_byInterval.ContainsKey(interval))
        {
            throw new ArgumentException($"interval {interval} is measured twice");
        }

        if (outcomes.Count != Designs.Count || Designs.Any(d => outcomes.Count(o => o.Design == d) != 1) || outcomes.Any(o => o.Interval != interval))
        {
            throw new ArgumentException($"interval {interval} needs one outcome of each design ({string.Join(", ", Designs.Select(MarketDesigns.Name))})");
        }

        foreach (var o in outcomes)
        {
            var missing = ComparisonQuantities.Measured.FirstOrDefault(q => !o.Quantities.ContainsKey(q));
            if (missing is not null)
            {
                throw new ArgumentException($"{MarketDesigns.Name(o.Design)} interval {interval} lacks {missing}");
            }

            foreach (var (participant, net) in o.Nets)
            {
                _nets[(o.Design, participant)] = _nets.GetValueOrDefault((o.Design, participant)) + net;
            }

            foreach (var (bus, price) in o.BusPrices)
            {
                _priceSums[(o.Design, bus)] = _priceSums.GetValueOrDefault((o.Design, bus)) + price;
            }
        }

        _byInterval.Add(interval, [.. Designs.Select(d => outcomes.Single(o => o.Design == d))]);
    }

    /// <summary>Adds another tally of other intervals of the same comparison.</summary>
    public void Merge(ComparisonTally other)
    {
        if (!other.Designs.SequenceEqual(Designs) || other.IntervalCount != IntervalCount)
        {
            throw new ArgumentException($"the tallies compare different things: designs {string.Join(",", Designs.Select(MarketDesigns.Name))} over {IntervalCount} intervals, and {string.Join(",", other.Designs.Select(MarketDesigns.Name))} over {other.IntervalCount}");
        }

        var overlap = other.Intervals.FirstOrDefault(_byInterval.ContainsKey);
        if (overlap != 0)
        {
            throw new ArgumentException($"interval {overlap} is in both tallies");
        }

        foreach (var (k, outcomes) in other._byInterval)
        {
            _byInterval.Add(k, outcomes);
        }

        foreach (var (key, net) in other._nets)
        {
            _nets[key] = _nets.GetValueOrDefault(key) + net;
        }

        foreach (var (key, sum) in other._priceSums)
        {
            _priceSums[key] = _priceSums.GetValueOrDefault(key) + sum;
        }
    }

    /// <summary>Every design's outcome, by interval then design order (bus prices and nets are kept summed only).</summary>
    public IEnumerable<DesignInterval> Outcomes => _byInterval.Values.SelectMany(o => o);

    /// <summary>Σ over the measured intervals of each participant's net, by design.</summary>
    public IReadOnlyDictionary<(MarketDesign Design, string Participant), decimal> NetSums => _nets;

    /// <summary>Σ over the measured intervals of each bus's price, by design.</summary>
    public IReadOnlyDictionary<(MarketDesign Design, int Bus), decimal> PriceSums => _priceSums;

    /// <summary>Restores a tally written out by a shard (its sums as written).</summary>
    public static ComparisonTally Restore(
        IReadOnlyList<MarketDesign> designs,
        int intervalCount,
        IEnumerable<(MarketDesign Design, int Interval, string Quantity, decimal Value)> quantities,
        IEnumerable<(MarketDesign Design, string Participant, decimal Net)> nets,
        IEnumerable<(MarketDesign Design, int Bus, decimal Sum)> priceSums)
    {
        var tally = new ComparisonTally(designs, intervalCount);
        foreach (var group in quantities.GroupBy(q => q.Interval).OrderBy(g => g.Key))
        {
            var outcomes = group.GroupBy(q => q.Design)
                .Select(d => new DesignInterval(d.Key, group.Key, d.ToDictionary(q => q.Quantity, q => q.Value), new Dictionary<string, decimal>(), new Dictionary<int, decimal>()))
                .ToList();
            tally.Add(group.Key, outcomes);
        }

        foreach (var (design, participant, net) in nets)
        {
            tally._nets[(design, participant)] = tally._nets.GetValueOrDefault((design, participant)) + net;
        }

        foreach (var (design, bus, sum) in priceSums)
        {
            tally._priceSums[(design, bus)] = tally._priceSums.GetValueOrDefault((design, bus)) + sum;
        }

        return tally;
    }

    /// <summary>The comparison over every interval.</summary>
    /// <exception cref="ArgumentException">when some interval has not been measured.</exception>
    public ComparisonResult Complete()
    {
        var missing = Enumerable.Range(1, IntervalCount).Where(k => !_byInterval.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{missing.Count} interval(s) not measured, e.g. {string.Join(", ", missing.Take(5))}");
        }

        return ComparisonResult.Of(this);
    }
}
