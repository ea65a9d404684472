using Gridclear.Solvers;

namespace Gridclear.Tests.Solvers;

/// <summary>
/// Checks the Karush-Kuhn-Tucker conditions of a solution against its problem, in the sign convention of
/// <see cref="LpSolution"/>: stationarity c + Qx − Aᵀy − d = 0, primal feasibility, and complementary
/// slackness (a row strictly inside its bounds has y = 0, y &gt; 0 only at the lower bound, y &lt; 0 only
/// at the upper; the same for d and column bounds). Violations are scaled by 1 + |largest term| so one
/// tolerance serves problems of any magnitude.
/// </summary>
internal static class OptimalityConditions
{
    public static void Assert(LpProblem problem, LpSolution solution, double tolerance)
    {
        var n = problem.ColumnCount;
        var x = solution.Primal;
        Xunit.Assert.Equal(n, x.Length);
        Xunit.Assert.Equal(problem.RowCount, solution.RowDual.Length);

        // Gradient c + Qx, and the largest magnitude seen, for scaling.
        var gradient = problem.Cost.ToArray();
        foreach (var ((i, j), q) in problem.Quadratic)
        {
            gradient[i] += q * x[j];
            if (i != j)
            {
                gradient[j] += q * x[i];
            }
        }

        var scale = 1.0 + gradient.Select(Math.Abs).DefaultIfEmpty(0).Max();
        var residual = (double[])gradient.Clone();
        for (var r = 0; r < problem.RowCount; r++)
        {
            var row = problem.Rows[r];
            var y = solution.RowDual[r];
            var activity = 0.0;
            for (var k = 0; k < row.Columns.Length; k++)
            {
                residual[row.Columns[k]] -= row.Values[k] * y;
                activity += row.Values[k] * x[row.Columns[k]];
            }

            Xunit.Assert.True(Math.Abs(activity - solution.RowActivity[r]) <= tolerance * (1 + Math.Abs(activity)), $"row {r}: reported activity {solution.RowActivity[r]} but Ax = {activity}");
            CheckSide($"row {r}", activity, row.Lower, row.Upper, y, tolerance, scale);
        }

        for (var j = 0; j < n; j++)
        {
            var d = solution.ReducedCost[j];
            Xunit.Assert.True(Math.Abs(residual[j] - d) <= tolerance * scale, $"column {j}: stationarity c + Qx − Aᵀy − d = {residual[j] - d}");
            CheckSide($"column {j}", x[j], problem.ColumnLower[j], problem.ColumnUpper[j], d, tolerance, scale);
        }

        var objective = problem.Cost.Select((c, j) => c * x[j]).Sum();
        foreach (var ((i, j), q) in problem.Quadratic)
        {
            objective += (i == j ? 0.5 : 1.0) * q * x[i] * x[j];
        }

        Xunit.Assert.True(Math.Abs(objective - solution.Objective) <= 1e-9 * (1 + Math.Abs(objective)), $"objective {solution.Objective} but cᵀx + ½xᵀQx = {objective}");
    }

    /// <summary>Feasibility of value in [lower, upper] and the sign of its multiplier against the side it sits on.</summary>
    private static void CheckSide(string what, double value, double lower, double upper, double multiplier, double tolerance, double scale)
    {
        var slack = tolerance * (1 + Math.Abs(value));
        Xunit.Assert.True(value >= lower - slack && value <= upper + slack, $"{what}: {value} outside [{lower}, {upper}]");

        // A multiplier pushing the objective one way must sit on the matching bound: the product of the
        // multiplier and the distance to that bound is the complementarity gap, relative to the scales.
        var gapLower = Math.Max(multiplier, 0) * (double.IsNegativeInfinity(lower) ? double.PositiveInfinity : value - lower);
        var gapUpper = Math.Max(-multiplier, 0) * (double.IsPositiveInfinity(upper) ? double.PositiveInfinity : upper - value);
        var gapTolerance = tolerance * scale * (1 + Math.Abs(value));
        Xunit.Assert.True(!(gapLower > gapTolerance) || multiplier <= tolerance * scale, $"{what}: multiplier {multiplier} > 0 but {value} is {value - lower} above its lower bound {lower}");
        Xunit.Assert.True(!(gapUpper > gapTolerance) || -multiplier <= tolerance * scale, $"{what}: multiplier {multiplier} < 0 but {value} is {upper - value} below its upper bound {upper}");
    }
}
