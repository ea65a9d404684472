using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>
/// Zonal prices (D7, 004 I.B.7, Near-Term 5 and 7): per zone, the load price is the average bus LMP of the loads that
/// elected zonal pricing, weighted by their cleared withdrawal; the generation price is the same over zonal generators,
/// weighted by their cleared injection. Being weighted averages of exactly the MW they settle, each price is revenue
/// neutral on its side: zonal loads pay in total what they would at their bus prices, and so for generators.
/// <para>When a side has no weight (no zonal resource of that side cleared in the zone), the price settles no
/// resource's energy; it still prices zonally settled schedule legs and constrained-on/off payments (a zonal generator
/// not dispatched at all), and it is published. It then falls back, in order, to: all resources of that side in the
/// zone (any election) → all resources of the other side in the zone → the plain average of the zone's bus LMPs.
/// <see cref="ZonalPrice.LoadBasis"/> and <see cref="ZonalPrice.GenerationBasis"/> say which applied.</para>
/// </summary>
public static class ZonalPrices
{
    /// <summary>Relative weight below which a side counts as empty: clearing noise, not MW.</summary>
    private const double NoWeightMw = 1e-9;

    /// <summary>One price pair per zone, in the order of <paramref name="zones"/>.</summary>
    /// <param name="busLmp">$/MWh by external bus number.</param>
    /// <param name="zones">Zones (a bus in at most one).</param>
    /// <param name="resources">All resources; those at buses in no zone are ignored here.</param>
    /// <param name="clearedMw">Cleared MW by resource id, ≥ 0: a generator's injection, a load's withdrawal. Missing = 0.</param>
    /// <exception cref="InvalidInputException">when a resource's bus, or every bus of a zone that needs them, has no price.</exception>
    public static IReadOnlyList<ZonalPrice> Compute(
        IReadOnlyDictionary<int, double> busLmp,
        IReadOnlyList<Zone> zones,
        IReadOnlyList<Resource> resources,
        IReadOnlyDictionary<string, double> clearedMw) =>
        Compute(busLmp, new ZoneOfBus(zones), resources, id => clearedMw.TryGetValue(id, out var mw) ? Math.Max(mw, 0) : 0);

    internal static IReadOnlyList<ZonalPrice> Compute(
        IReadOnlyDictionary<int, double> busLmp,
        ZoneOfBus zoneOfBus,
        IReadOnlyList<Resource> resources,
        Func<string, double> clearedMw)
    {
        var zones = zoneOfBus.Zones;

        // Per zone and side: [zonal-elected, all] × (Σ MW·LMP, Σ MW). Summed in resource order: deterministic.
        var sums = new Sums[zones.Count];
        foreach (var r in resources)
        {
            var z = zoneOfBus.IndexOf(r.Bus);
            if (z < 0)
            {
                continue;
            }

            var mw = clearedMw(r.Id);
            if (mw <= 0)
            {
                continue;
            }

            var lmp = PriceAt(busLmp, r.Bus, $"resource {r.Id}");
            sums[z].Add(r.Kind, r.Settlement, mw, lmp);
        }

        var result = new ZonalPrice[zones.Count];
        for (var z = 0; z < zones.Count; z++)
        {
            var s = sums[z];
            var (load, loadBasis) = Pick(
                (s.ZonalLoad, PriceBasis.ZonalLoads), (s.AllLoad, PriceBasis.AllLoads), (s.AllGen, PriceBasis.AllGenerators));
            var (gen, genBasis) = Pick(
                (s.ZonalGen, PriceBasis.ZonalGenerators), (s.AllGen, PriceBasis.AllGenerators), (s.AllLoad, PriceBasis.AllLoads));
            if (load is null || gen is null)
            {
                var average = BusAverage(busLmp, zones[z]);
                load ??= average;
                gen ??= average;
            }

            result[z] = new ZonalPrice(zones[z].Id, load.Value, gen.Value, loadBasis, genBasis);
        }

        return Array.AsReadOnly(result);
    }

    internal static double PriceAt(IReadOnlyDictionary<int, double> busLmp, int bus, string who) =>
        busLmp.TryGetValue(bus, out var lmp)
            ? lmp
            : throw new InvalidInputException("prices", null, $"{who}: bus {bus} has no price");

    private static (double? Price, string Basis) Pick(params (Weighted W, string Basis)[] choices)
    {
        foreach (var (w, basis) in choices)
        {
            if (w.Mw > NoWeightMw)
            {
                return (w.MwPrice / w.Mw, basis);
            }
        }

        return (null, PriceBasis.BusAverage);
    }

    private static double BusAverage(IReadOnlyDictionary<int, double> busLmp, Zone zone)
    {
        // Buses without a price (e.g. isolated ones the clearing did not price) are left out of the plain average.
        double sum = 0;
        var n = 0;
        foreach (var bus in zone.Buses)
        {
            if (busLmp.TryGetValue(bus, out var lmp))
            {
                sum += lmp;
                n++;
            }
        }

        return n > 0 ? sum / n : throw new InvalidInputException("zones", null, $"zone {zone.Id} has no priced bus");
    }

    private struct Weighted
    {
        public double MwPrice;
        public double Mw;

        public void Add(double mw, double lmp)
        {
            MwPrice += mw * lmp;
            Mw += mw;
        }
    }

    private struct Sums
    {
        public Weighted ZonalLoad;
        public Weighted AllLoad;
        public Weighted ZonalGen;
        public Weighted AllGen;

        public void Add(ResourceKind kind, Election election, double mw, double lmp)
        {
            var zonal = election == Election.Zonal;
            if (kind == ResourceKind.Load)
            {
                AllLoad.Add(mw, lmp);
                if (zonal) ZonalLoad.Add(mw, lmp);
            }
            else
            {
                AllGen.Add(mw, lmp);
                if (zonal) ZonalGen.Add(mw, lmp);
            }
        }
    }
}
