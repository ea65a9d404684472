namespace Gridclear.Designs.FlowPaths;

/// <summary>The operator's congestion costs under the flow-path model and who pays them (P4, P10).</summary>
/// <param name="Lines">Participants' rows, then the operator's; all amounts sum to zero.</param>
/// <param name="InterZonalCost">$ the operator bears on the paths: Σ over paths of price × the accepted schedules'
/// uncovered flow in the binding direction.</param>
/// <param name="DirectCharges">$ charged directly for between-threshold rights the operator procured.</param>
/// <param name="ReleaseRevenue">$ earned by releasing operator-held rights (P8), offsetting the costs.</param>
/// <param name="IntraZonalCost">$ of the congestion left outside the paths.</param>
/// <param name="ScheduleMwh">MWh of the accepted schedules that share the uplift.</param>
/// <param name="CreditedMwh">MWh of those covered by converted pre-existing contracts (no intra-zonal uplift).</param>
/// <param name="InterZonalRate">$/MWh of the remaining inter-zonal cost.</param>
/// <param name="IntraZonalRate">$/MWh of the intra-zonal cost on MWh not credited.</param>
public sealed record PathSettlement(
    IReadOnlyList<PathSettlementLine> Lines,
    double InterZonalCost,
    double DirectCharges,
    double ReleaseRevenue,
    double IntraZonalCost,
    double ScheduleMwh,
    double CreditedMwh,
    double InterZonalRate,
    double IntraZonalRate)
{
    /// <summary>The inter-zonal cost path by path (priced paths only, in price order): what the cost triggers use (P9).</summary>
    public IReadOnlyList<PathCost> PathCosts { get; init; } = [];
}

/// <summary>One path's share of the inter-zonal cost: price × the accepted schedules' uncovered flow in the binding direction.</summary>
public sealed record PathCost(string Path, double ShadowPrice, int Direction, double UncoveredFlowMw, double Cost);
