namespace Gridclear.Flows;

/// <summary>
/// Where the injections that shift factors are quoted against are withdrawn: one bus, or a weighted set of
/// buses (weights normalised to sum to 1). A shift factor H[k, j] is the MW flow on branch k per MW injected
/// at bus j and withdrawn at the slack in these proportions: H_w = H_ref − (H_ref·w)·1ᵀ.
/// </summary>
public sealed class SlackDistribution
{
    private SlackDistribution(int[] buses, double[] weights)
    {
        Buses = buses;
        Weights = weights;
    }

    /// <summary>Internal bus indices, ascending.</summary>
    public IReadOnlyList<int> Buses { get; }

    /// <summary>Weight of each of <see cref="Buses"/>, positive, summing to 1.</summary>
    public IReadOnlyList<double> Weights { get; }

    public bool IsSingleBus => Buses.Count == 1;

    public static SlackDistribution SingleBus(int bus)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        return new SlackDistribution([bus], [1.0]);
    }

    /// <summary>The network's own reference bus.</summary>
    public static SlackDistribution Reference(Network.Network network) => SingleBus(network.ReferenceBus);

    /// <summary>Weights over buses: non-negative, at least one positive; normalised here; zeros dropped.</summary>
    public static SlackDistribution Weighted(IEnumerable<(int Bus, double Weight)> weights)
    {
        var sum = new SortedDictionary<int, double>();
        foreach (var (bus, w) in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bus);
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentException($"slack weight of bus {bus} must be finite and non-negative; got {w}");
            }

            sum[bus] = sum.GetValueOrDefault(bus) + w;
        }

        var total = 0.0;
        foreach (var w in sum.Values)
        {
            total += w;
        }

        if (!(total > 0))
        {
            throw new ArgumentException("slack weights sum to zero");
        }

        var kept = sum.Where(e => e.Value > 0).ToArray();
        return new SlackDistribution(kept.Select(e => e.Key).ToArray(), kept.Select(e => e.Value / total).ToArray());
    }

    /// <summary>Weights proportional to each bus's positive load (PD + GS); negative loads get no weight.</summary>
    public static SlackDistribution LoadWeighted(Network.Network network)
    {
        var weights = new List<(int, double)>();
        for (var i = 0; i < network.BusCount; i++)
        {
            if (network.BusLoadMw[i] > 0)
            {
                weights.Add((i, network.BusLoadMw[i]));
            }
        }

        return weights.Count == 0
            ? throw new InvalidInputException(network.Name, null, "load-weighted reference: no bus has positive load")
            : Weighted(weights);
    }

    public override string ToString() =>
        IsSingleBus ? $"bus index {Buses[0]}" : $"distributed over {Buses.Count} buses";
}
