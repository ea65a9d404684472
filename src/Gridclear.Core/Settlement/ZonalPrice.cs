namespace Gridclear.Settlement;

/// <summary>
/// A zone's two day-ahead prices (D7), $/MWh, and the weights each was built from.
/// </summary>
/// <param name="Zone">Zone id.</param>
/// <param name="LoadPrice">Paid by loads that elected zonal pricing: their withdrawal-weighted average bus LMP.</param>
/// <param name="GenerationPrice">Paid to generators that elected zonal pricing: their injection-weighted average bus LMP.</param>
/// <param name="LoadBasis">Which weights gave <paramref name="LoadPrice"/>: one of <see cref="PriceBasis"/>.</param>
/// <param name="GenerationBasis">Which weights gave <paramref name="GenerationPrice"/>: one of <see cref="PriceBasis"/>.</param>
public sealed record ZonalPrice(string Zone, double LoadPrice, double GenerationPrice, string LoadBasis, string GenerationBasis);

/// <summary>
/// The weights a zonal price was computed from. The seed's weights come first; the fall-backs apply only when
/// they are all zero, and then the price settles no resource's energy (nobody zonal cleared on that side), only
/// zonally priced schedule legs and reports: so each fall-back is the next-best picture of where that side of
/// the market sits in the zone.
/// </summary>
public static class PriceBasis
{
    /// <summary>Loads that elected zonal pricing, weighted by cleared withdrawal (the seed's rule, 004 I.B.7.a).</summary>
    public const string ZonalLoads = "zonal_loads";

    /// <summary>Generators that elected zonal pricing, weighted by cleared injection (004 I.B.7.b).</summary>
    public const string ZonalGenerators = "zonal_generators";

    /// <summary>All loads of the zone, whatever their election, weighted by cleared withdrawal.</summary>
    public const string AllLoads = "all_loads";

    /// <summary>All generators of the zone, whatever their election, weighted by cleared injection.</summary>
    public const string AllGenerators = "all_generators";

    /// <summary>The plain average of the zone's bus LMPs: nothing cleared in the zone at all.</summary>
    public const string BusAverage = "bus_average";
}
