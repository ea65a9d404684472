using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>
/// The solver of a dispatch with reserves: a quadratic problem is loaded as a <see cref="HeadroomModel"/> (its capacity
/// rows become column bounds, which Clp's barrier solves several times faster), anything else as the inner solver
/// loads it. One per <see cref="ReserveProblem"/>: it remembers, across the solves of constraint generation and the
/// reloads of the loss iteration, which generators needed their minimum-output row.
/// </summary>
internal sealed class HeadroomSolver(ILpSolver inner, IReadOnlyList<CapacityCoupling> couplings) : ILpSolver
{
    public string Name => inner.Name;

    /// <summary>Capacity rows (by row index) whose generator's minimum-output row the model carries.</summary>
    internal HashSet<int> MinimumRows { get; } = [];

    /// <summary>Whether the minimum-output rows were seeded from an energy-only solve yet.</summary>
    internal bool Seeded { get; set; }

    /// <summary>What the last solve had to say: why it fell back to the full model, or how far its answer misses the
    /// optimality conditions; null when the fast path's answer passed its check.</summary>
    public string? Note { get; internal set; }

    public ILpModel Load(LpProblem problem, LpOptions options) =>
        problem.IsQuadratic && couplings.Count > 0 ? new HeadroomModel(this, inner, problem, options, couplings) : inner.Load(problem, options);
}
