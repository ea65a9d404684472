namespace Gridclear.Solvers;

/// <summary>
/// The result of one solve.
/// <para>Sign convention (pinned by the conformance suite): every dual is the derivative of the optimal
/// objective with respect to the bound that is active. For a minimisation, a row binding at its upper bound
/// (a ≤ row) has a dual ≤ 0, a row binding at its lower bound (a ≥ row) a dual ≥ 0, an equality row either
/// sign; a non-binding row 0. Reduced costs follow the same rule for column bounds:
/// reducedCost = c + Qx − Aᵀ·rowDual.</para>
/// </summary>
/// <param name="Objective">cᵀx + ½ xᵀQx at <see cref="Primal"/>.</param>
public sealed record LpSolution(
    LpStatus Status,
    double Objective,
    double[] Primal,
    double[] RowActivity,
    double[] RowDual,
    double[] ReducedCost,
    int Iterations,
    LpAlgorithm Algorithm)
{
    public bool IsOptimal => Status == LpStatus.Optimal;
}
