namespace Gridclear.Solvers;

/// <summary>
/// How far a point (x, y) is from satisfying the Karush-Kuhn-Tucker conditions of a convex problem, in the sign
/// convention of <see cref="LpSolution"/>. Stationarity holds by construction (the reduced costs are computed as
/// d = c + Qx − Aᵀy), so what is measured is primal feasibility and, for every row and column, whether its multiplier
/// has the sign its position allows (complementary slackness and dual feasibility together).
/// </summary>
/// <param name="Primal">The largest bound violation of a row activity or column value, relative to 1 + |value|.</param>
/// <param name="Dual">The largest complementarity violation: a multiplier m pushing towards a bound the value is a
/// distance s from counts m·min(1, s) (m itself when there is no such bound), in the objective's units per unit of the
/// value ($/MWh in a dispatch). A barrier point a hair off its bound with a non-zero multiplier counts ~0.</param>
public sealed record Optimality(double Primal, double Dual, double Objective, double[] RowActivity, double[] ReducedCost)
{
    /// <summary>Feasibility tolerance of a trusted solution, relative (Clp's primal tolerance is 1e-7 on the scaled model).</summary>
    public const double PrimalTolerance = 1e-6;

    /// <summary>Complementarity tolerance of a trusted solution, $/MWh·min(1, MW): prices are reported to 1e-6.</summary>
    public const double DualTolerance = 1e-6;

    public bool Holds => Primal <= PrimalTolerance && Dual <= DualTolerance;

    /// <summary>The measures at (x, y), with the row activities, reduced costs and objective recomputed from the problem.</summary>
    public static Optimality Of(LpProblem problem, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = problem.ColumnCount;
        var m = problem.RowCount;
        var gradient = new double[n];
        var objective = 0.0;
        for (var j = 0; j < n; j++)
        {
            gradient[j] = problem.Cost[j];
            objective += problem.Cost[j] * x[j];
        }

        foreach (var ((i, j), q) in problem.Quadratic)
        {
            gradient[i] += q * x[j];
            if (i != j)
            {
                gradient[j] += q * x[i];
            }

            objective += (i == j ? 0.5 : 1.0) * q * x[i] * x[j];
        }

        var activity = new double[m];
        var primal = 0.0;
        var dual = 0.0;
        for (var r = 0; r < m; r++)
        {
            var row = problem.Rows[r];
            var sum = 0.0;
            for (var k = 0; k < row.Columns.Length; k++)
            {
                sum += row.Values[k] * x[row.Columns[k]];
                gradient[row.Columns[k]] -= row.Values[k] * y[r];
            }

            activity[r] = sum;
            Side(sum, row.Lower, row.Upper, y[r], ref primal, ref dual);
        }

        for (var j = 0; j < n; j++)
        {
            Side(x[j], problem.ColumnLower[j], problem.ColumnUpper[j], gradient[j], ref primal, ref dual);
        }

        return new Optimality(primal, dual, objective, activity, gradient);
    }

    /// <summary>The solution at (x, y) as a solver would report it, with what was recomputed here.</summary>
    public LpSolution Solution(double[] x, double[] y, int iterations, LpAlgorithm algorithm) =>
        new(LpStatus.Optimal, Objective, x, RowActivity, y, ReducedCost, iterations, algorithm);

    private static void Side(double value, double lower, double upper, double multiplier, ref double primal, ref double dual)
    {
        primal = Math.Max(primal, Math.Max(lower - value, value - upper) / (1 + Math.Abs(value)));

        // A positive multiplier belongs on the lower bound, a negative one on the upper.
        var distance = multiplier > 0 ? value - lower : upper - value;
        dual = Math.Max(dual, Math.Abs(multiplier) * Math.Min(1, Math.Max(0, distance)));
    }
}
