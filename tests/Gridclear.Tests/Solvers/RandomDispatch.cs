using Gridclear.Solvers;

namespace Gridclear.Tests.Solvers;

/// <summary>
/// Seeded synthetic dispatch problems shaped like the market's: one energy balance (equality) row, dense
/// shift-factor-like flow rows with limits on both sides, generators with bounded output and linear or
/// quadratic costs. Deterministic for a seed.
/// </summary>
internal static class RandomDispatch
{
    /// <param name="generators">Columns.</param>
    /// <param name="flowRows">Dense ranged rows, each with a non-zero on every column.</param>
    /// <param name="quadratic">When true each generator's cost has a positive quadratic term.</param>
    /// <param name="tightness">Fraction of each row's unconstrained flow allowed: below 1 makes rows bind.</param>
    public static LpProblem Build(int generators, int flowRows, bool quadratic, int seed, double tightness = 0.6)
    {
        var random = new Random(seed);
        var problem = new LpProblem();
        var capacity = new double[generators];
        for (var g = 0; g < generators; g++)
        {
            capacity[g] = 50 + (random.NextDouble() * 450);
            var column = problem.AddColumn(0, capacity[g], 5 + (random.NextDouble() * 95));
            if (quadratic)
            {
                problem.AddQuadratic(column, column, 0.002 + (random.NextDouble() * 0.05));
            }
        }

        var all = Enumerable.Range(0, generators).ToArray();
        var demand = 0.45 * capacity.Sum();
        problem.AddRow(LpRow.Equal(demand, all, [.. Enumerable.Repeat(1.0, generators)]));

        // A "pro rata" dispatch gives a reference flow; limits at a fraction of it make rows bind.
        var share = demand / capacity.Sum();
        for (var r = 0; r < flowRows; r++)
        {
            var factors = new double[generators];
            var reference = 0.0;
            for (var g = 0; g < generators; g++)
            {
                factors[g] = (random.NextDouble() * 2) - 1;
                reference += factors[g] * capacity[g] * share;
            }

            var limit = (tightness * Math.Abs(reference)) + 1;
            problem.AddRow(new LpRow(-limit - (0.5 * Math.Abs(reference)), limit, all, factors));
        }

        return problem;
    }
}
