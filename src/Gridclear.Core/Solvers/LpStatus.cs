namespace Gridclear.Solvers;

/// <summary>How a solve ended.</summary>
public enum LpStatus
{
    Optimal,
    Infeasible,
    Unbounded,
    IterationLimit,
    TimeLimit,

    /// <summary>The solver stopped for another reason (numerical trouble, user stop).</summary>
    Failed,
}
