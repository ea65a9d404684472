namespace Gridclear.Network;

/// <summary>
/// The network model every market shares (N1): in-service buses numbered 0…n−1 inside, external MATPOWER
/// ids at the edges; in-service branches and generators only. Built by <c>NetworkCompiler</c>.
/// Immutable once built.
/// </summary>
public sealed class Network
{
    private readonly Dictionary<int, int> _indexOfBus;

    public Network(
        string name,
        double baseMva,
        IReadOnlyList<int> busIds,
        IReadOnlyList<double> busLoadMw,
        IReadOnlyList<int> busArea,
        IReadOnlyList<NetworkBranch> branches,
        IReadOnlyList<NetworkGenerator> generators,
        int referenceBus,
        IReadOnlyList<string>? busNames = null)
    {
        if (busIds.Count != busLoadMw.Count || busIds.Count != busArea.Count)
        {
            throw new ArgumentException("bus arrays differ in length");
        }

        if ((uint)referenceBus >= (uint)busIds.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(referenceBus));
        }

        Name = name;
        BaseMva = baseMva;
        BusIds = busIds;
        BusLoadMw = busLoadMw;
        BusArea = busArea;
        Branches = branches;
        Generators = generators;
        ReferenceBus = referenceBus;
        BusNames = busNames;
        _indexOfBus = new Dictionary<int, int>(busIds.Count);
        for (var i = 0; i < busIds.Count; i++)
        {
            if (!_indexOfBus.TryAdd(busIds[i], i))
            {
                throw new ArgumentException($"bus {busIds[i]} appears twice");
            }
        }
    }

    public string Name { get; }

    /// <summary>The file the network was read from (as the user named it), for messages; null when built in code.</summary>
    public string? Source { get; init; }

    public double BaseMva { get; }

    /// <summary>External id of each internal bus index.</summary>
    public IReadOnlyList<int> BusIds { get; }

    /// <summary>Fixed demand at each bus, MW: PD plus shunt GS (MATPOWER's DC convention).</summary>
    public IReadOnlyList<double> BusLoadMw { get; }

    /// <summary>MATPOWER area of each bus: the default zone.</summary>
    public IReadOnlyList<int> BusArea { get; }

    public IReadOnlyList<NetworkBranch> Branches { get; }

    public IReadOnlyList<NetworkGenerator> Generators { get; }

    /// <summary>Internal index of the reference (slack) bus.</summary>
    public int ReferenceBus { get; }

    public IReadOnlyList<string>? BusNames { get; }

    public int BusCount => BusIds.Count;

    public int BranchCount => Branches.Count;

    /// <summary>Internal index of an external bus id.</summary>
    public bool TryGetBusIndex(int busId, out int index) => _indexOfBus.TryGetValue(busId, out index);

    public int BusIndex(int busId) =>
        _indexOfBus.TryGetValue(busId, out var i) ? i : throw new KeyNotFoundException($"bus {busId} is not in the network");
}
