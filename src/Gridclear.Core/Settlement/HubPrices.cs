using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>
/// Trading hub prices (D8): Σ wᵢ·LMPᵢ / Σ wᵢ over the hub's buses. A hub is defined by buses, never by zones,
/// so splitting or redrawing zones leaves it unchanged (004 Immediate Phase 6, Near-Term 13; N4).
/// </summary>
public static class HubPrices
{
    /// <summary>One price per hub, in the order of <paramref name="hubs"/>.</summary>
    /// <param name="busLmp">$/MWh by external bus number.</param>
    /// <exception cref="InvalidInputException">when a hub bus has no price.</exception>
    public static IReadOnlyList<HubPrice> Compute(IReadOnlyDictionary<int, double> busLmp, IReadOnlyList<Hub> hubs)
    {
        var result = new HubPrice[hubs.Count];
        for (var h = 0; h < hubs.Count; h++)
        {
            var hub = hubs[h];
            double weighted = 0, weights = 0;
            foreach (var b in hub.Buses)
            {
                if (!busLmp.TryGetValue(b.Bus, out var lmp))
                {
                    throw new InvalidInputException("hubs", null, $"hub {hub.Id}: bus {b.Bus} has no price");
                }

                weighted += b.Weight * lmp;
                weights += b.Weight;
            }

            // HubBus refuses weights ≤ 0 and Hub refuses an empty hub, so weights > 0 here.
            result[h] = new HubPrice(hub.Id, weighted / weights);
        }

        return Array.AsReadOnly(result);
    }
}
