using Gridclear.Flows;

namespace Gridclear.Designs.FlowPaths;

/// <summary>
/// The flow distribution factors (FDF, 001; N3) of flow paths: FDF(path, bus) = Σ weightᵢ·H[branchᵢ, bus], the MW
/// on the path per MW injected at the bus and withdrawn at the shift factors' reference. Applied to a balanced
/// schedule (Σ mw = 0) the reference drops out: changing it adds one constant to every factor of a path.
/// One topology, one library: the factors are those of the network the shift factors were built on.
/// </summary>
public sealed class FlowDistributionFactors
{
    private readonly double[][] _factors;
    private readonly Dictionary<string, int> _indexOf;

    public FlowDistributionFactors(ShiftFactors shiftFactors, IReadOnlyList<FlowPath> paths)
    {
        ArgumentNullException.ThrowIfNull(shiftFactors);
        ArgumentNullException.ThrowIfNull(paths);
        Network = shiftFactors.Network;
        Paths = paths;
        _indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < paths.Count; p++)
        {
            if (!_indexOf.TryAdd(paths[p].Id, p))
            {
                throw new ArgumentException($"flow path {paths[p].Id} is given twice");
            }
        }

        shiftFactors.PrecomputeRows(paths.SelectMany(p => p.Terms.Select(t => t.Branch)).ToList());
        _factors = new double[paths.Count][];
        for (var p = 0; p < paths.Count; p++)
        {
            var row = new double[Network.BusCount];
            foreach (var term in paths[p].Terms)
            {
                var h = shiftFactors.Row(term.Branch);
                for (var j = 0; j < row.Length; j++)
                {
                    row[j] += term.Weight * h[j];
                }
            }

            _factors[p] = row;
        }
    }

    public Network.Network Network { get; }

    public IReadOnlyList<FlowPath> Paths { get; }

    /// <summary>The index of a path by name, or −1.</summary>
    public int IndexOf(string path) => _indexOf.GetValueOrDefault(path, -1);

    /// <summary>The factors of path <paramref name="path"/> (index) at every bus (internal bus order).</summary>
    public ReadOnlySpan<double> Row(int path) => _factors[path];

    /// <summary>MW on path <paramref name="path"/> caused by injections (bus number, MW): Σ FDF·mw.</summary>
    public double PathFlow(int path, IEnumerable<(int Bus, double Mw)> injections)
    {
        var row = _factors[path];
        var flow = 0.0;
        foreach (var (bus, mw) in injections)
        {
            flow += row[Network.BusIndex(bus)] * mw;
        }

        return flow;
    }
}
