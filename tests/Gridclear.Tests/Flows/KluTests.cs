using System.Runtime.CompilerServices;
using Gridclear.Native.Klu;
using Gridclear.Sparse;

namespace Gridclear.Tests.Flows;

public class KluTests
{
    // KLU and dense LU differ only by rounding on these well-conditioned systems.
    private const double Tolerance = 1e-12;

    // A = [4 1 0; 2 5 1; 0 3 6] (not symmetric, so Solve and SolveTransposed differ).
    private static SparseMatrix Small() => new(3, 3, [0, 2, 5, 7], [0, 1, 0, 1, 2, 1, 2], [4, 2, 1, 5, 3, 1, 6]);

    [Fact]
    public void CommonStructMatchesTheHeader() => Assert.Equal(160, Unsafe.SizeOf<KluCommon>());

    [Fact]
    public void SolvesAndSolvesTransposedLikeDenseLu()
    {
        using var klu = new KluSolver().Factor(Small());
        var dense = DenseLuSolver.ToDense(Small());
        var b = new[] { 1.0, -2.0, 3.5 };

        var x = (double[])b.Clone();
        klu.Solve(x);
        var expected = DenseLuSolver.SolveDense(dense, b);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], x[i], Tolerance);
        }

        var xt = (double[])b.Clone();
        klu.SolveTransposed(xt);
        var transposed = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                transposed[i, j] = dense[j, i];
            }
        }

        var expectedT = DenseLuSolver.SolveDense(transposed, b);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expectedT[i], xt[i], Tolerance);
        }

        Assert.NotEqual(x[0], xt[0]);
    }

    [Fact]
    public void BlockSolvesGiveTheBitsOfSingleSolves()
    {
        // A real network's reduced susceptance matrix (several BTF blocks), five right-hand sides: a block of four and one.
        var network = Gridclear.Network.NetworkCompiler.Compile(Gridclear.IO.Matpower.MatpowerReader.ReadFile(Support.TestPaths.Case("case300"))).Network;
        var matrix = new Gridclear.Flows.SusceptanceMatrix(network).Reduced;
        using var klu = new KluSolver().Factor(matrix);
        var n = matrix.Rows;
        var random = new Random(5);
        var block = Enumerable.Range(0, 5 * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var single = (double[])block.Clone();
        klu.Solve(block, 5);
        for (var c = 0; c < 5; c++)
        {
            klu.Solve(single.AsSpan(c * n, n));
        }

        Assert.Equal(single.Select(BitConverter.DoubleToInt64Bits), block.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void SingularMatrixIsRefusedAtFactorisation()
    {
        var singular = new SparseMatrix(2, 2, [0, 2, 4], [0, 1, 0, 1], [1, 2, 2, 4]);
        Assert.Throws<InvalidOperationException>(() => new KluSolver().Factor(singular));
    }

    [Fact]
    public void ConcurrentSolvesGiveTheSameBitsAsSequential()
    {
        var network = Gridclear.Network.NetworkCompiler.Compile(TestCases.Meshed(300, 5)).Network;
        var matrix = new Gridclear.Flows.SusceptanceMatrix(network).Reduced;
        using var klu = (KluFactorization)new KluSolver().Factor(matrix);
        var n = matrix.Rows;
        double[] Rhs(int i) => Enumerable.Range(0, n).Select(j => Math.Sin((i * 31) + j)).ToArray();

        var sequential = Enumerable.Range(0, 64).Select(i =>
        {
            var x = Rhs(i);
            klu.SolveTransposed(x);
            return x;
        }).ToArray();

        var parallel = new double[64][];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var x = Rhs(i);
            klu.SolveTransposed(x);
            parallel[i] = x;
        });

        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }

        Assert.True(klu.PooledFactorizations >= 1);
    }

    [Fact]
    public void WrongLengthAndDisposedAreRefused()
    {
        var klu = new KluSolver().Factor(Small());
        Assert.Throws<ArgumentException>(() => klu.Solve(new double[2]));
        klu.Dispose();
        klu.Dispose();
        Assert.Throws<ObjectDisposedException>(() => klu.Solve(new double[3]));
    }
}
