using System.Globalization;

namespace Gridclear.Market;

/// <summary>
/// A trading hub (N2, D8): a weighted set of buses whose price is the weighted average of theirs. Hub names must not
/// look like integers, because FTR sources and sinks are "a bus number or a hub name" and could not tell them apart.
/// </summary>
/// <param name="Id">Hub name (not an integer).</param>
/// <param name="Buses">At least one bus, no repeats, in file order; weights &gt; 0, not normalised.</param>
public sealed record Hub(string Id, IReadOnlyList<HubBus> Buses)
{
    public string Id { get; } = CheckId(Id);

    /// <summary>What its price averages: bus LMPs (default) or, in the zonal phase, the zonal prices of its buses.</summary>
    public HubBasis Basis { get; init; } = HubBasis.Bus;

    public IReadOnlyList<HubBus> Buses { get; } = CheckBuses(Id, Buses);

    /// <summary>Σ weights (divide by it to normalise).</summary>
    public double TotalWeight => Buses.Sum(b => b.Weight);

    private static string CheckId(string id)
    {
        InputChecks.Id(id, "hub name");
        if (int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            throw new ArgumentException($"hub name '{id}' looks like a bus number: FTR sources and sinks could not tell them apart (use e.g. 'HUB_{id.Trim()}')");
        }

        return id;
    }

    private static IReadOnlyList<HubBus> CheckBuses(string id, IReadOnlyList<HubBus> buses)
    {
        var copy = InputChecks.Copy(buses, $"buses of hub {id}");
        if (copy.Count == 0)
        {
            throw new ArgumentException($"hub {id} has no buses");
        }

        var seen = new HashSet<int>();
        foreach (var b in copy)
        {
            if (!seen.Add(b.Bus))
            {
                throw new ArgumentException($"hub {id} lists bus {b.Bus} twice");
            }
        }

        return copy;
    }
}
