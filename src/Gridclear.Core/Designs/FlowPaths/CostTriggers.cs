namespace Gridclear.Designs.FlowPaths;

/// <summary>
/// The operator's inter-zonal cost triggers (001 D, P9). Total-system: the inter-zonal cost summed over the runs of a
/// period of M months exceeds the budget B. Path-specific: a path's cost per MW of its rating exceeds S % of the
/// average per-MW cost of the OTHER paths with inter-zonal congestion (cost &gt; 0) in the period (001: "if S were
/// 200 %, a path would exceed this trigger if its annual inter-zonal congestion costs expressed on a $/MW basis is
/// twice the average residual cost of all other constrained paths"). A path alone in being congested has no others
/// to compare with and does not trigger.
/// </summary>
public static class CostTriggers
{
    /// <param name="pathCosts">Each path's cost summed over the runs, $, with its rating (MW).</param>
    /// <param name="totalCost">The inter-zonal cost summed over the runs, $.</param>
    public static TriggerReport Evaluate(IReadOnlyList<(string Path, double Rating, double Cost)> pathCosts, double totalCost, double months, double budget, double pathSharePercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        var rows = new List<PathTrigger>();
        var perMw = pathCosts.Select(p => (p.Path, p.Rating, p.Cost, PerMw: p.Cost / p.Rating)).ToList();
        foreach (var p in perMw)
        {
            var others = perMw.Where(o => o.Path != p.Path && o.Cost > 0).ToList();
            double? average = others.Count == 0 ? null : others.Average(o => o.PerMw);
            var threshold = average * pathSharePercent / 100;
            rows.Add(new PathTrigger(p.Path, p.Rating, p.Cost, p.PerMw, average, threshold, p.Cost > 0 && threshold is { } t && p.PerMw > t));
        }

        return new TriggerReport(totalCost, months, budget, totalCost > budget, rows);
    }
}

/// <summary>The triggers over one period.</summary>
public sealed record TriggerReport(double TotalCost, double Months, double Budget, bool TotalExceeded, IReadOnlyList<PathTrigger> Paths);

/// <summary>One path's trigger: its $/MW against S % of the other congested paths' average $/MW (null when none).</summary>
public sealed record PathTrigger(string Path, double Rating, double Cost, double CostPerMw, double? OthersAveragePerMw, double? ThresholdPerMw, bool Exceeded);
