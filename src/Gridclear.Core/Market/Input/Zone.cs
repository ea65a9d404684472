namespace Gridclear.Market;

/// <summary>A zone (locational price area, N2, D7): a set of buses. Zones can be redrawn without touching the
/// bus-level model (N4). Within one market every bus belongs to exactly one zone (checked by <see cref="MarketInput"/>).</summary>
/// <param name="Id">Zone name (the default zones are the MATPOWER area numbers as text).</param>
/// <param name="Buses">External bus numbers, at least one, no repeats, in file order.</param>
public sealed record Zone(string Id, IReadOnlyList<int> Buses)
{
    public string Id { get; } = InputChecks.Id(Id, "zone id");

    public IReadOnlyList<int> Buses { get; } = CheckBuses(Id, Buses);

    private static IReadOnlyList<int> CheckBuses(string id, IReadOnlyList<int> buses)
    {
        var copy = InputChecks.Copy(buses, $"buses of zone {id}");
        if (copy.Count == 0)
        {
            throw new ArgumentException($"zone {id} has no buses");
        }

        var seen = new HashSet<int>();
        foreach (var b in copy)
        {
            if (!seen.Add(b))
            {
                throw new ArgumentException($"zone {id} lists bus {b} twice");
            }
        }

        return copy;
    }
}
