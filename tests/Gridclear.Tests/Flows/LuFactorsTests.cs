using Gridclear.Flows;
using Gridclear.IO.Matpower;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Sparse;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Flows;

/// <summary>
/// <see cref="LuFactors.SolveTwoEntry"/> repeats klu_solve on KLU's own factors: the same bits for every transfer
/// between a branch's ends, alone or four at a time, on networks whose reference bus splits the reduced matrix into
/// several blocks (case300) or not.
/// </summary>
public class LuFactorsTests
{
    [Theory]
    [InlineData("case118")]
    [InlineData("case300")]
    [InlineData("case_ACTIVSg2000")]
    [InlineData("case2383wp")]
    public void TransferSolvesAreKlusBits(string name)
    {
        var network = NetworkCompiler.Compile(MatpowerReader.ReadFile(TestPaths.Case(name))).Network;
        var matrix = new SusceptanceMatrix(network);
        using var klu = new KluSolver().Factor(matrix.Reduced);
        var factors = klu.Factors();
        Assert.NotNull(factors);
        var n = matrix.Reduced.Rows;
        Assert.Equal(n, factors.Dimension);

        // Every branch's transfer, then a few that use one index twice or leave one out (the reference bus).
        var transfers = network.Branches.Select(b => (matrix.ReducedIndex(b.From), matrix.ReducedIndex(b.To)))
            .Concat([(0, 0), (-1, 3), (5, -1), (-1, -1)]).ToArray();
        var work = new double[LuFactors.Lanes * n];
        var together = new double[LuFactors.Lanes * n];
        for (var first = 0; first < transfers.Length; first += LuFactors.Lanes)
        {
            var block = transfers.AsSpan(first, Math.Min(LuFactors.Lanes, transfers.Length - first));
            var plus = block.ToArray().Select(t => t.Item1).ToArray();
            var minus = block.ToArray().Select(t => t.Item2).ToArray();
            factors.SolveTwoEntry(plus, minus, together.AsSpan(0, block.Length * n), work);
            for (var c = 0; c < block.Length; c++)
            {
                var expected = new double[n];
                if (plus[c] >= 0)
                {
                    expected[plus[c]] = 1;
                }

                if (minus[c] >= 0)
                {
                    expected[minus[c]] = -1;
                }

                klu.Solve(expected);
                var alone = new double[n];
                factors.SolveTwoEntry(plus.AsSpan(c, 1), minus.AsSpan(c, 1), alone, work);
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), alone.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), together.AsSpan(c * n, n).ToArray().Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    [Fact]
    public void RefusesFactorsThatAreNotTriangular()
    {
        // Two by two: an L entry above the diagonal.
        Assert.Throws<ArgumentException>(() => new LuFactors([0, 1], [0, 1], [1, 1], [0, 1, 1], [0], [0.5], [0, 0, 0], [], [], [2, 3]));

        // A row permutation that names a row twice.
        Assert.Throws<ArgumentException>(() => new LuFactors([0, 0], [0, 1], [1, 1], [0, 0, 0], [], [], [0, 0, 0], [], [], [2, 3]));
    }

    [Fact]
    public void SolvesAHandFactoredSystem()
    {
        // A = L·U with L = [1 0; 0.5 1], U = [2 1; 0 4], no scaling or permutation: A = [2 1; 1 4.5].
        var factors = new LuFactors([0, 1], [0, 1], [1, 1], [0, 1, 1], [1], [0.5], [0, 0, 1], [0], [1.0], [2, 4]);
        var x = new double[2];
        factors.SolveTwoEntry([0], [1], x, new double[LuFactors.Lanes * 2]);

        // [2 1; 1 4.5]·x = [1; −1]: x = [5.5; −3]/8.
        Assert.Equal(5.5 / 8, x[0], 15);
        Assert.Equal(-3.0 / 8, x[1], 15);
    }
}
