using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>
/// Trading hub prices. A hub on the bus basis (D8) is priced Σ wᵢ·LMPᵢ / Σ wᵢ over its buses; it is defined by buses,
/// never by zones, so splitting or redrawing zones leaves it unchanged (004 Immediate Phase 6, Near-Term 13; N4).
/// A hub on the zonal basis (D17, the zonal phase) is priced Σ wᵢ·Zᵢ / Σ wᵢ, where Zᵢ is the zonal load price of the
/// zone bus i is in: what a zonal load there pays, so the hub tracks the prices zonal participants trade at.
/// </summary>
public static class HubPrices
{
    /// <summary>One price per hub, in the order of <paramref name="hubs"/>; every hub must be on the bus basis.</summary>
    /// <param name="busLmp">$/MWh by external bus number.</param>
    /// <exception cref="InvalidInputException">when a hub bus has no price, or a hub is on the zonal basis.</exception>
    public static IReadOnlyList<HubPrice> Compute(IReadOnlyDictionary<int, double> busLmp, IReadOnlyList<Hub> hubs) =>
        Compute(busLmp, hubs, zonalLoadPrice: null);

    /// <summary>One price per hub, in the order of <paramref name="hubs"/>.</summary>
    /// <param name="busLmp">$/MWh by external bus number.</param>
    /// <param name="zonalLoadPrice">The zonal load price of each bus's zone, $/MWh by external bus number (needed
    /// only by hubs on the zonal basis).</param>
    /// <exception cref="InvalidInputException">when a hub bus has no price of the hub's basis.</exception>
    public static IReadOnlyList<HubPrice> Compute(IReadOnlyDictionary<int, double> busLmp, IReadOnlyList<Hub> hubs, IReadOnlyDictionary<int, double>? zonalLoadPrice)
    {
        var result = new HubPrice[hubs.Count];
        for (var h = 0; h < hubs.Count; h++)
        {
            var hub = hubs[h];
            var prices = hub.Basis == HubBasis.Zonal
                ? zonalLoadPrice ?? throw new InvalidInputException("hubs", null, $"hub {hub.Id} is on the zonal basis, and this market computes no zonal prices")
                : busLmp;
            double weighted = 0, weights = 0;
            foreach (var b in hub.Buses)
            {
                if (!prices.TryGetValue(b.Bus, out var price))
                {
                    throw new InvalidInputException("hubs", null, hub.Basis == HubBasis.Zonal
                        ? $"hub {hub.Id}: bus {b.Bus} is in no zone, so it has no zonal price"
                        : $"hub {hub.Id}: bus {b.Bus} has no price");
                }

                weighted += b.Weight * price;
                weights += b.Weight;
            }

            // HubBus refuses weights ≤ 0 and Hub refuses an empty hub, so weights > 0 here.
            result[h] = new HubPrice(hub.Id, weighted / weights);
        }

        return Array.AsReadOnly(result);
    }

    /// <summary>The zonal load price of each zoned bus's zone, by external bus number.</summary>
    /// <param name="zonal">One price pair per zone, in the order of <paramref name="zones"/> (as <see cref="ZonalPrices"/> computes them).</param>
    public static IReadOnlyDictionary<int, double> ZonalLoadPriceByBus(IReadOnlyList<Zone> zones, IReadOnlyList<ZonalPrice> zonal)
    {
        var byBus = new Dictionary<int, double>();
        for (var z = 0; z < zones.Count; z++)
        {
            foreach (var bus in zones[z].Buses)
            {
                byBus.TryAdd(bus, zonal[z].LoadPrice);
            }
        }

        return byBus;
    }
}
