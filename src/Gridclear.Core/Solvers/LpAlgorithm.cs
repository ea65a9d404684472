namespace Gridclear.Solvers;

/// <summary>Which algorithm a solve uses.</summary>
public enum LpAlgorithm
{
    /// <summary>Barrier for problems with a quadratic objective (the only trustworthy QP path in Clp);
    /// dual simplex for linear ones, warm from the last basis on a re-solve.</summary>
    Automatic,
    DualSimplex,
    PrimalSimplex,

    /// <summary>Interior point, then crossover to a basis for linear problems.</summary>
    Barrier,
}
