namespace Gridclear.Market;

/// <summary>
/// The demand curve of one reserve product in one zone (reserve_requirements.csv, D16, M3): the market buys segment k
/// only while it is worth its price, so a shortfall is priced by the curve (scarcity).
/// </summary>
/// <param name="Product">A product name (<c>regulation</c>, <c>spinning</c>, <c>committed</c>, …).</param>
/// <param name="Zone">A zone id, or <see cref="ReserveDemand.System"/> for the whole system.</param>
/// <param name="Steps">Segments, segment 1 first, prices non-increasing.</param>
public sealed record ReserveDemand(string Product, string Zone, IReadOnlyList<PriceStep> Steps)
{
    /// <summary>The zone name of a system-wide requirement: every award of the product counts toward it.</summary>
    public const string System = "system";

    public IReadOnlyList<PriceStep> Steps { get; } = StepOrder.Check(Steps, rising: false, "reserve demand");

    public bool IsSystem => Zone == System;
}

/// <summary>A generator's reserve offer for one product (reserve_offers.csv): steps, prices non-decreasing.</summary>
public sealed record ReserveOffer(string Resource, string Product, IReadOnlyList<PriceStep> Steps)
{
    public IReadOnlyList<PriceStep> Steps { get; } = StepOrder.Check(Steps, rising: true, "reserve offer");
}

/// <summary>
/// Reserve a participant provides itself (reserve_self.csv, X3): it counts toward the product's requirement in the
/// zone (and toward <c>system</c>), so the market buys that much less, and the participant's share of the cost is
/// credited by it.
/// </summary>
/// <param name="Mw">MW self-provided, ≥ 0.</param>
public sealed record ReserveSelfProvision(string Participant, string Product, string Zone, double Mw)
{
    public double Mw { get; } = InputChecks.Finite(Mw, "self-provided mw") >= 0 ? Mw : throw new ArgumentException($"self-provided mw must be ≥ 0, not {Mw}");
}

/// <summary>The reserve market of a run: demand curves, offers and self-provision (all empty: energy only).</summary>
public sealed record ReserveMarket(IReadOnlyList<ReserveDemand> Demands, IReadOnlyList<ReserveOffer> Offers, IReadOnlyList<ReserveSelfProvision> SelfProvision)
{
    public static ReserveMarket Empty { get; } = new([], [], []);

    public bool IsEmpty => Demands.Count == 0 && Offers.Count == 0;
}
