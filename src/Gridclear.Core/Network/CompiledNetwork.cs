namespace Gridclear.Network;

/// <summary>What <see cref="NetworkCompiler.Compile"/> returns: the network model and how it was obtained.</summary>
/// <param name="Network">The in-service, single-island network model.</param>
/// <param name="Islands">Every island of the case (kept and dropped), largest role first: the kept one is index 0.</param>
/// <param name="Notes">Human-readable notes on what was dropped or assumed, in a deterministic order.</param>
/// <param name="ReferenceAngleDeg">The case's VA at the reference bus, degrees: the DC power flow's angle datum.</param>
public sealed record CompiledNetwork(Network Network, IReadOnlyList<Island> Islands, IReadOnlyList<string> Notes, double ReferenceAngleDeg);
