using Gridclear.Settlement;

namespace Gridclear.Designs.Comparison;

/// <summary>A design's aggregate of one quantity over the intervals.</summary>
public sealed record ComparisonRow(MarketDesign Design, string Quantity, decimal Value);

/// <summary>A design's distribution of one quantity over the intervals (nearest-rank percentiles).</summary>
public sealed record QuantityDistribution(MarketDesign Design, string Quantity, decimal Min, decimal Mean, decimal P50, decimal P95, decimal Max);

/// <summary>A participant's net under a design, and its difference from the nodal design (null without nodal).</summary>
public sealed record ParticipantOutcome(MarketDesign Design, string Participant, decimal Net, decimal? DifferenceFromNodal);

/// <summary>The mean price a load at a bus pays under a design, $/MWh.</summary>
public sealed record DesignBusPrice(MarketDesign Design, int Bus, decimal Price);

/// <summary>The finished comparison: what comparison.csv, participants.csv, intervals.csv and the report show.</summary>
public sealed record ComparisonResult(
    IReadOnlyList<MarketDesign> Designs,
    int IntervalCount,
    IReadOnlyList<ComparisonRow> Rows,
    IReadOnlyList<QuantityDistribution> Distributions,
    IReadOnlyList<ParticipantOutcome> Participants,
    IReadOnlyList<DesignBusPrice> BusPrices,
    IReadOnlyList<DesignInterval> Intervals)
{
    /// <summary>The aggregate of one quantity under one design.</summary>
    public decimal Value(MarketDesign design, string quantity) => Rows.Single(r => r.Design == design && r.Quantity == quantity).Value;

    internal static ComparisonResult Of(ComparisonTally tally)
    {
        var outcomes = tally.Outcomes.ToList();
        var n = tally.IntervalCount;
        var rows = new List<ComparisonRow>();
        var distributions = new List<QuantityDistribution>();
        foreach (var design in tally.Designs)
        {
            var mine = outcomes.Where(o => o.Design == design).ToList();
            foreach (var q in ComparisonQuantities.Measured)
            {
                var values = mine.Select(o => o.Quantities[q]).ToList();
                var sum = values.Sum();
                var mean = Math.Round(sum / n, 6, MidpointRounding.ToEven);
                rows.Add(new ComparisonRow(design, q, ComparisonQuantities.IsAveraged(q) ? mean : sum));
                var sorted = values.Order().ToList();
                distributions.Add(new QuantityDistribution(design, q, sorted[0], mean, Rank(sorted, 0.50m), Rank(sorted, 0.95m), sorted[^1]));
            }

            var targets = mine.Sum(o => o.Quantities[ComparisonQuantities.FtrTargets]);
            var shortfall = mine.Sum(o => o.Quantities[ComparisonQuantities.FtrShortfall]);
            rows.Add(new ComparisonRow(design, ComparisonQuantities.FtrFunding, targets > 0 ? Math.Round(1 - (shortfall / targets), 6, MidpointRounding.ToEven) : 1m));
        }

        var nodal = tally.Designs.Contains(MarketDesign.Nodal);
        var participants = tally.NetSums.Keys.Select(k => k.Participant).Distinct().Order(ParticipantOrder).ToList();
        var people = new List<ParticipantOutcome>();
        foreach (var design in tally.Designs)
        {
            foreach (var p in participants)
            {
                var net = tally.NetSums.GetValueOrDefault((design, p));
                decimal? diff = nodal ? net - tally.NetSums.GetValueOrDefault((MarketDesign.Nodal, p)) : null;
                people.Add(new ParticipantOutcome(design, p, net, diff));
            }
        }

        var prices = tally.PriceSums.OrderBy(k => tally.Designs.ToList().IndexOf(k.Key.Design)).ThenBy(k => k.Key.Bus)
            .Select(k => new DesignBusPrice(k.Key.Design, k.Key.Bus, Math.Round(k.Value / n, 6, MidpointRounding.ToEven))).ToList();
        return new ComparisonResult(tally.Designs, n, rows, distributions, people, prices, outcomes);
    }

    /// <summary>Ordinal order with the operator last (as statements list them).</summary>
    private static readonly Comparer<string> ParticipantOrder = Comparer<string>.Create((a, b) =>
        (a == SettlementLine.Operator, b == SettlementLine.Operator) switch
        {
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(a, b),
        });

    /// <summary>Nearest-rank percentile of a sorted list.</summary>
    private static decimal Rank(IReadOnlyList<decimal> sorted, decimal p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
