namespace Gridclear.Network;

/// <summary>
/// One connected component of a case's in-service buses and branches, as <see cref="NetworkCompiler"/> found it.
/// </summary>
/// <param name="BusIds">External ids of its buses, in case order.</param>
/// <param name="ReferenceBusId">Its first type-3 bus, or null when it has none.</param>
/// <param name="HasGeneration">At least one in-service generator connects to it.</param>
/// <param name="HasLoad">At least one of its buses has non-zero PD + GS.</param>
/// <param name="Kept">True for the island the network model holds; false for a dropped dead island.</param>
public sealed record Island(IReadOnlyList<int> BusIds, int? ReferenceBusId, bool HasGeneration, bool HasLoad, bool Kept)
{
    public bool HasReference => ReferenceBusId is not null;

    /// <summary>Dead: nothing to generate or consume, so it cannot affect any flow or price.</summary>
    public bool IsDead => !HasGeneration && !HasLoad;
}
