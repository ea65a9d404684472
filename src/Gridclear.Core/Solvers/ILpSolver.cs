namespace Gridclear.Solvers;

/// <summary>An LP/QP solver: the one seam between the market math and a native optimiser.</summary>
public interface ILpSolver
{
    /// <summary>A short name for logs and summaries, e.g. "clp 1.17".</summary>
    string Name { get; }

    ILpModel Load(LpProblem problem, LpOptions options);
}
