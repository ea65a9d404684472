using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>
/// The price each resource and each schedule leg settles at, by election (D9, 004 I.B.9): a nodal resource at its
/// bus LMP; a zonal generator at its zone's generation price; a zonal load at its zone's load price.
/// <para>A schedule leg settles at the price that the participant's own resources at that bus settle at, when they
/// all settle at the same one (same election and, if zonal, same side); otherwise (no resource there, or mixed
/// elections) at the bus LMP. The price is a function of (participant, bus) only, not of the leg's direction: so a
/// participant's injection and withdrawal at the same intermediate bus always cancel, and a transaction's charge is
/// independent of the path it was scheduled along (004 I.B.11.d), whatever the elections.</para>
/// </summary>
internal sealed class ElectedPrices
{
    private readonly IReadOnlyDictionary<int, double> _busLmp;
    private readonly ZoneOfBus _zoneOfBus;
    private readonly IReadOnlyList<ZonalPrice> _zonal;
    private readonly Dictionary<(string Participant, int Bus), ElectedPrice> _legPrice = [];

    public ElectedPrices(IReadOnlyDictionary<int, double> busLmp, ZoneOfBus zoneOfBus, IReadOnlyList<ZonalPrice> zonal, IReadOnlyList<Resource> resources)
    {
        _busLmp = busLmp;
        _zoneOfBus = zoneOfBus;
        _zonal = zonal;
        var mixed = new HashSet<(string, int)>();
        foreach (var r in resources)
        {
            var key = (r.Participant, r.Bus);
            var price = Of(r);
            if (_legPrice.TryGetValue(key, out var seen) && seen.Basis != price.Basis)
            {
                mixed.Add(key);
            }

            _legPrice.TryAdd(key, price);
        }

        foreach (var key in mixed)
        {
            _legPrice.Remove(key);
        }
    }

    /// <summary>The price a resource's energy settles at.</summary>
    public ElectedPrice Of(Resource r)
    {
        var lmp = ZonalPrices.PriceAt(_busLmp, r.Bus, $"resource {r.Id}");
        if (r.Settlement == Election.Nodal)
        {
            return new ElectedPrice(lmp, "nodal", -1);
        }

        var z = _zoneOfBus.IndexOf(r.Bus);
        if (z < 0)
        {
            throw new InvalidInputException("resources", null, $"resource {r.Id} elected zonal pricing but its bus {r.Bus} is in no zone");
        }

        return r.Kind == ResourceKind.Generator
            ? new ElectedPrice(_zonal[z].GenerationPrice, $"zonal generation {_zonal[z].Zone}", z)
            : new ElectedPrice(_zonal[z].LoadPrice, $"zonal load {_zonal[z].Zone}", z);
    }

    /// <summary>The price a schedule leg of <paramref name="participant"/> at <paramref name="bus"/> settles at.</summary>
    public ElectedPrice ForLeg(string participant, int bus, string schedule) =>
        _legPrice.TryGetValue((participant, bus), out var p)
            ? p
            : new ElectedPrice(ZonalPrices.PriceAt(_busLmp, bus, $"schedule {schedule}"), "nodal", -1);
}

/// <summary>A settlement price, $/MWh, with what it is (<c>nodal</c>, <c>zonal load Z</c>, …) and its zone index (-1 nodal).</summary>
internal readonly record struct ElectedPrice(double Price, string Basis, int Zone);
