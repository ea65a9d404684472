using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>Which zone each bus is in (a bus in no zone has none; a bus in two zones is refused).</summary>
internal sealed class ZoneOfBus
{
    private readonly Dictionary<int, int> _zoneIndex = [];

    public ZoneOfBus(IReadOnlyList<Zone> zones)
    {
        Zones = zones;
        for (var z = 0; z < zones.Count; z++)
        {
            foreach (var bus in zones[z].Buses)
            {
                if (!_zoneIndex.TryAdd(bus, z))
                {
                    throw new InvalidInputException("zones", null, $"bus {bus} is in zone {zones[_zoneIndex[bus]].Id} and in zone {zones[z].Id}");
                }
            }
        }
    }

    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>Index into <see cref="Zones"/>, or -1.</summary>
    public int IndexOf(int bus) => _zoneIndex.TryGetValue(bus, out var z) ? z : -1;
}
