using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.Tests.Settlement;

/// <summary>Small hand-built outcomes shared by the settlement tests.</summary>
internal static class SettlementMarkets
{
    public static Resource Gen(string id, string who, int bus, Election e) => new(id, who, bus, ResourceKind.Generator, e);

    public static Resource Load(string id, string who, int bus, Election e) => new(id, who, bus, ResourceKind.Load, e);

    public static OfferCurve Offer(params (double Mw, double Price)[] steps) => new(steps.Select(s => new PriceStep(s.Mw, s.Price)).ToList());

    public static Schedule Balanced(string id, string who, int from, int to, double mw) =>
        new(id, who, true, [new ScheduleLeg(from, mw), new ScheduleLeg(to, -mw)]);

    /// <summary>
    /// Three buses: λ1 = 20, λ2 = 30, λ3 = 50 $/MWh. Zone A = {1, 2}, zone B = {3}.
    /// G1 (gena, bus 1, zonal) 100@15 + 50@22, cleared 100 → its 22 $/MWh step idles: constrained off.
    /// G2 (genb, bus 2, zonal) 40@26 + 60@30, cleared 100 → both steps above zone A's price: constrained on.
    /// G3 (genc, bus 3, nodal) 80@45 + 20@60, cleared 80.
    /// Loads: L1 (lse1, bus 2, zonal) 90, L2 (lse1, bus 1, nodal) 30, L3 (lse2, bus 3, zonal) 150, L4 (lse2, bus 1, zonal) 30.
    /// Schedules (balanced, 1 h): S1 trader 20 MW 1→3; S2 lse2 10 MW 1→3; S3 gena 10 MW 1→2.
    /// </summary>
    public static SettlementInput ThreeBus(IReadOnlyList<Zone>? zones = null) => new(
        BusLmp: new Dictionary<int, double> { [1] = 20, [2] = 30, [3] = 50 },
        Zones: zones ?? [new Zone("A", [1, 2]), new Zone("B", [3])],
        Resources:
        [
            Gen("G1", "gena", 1, Election.Zonal),
            Gen("G2", "genb", 2, Election.Zonal),
            Gen("G3", "genc", 3, Election.Nodal),
            Load("L1", "lse1", 2, Election.Zonal),
            Load("L2", "lse1", 1, Election.Nodal),
            Load("L3", "lse2", 3, Election.Zonal),
            Load("L4", "lse2", 1, Election.Zonal),
        ],
        ResourceMw: new Dictionary<string, double>
        {
            ["G1"] = 100, ["G2"] = 100, ["G3"] = 80, ["L1"] = 90, ["L2"] = 30, ["L3"] = 150, ["L4"] = 30,
        },
        Offers: new Dictionary<string, OfferCurve>
        {
            ["G1"] = Offer((100, 15), (50, 22)),
            ["G2"] = Offer((40, 26), (60, 30)),
            ["G3"] = Offer((80, 45), (20, 60)),
        },
        FinalSchedules:
        [
            Balanced("S1", "trader", 1, 3, 20),
            Balanced("S2", "lse2", 1, 3, 10),
            Balanced("S3", "gena", 1, 2, 10),
        ]);
}
