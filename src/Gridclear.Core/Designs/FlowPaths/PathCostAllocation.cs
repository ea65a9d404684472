using System.Globalization;

namespace Gridclear.Designs.FlowPaths;

/// <summary>
/// Allocates the operator's congestion costs under the flow-path model (001 G, P4, P10):
/// <list type="number">
/// <item>Inter-zonal cost: on each path priced in the day-ahead run, price × Σ over the accepted schedules of their
/// flow on the path not covered by rights held, in the binding direction (forgiven and intra-zonal flows are wholly
/// uncovered; counterflows reduce it).</item>
/// <item>Direct charges: each between-threshold need left uncovered is procured by the operator for the participant
/// at the path's price (nothing in the non-binding direction) and charged to it (<c>path_procurement</c>).</item>
/// <item>The remaining inter-zonal cost (less revenue from released operator-held rights, P8) is spread per MWh over
/// all accepted schedules (<c>inter_zonal_uplift</c>); the intra-zonal cost per MWh too
/// (<c>intra_zonal_uplift</c>), except the MWh of converted pre-existing contracts, which are credited back
/// (<c>contract_credit</c>): their holders paid for intra-zonal congestion under the contract already (001 G).</item>
/// </list>
/// A schedule's MWh is its injections Q for the one hour of the run. Each row is rounded to the cent; the operator's
/// rows (<c>inter_zonal_cost</c>, <c>release_revenue</c>, <c>intra_zonal_cost</c>, <c>rounding</c>) make the whole
/// sum to zero.
/// </summary>
public static class PathCostAllocation
{
    public const string Operator = "operator";

    /// <param name="requirements">The assessed schedules (rejected ones pay nothing and cause nothing).</param>
    /// <param name="prices">Prices of the paths that bound in the day-ahead run (others are worth 0).</param>
    /// <param name="intraZonalCost">$ of the congestion outside the paths.</param>
    /// <param name="contractMwByHolder">MW of converted contracts per holder: up to this much of the holder's
    /// schedules' MWh is credited, schedule by schedule in order.</param>
    /// <param name="releaseRevenue">$ from releasing operator-held rights.</param>
    public static PathSettlement Allocate(
        PathRequirementResult requirements,
        IReadOnlyList<PathPrice> prices,
        double intraZonalCost,
        IReadOnlyDictionary<string, double> contractMwByHolder,
        double releaseRevenue)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        var priceOf = prices.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var rejected = requirements.Rejected.Select(r => r.Schedule).ToHashSet(StringComparer.Ordinal);
        var accepted = requirements.Rows.Where(r => !rejected.Contains(r.Schedule)).ToList();

        var interZonal = 0.0;
        var flowOnPath = prices.ToDictionary(p => p.Path, _ => 0.0, StringComparer.Ordinal);
        var lines = new List<PathSettlementLine>();
        var direct = 0.0;
        foreach (var r in accepted)
        {
            if (!priceOf.TryGetValue(r.Path, out var price))
            {
                continue;
            }

            var uncoveredFlow = r.RequiredMw - (Math.Sign(r.RequiredMw) * r.HeldMw);
            interZonal += price.ShadowPrice * price.Direction * uncoveredFlow;
            flowOnPath[r.Path] += price.Direction * uncoveredFlow;
            if (r.Class == ScheduleClass.Between && r.UncoveredMw > 0)
            {
                var cost = price.ValueOf(Math.Sign(r.RequiredMw) * r.UncoveredMw);
                if (cost != 0)
                {
                    direct += cost;
                    lines.Add(new PathSettlementLine(r.Participant, "path_procurement", -Cents(cost), Invariant($"schedule {r.Schedule}: {r.UncoveredMw:0.###} MW on {r.Path} at {price.ShadowPrice:0.####} $/MW")));
                }
            }
        }

        // Each accepted schedule once, in order, with its MWh and credited MWh.
        var schedules = new List<(string Schedule, string Participant, double Mwh, double Credited)>();
        var creditLeft = new Dictionary<string, double>(contractMwByHolder, StringComparer.Ordinal);
        foreach (var r in accepted)
        {
            if (schedules.Count > 0 && schedules[^1].Schedule == r.Schedule)
            {
                continue;
            }

            var credited = 0.0;
            if (creditLeft.TryGetValue(r.Participant, out var left) && left > 0)
            {
                credited = Math.Min(left, r.InjectionMw);
                creditLeft[r.Participant] = left - credited;
            }

            schedules.Add((r.Schedule, r.Participant, r.InjectionMw, credited));
        }

        var mwh = schedules.Sum(s => s.Mwh);
        var creditedMwh = schedules.Sum(s => s.Credited);
        var remaining = interZonal - direct - releaseRevenue;
        var interRate = mwh > 0 ? remaining / mwh : 0;

        // With every MWh credited nobody else can carry the intra-zonal cost: the credit then gives way.
        var creditsApply = mwh - creditedMwh > 0;
        var intraRate = mwh <= 0 ? 0 : intraZonalCost / (creditsApply ? mwh - creditedMwh : mwh);
        foreach (var s in schedules)
        {
            if (interRate != 0)
            {
                lines.Add(new PathSettlementLine(s.Participant, "inter_zonal_uplift", -Cents(interRate * s.Mwh), Invariant($"schedule {s.Schedule}: {s.Mwh:0.###} MWh at {interRate:0.######} $/MWh")));
            }

            if (intraRate != 0)
            {
                lines.Add(new PathSettlementLine(s.Participant, "intra_zonal_uplift", -Cents(intraRate * s.Mwh), Invariant($"schedule {s.Schedule}: {s.Mwh:0.###} MWh at {intraRate:0.######} $/MWh")));
                if (creditsApply && s.Credited > 0)
                {
                    lines.Add(new PathSettlementLine(s.Participant, "contract_credit", Cents(intraRate * s.Credited), Invariant($"schedule {s.Schedule}: {s.Credited:0.###} MWh under converted contracts")));
                }
            }
        }

        // The operator's rows: the costs it recovers (what the schedules pay it, passed on to those it paid).
        // With no schedule to carry them, the costs stay the operator's and nothing is recovered.
        if (mwh > 0)
        {
            lines.Add(new PathSettlementLine(Operator, "inter_zonal_cost", Cents(interZonal), "congestion on the flow paths not covered by rights"));
            if (releaseRevenue != 0)
            {
                lines.Add(new PathSettlementLine(Operator, "release_revenue", -Cents(releaseRevenue), "revenue from releasing operator-held rights, offsetting the costs (P8)"));
            }

            lines.Add(new PathSettlementLine(Operator, "intra_zonal_cost", Cents(intraZonalCost), "congestion outside the flow paths"));
        }

        var sum = lines.Sum(l => l.Amount);
        if (sum != 0)
        {
            lines.Add(new PathSettlementLine(Operator, "rounding", -sum, "rows rounded to the cent"));
        }

        return new PathSettlement(lines, interZonal, direct, releaseRevenue, intraZonalCost, mwh, creditsApply ? creditedMwh : 0, interRate, intraRate)
        {
            PathCosts = prices.Select(p => new PathCost(p.Path, p.ShadowPrice, p.Direction, flowOnPath[p.Path], p.ShadowPrice * flowOnPath[p.Path])).ToList(),
        };
    }

    private static decimal Cents(double amount) => Math.Round((decimal)amount, 2, MidpointRounding.AwayFromZero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
