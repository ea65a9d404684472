using Gridclear.Solvers;

namespace Gridclear.Tests.Solvers;

/// <summary>
/// min x² + y² − 4x − 2y (Q = 2I) with x + y ≤ 2 and 0 ≤ x, y ≤ 10: the optimum is x = 1.5, y = 0.5 (the unconstrained
/// minimum (2, 1) breaks the row), objective −4.5, the row's dual −1 (binding at its upper bound).
/// </summary>
internal static class HandSolvedQp
{
    public const double X = 1.5;
    public const double Y = 0.5;
    public const double Objective = -4.5;
    public const double RowDual = -1;

    public static LpProblem Build()
    {
        var lp = new LpProblem();
        lp.AddColumn(0, 10, -4);
        lp.AddColumn(0, 10, -2);
        lp.AddQuadratic(0, 0, 2);
        lp.AddQuadratic(1, 1, 2);
        lp.AddRow(LpRow.AtMost(2, [0, 1], [1, 1]));
        return lp;
    }
}
