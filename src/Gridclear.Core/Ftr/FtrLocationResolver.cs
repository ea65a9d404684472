using System.Globalization;

namespace Gridclear.Ftr;

/// <summary>
/// Turns the text of an FTR source or sink into a <see cref="FtrLocation"/>. The syntax:
/// <list type="bullet">
/// <item><c>123</c> or <c>bus:123</c>: the bus with MATPOWER number 123;</item>
/// <item><c>NAME</c> or <c>hub:NAME</c>: a trading hub of hubs.csv, its weights normalised to sum 1;</item>
/// <item><c>zone:NAME@123</c>: zone NAME through its reference bus 123 (F8, N4). The FTR is defined, auctioned and
/// settled at the reference bus, so it stays valid when the zone is split, renamed or redrawn: NAME is a label. When
/// the bus is no longer in a zone of that name the location still resolves, and <see cref="Warnings"/> says so.</item>
/// </list>
/// </summary>
public sealed class FtrLocationResolver
{
    private readonly Network.Network _network;
    private readonly Dictionary<string, FtrHubDefinition> _hubs;
    private readonly Func<string, int, bool>? _zoneHasBus;
    private readonly Func<int, string?>? _zoneOfBus;
    private readonly Dictionary<string, FtrLocation> _cache = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    /// <param name="hubs">Trading hubs by name (may be empty).</param>
    /// <param name="zoneHasBus">Whether zone (by name) holds the bus (by external id); null: the MATPOWER areas,
    /// named by their number.</param>
    /// <param name="zoneOfBus">The name of the zone holding a bus (by external id), for warnings; null: not named.</param>
    public FtrLocationResolver(Network.Network network, IEnumerable<FtrHubDefinition>? hubs = null, Func<string, int, bool>? zoneHasBus = null, Func<int, string?>? zoneOfBus = null)
    {
        _zoneOfBus = zoneOfBus;
        _network = network;
        _hubs = new Dictionary<string, FtrHubDefinition>(StringComparer.Ordinal);
        foreach (var h in hubs ?? [])
        {
            _hubs[h.Name] = h;
        }

        _zoneHasBus = zoneHasBus;
    }

    /// <summary>Zone labels that no longer match their reference bus's zone, one per distinct location text, in the
    /// order met.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Prefixes the warnings from index <paramref name="from"/> on with where they were met (file:line).</summary>
    public void Attribute(int from, string where)
    {
        for (var k = from; k < _warnings.Count; k++)
        {
            _warnings[k] = $"{where}: {_warnings[k]}";
        }
    }

    /// <summary>Resolves <paramref name="text"/>; on failure returns false and says why in <paramref name="problem"/>.</summary>
    public bool TryResolve(string text, out FtrLocation location, out string problem)
    {
        text = text.Trim();
        if (_cache.TryGetValue(text, out var cached))
        {
            location = cached;
            problem = "";
            return true;
        }

        var ok = Resolve(text, out location!, out problem);
        if (ok)
        {
            _cache[text] = location;
        }

        return ok;
    }

    private bool Resolve(string text, out FtrLocation? location, out string problem)
    {
        location = null;
        problem = "";
        if (text.Length == 0)
        {
            problem = "location is empty";
            return false;
        }

        if (text.StartsWith("bus:", StringComparison.Ordinal))
        {
            return ResolveBus(text, text[4..], out location, out problem);
        }

        if (text.StartsWith("hub:", StringComparison.Ordinal))
        {
            return ResolveHub(text, text[4..], out location, out problem);
        }

        if (text.StartsWith("zone:", StringComparison.Ordinal))
        {
            return ResolveZone(text, text[5..], out location, out problem);
        }

        if (_hubs.ContainsKey(text))
        {
            return ResolveHub(text, text, out location, out problem);
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return ResolveBus(text, text, out location, out problem);
        }

        problem = $"location '{text}' is neither a bus number, a hub nor zone:NAME@BUS";
        return false;
    }

    private bool ResolveBus(string label, string number, out FtrLocation? location, out string problem)
    {
        location = null;
        if (!int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            problem = $"location '{label}': '{number}' is not a bus number";
            return false;
        }

        if (!_network.TryGetBusIndex(id, out var index))
        {
            problem = $"location '{label}': bus {id} is not in the network (or is out of service)";
            return false;
        }

        problem = "";
        location = FtrLocation.Bus(label, index);
        return true;
    }

    private bool ResolveHub(string label, string name, out FtrLocation? location, out string problem)
    {
        location = null;
        if (!_hubs.TryGetValue(name, out var hub))
        {
            problem = $"location '{label}': no hub named '{name}'";
            return false;
        }

        // Sum duplicate buses so the location lists each bus once, then normalise.
        var byBus = new SortedDictionary<int, double>();
        var total = 0.0;
        for (var k = 0; k < hub.BusIds.Count; k++)
        {
            if (!_network.TryGetBusIndex(hub.BusIds[k], out var index))
            {
                problem = $"location '{label}': hub bus {hub.BusIds[k]} is not in the network";
                return false;
            }

            if (!(hub.Weights[k] > 0))
            {
                problem = $"location '{label}': hub weight {hub.Weights[k]} at bus {hub.BusIds[k]} is not positive";
                return false;
            }

            byBus[index] = byBus.GetValueOrDefault(index) + hub.Weights[k];
            total += hub.Weights[k];
        }

        if (byBus.Count == 0)
        {
            problem = $"location '{label}': hub '{name}' has no buses";
            return false;
        }

        var buses = byBus.Keys.ToArray();
        var weights = byBus.Values.Select(w => w / total).ToArray();
        // Force an exact sum of 1 against rounding.
        weights[^1] = 1 - weights[..^1].Sum();
        problem = "";
        location = new FtrLocation(label, buses, weights);
        return true;
    }

    private bool ResolveZone(string label, string spec, out FtrLocation? location, out string problem)
    {
        location = null;
        var at = spec.LastIndexOf('@');
        if (at <= 0 || at == spec.Length - 1)
        {
            problem = $"location '{label}': a zone needs its reference bus, written zone:NAME@BUS";
            return false;
        }

        var zone = spec[..at];
        if (!int.TryParse(spec[(at + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            problem = $"location '{label}': reference bus '{spec[(at + 1)..]}' is not a bus number";
            return false;
        }

        if (!_network.TryGetBusIndex(id, out var index))
        {
            problem = $"location '{label}': reference bus {id} is not in the network";
            return false;
        }

        var inZone = _zoneHasBus is { } has
            ? has(zone, id)
            : string.Equals(zone, _network.BusArea[index].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (!inZone)
        {
            // A split or a renaming moved the bus out of the zone named: the reference bus still defines the FTR.
            var now = _zoneOfBus?.Invoke(id) ?? (_zoneHasBus is null ? _network.BusArea[index].ToString(CultureInfo.InvariantCulture) : null);
            _warnings.Add($"location '{label}': reference bus {id} is {(now is null ? "no longer" : $"in zone '{now}', not")} in zone '{zone}' (zones split or renamed); the FTR stays defined by bus {id}");
        }

        problem = "";
        location = FtrLocation.Bus(label, index) with { ZoneLabel = zone };
        return true;
    }
}
