using Gridclear.Flows;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Sparse;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Flows;

/// <summary>Identities of shift factors, outage factors and DC flows (MATPOWER-style: test identities, not only numbers).</summary>
public class FlowIdentityTests
{
    // Identities hold exactly in exact arithmetic; 1e-9 MW (or MW/MW) leaves room for rounding in solves.
    private const double Exact = 1e-9;

    private static readonly ISparseSolver Klu = new KluSolver();

    public static TheoryData<int, int> Networks => new() { { 30, 1 }, { 60, 2 }, { 120, 3 } };

    private static Network.Network Meshed(int n, int seed) => NetworkCompiler.Compile(TestCases.Meshed(n, seed)).Network;

    private static double[] Injections(Network.Network network)
    {
        var p = new double[network.BusCount];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = -network.BusLoadMw[i];
        }

        foreach (var g in network.Generators)
        {
            p[g.Bus] += g.PgMw;
        }

        return p;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        Assert.True(Math.Abs(expected - actual) <= Exact * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void PtdfTimesInjectionsEqualsFlowsFromAngles(int buses, int seed)
    {
        var network = Meshed(buses, seed);
        Assert.Contains(network.Branches, b => b.IsPhaseShifter);
        using var h = new ShiftFactors(network, Klu);
        var pf = DcPowerFlow.Solve(network, Klu);
        var p = pf.BusInjectionMw.ToArray();
        for (var k = 0; k < network.BranchCount; k++)
        {
            AssertClose(pf.BranchFlowMw[k], Dot(h.Row(k), p) + h.PhaseShiftFlows[k], $"branch {k}");
        }

        var flows = new double[network.BranchCount];
        h.ComputeFlows(p, flows);
        for (var k = 0; k < network.BranchCount; k++)
        {
            AssertClose(pf.BranchFlowMw[k], flows[k], $"ComputeFlows branch {k}");
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void KluRowsMatchDenseRows(int buses, int seed)
    {
        var network = Meshed(buses, seed);
        using var klu = new ShiftFactors(network, Klu);
        using var dense = new ShiftFactors(network, new DenseLuSolver());
        for (var k = 0; k < network.BranchCount; k++)
        {
            var a = klu.Row(k);
            var b = dense.Row(k);
            for (var j = 0; j < network.BusCount; j++)
            {
                AssertClose(b[j], a[j], $"H[{k},{j}]");
            }

            Assert.Equal(0.0, a[network.ReferenceBus]);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ChangeOfReferenceIsARankOneUpdate(int buses, int seed)
    {
        var network = Meshed(buses, seed);
        var r2 = (network.ReferenceBus + 7) % network.BusCount;
        using var h1 = new ShiftFactors(network, Klu);
        using var h2 = new ShiftFactors(network, Klu, SlackDistribution.SingleBus(r2));
        var load = SlackDistribution.LoadWeighted(network);
        using var hw = new ShiftFactors(network, Klu, load);
        var w = new double[network.BusCount];
        for (var s = 0; s < load.Buses.Count; s++)
        {
            w[load.Buses[s]] = load.Weights[s];
        }

        Assert.Equal(1.0, w.Sum(), 12);
        for (var k = 0; k < network.BranchCount; k++)
        {
            var row1 = h1.Row(k);
            var hw1 = Dot(row1, w);
            for (var j = 0; j < network.BusCount; j++)
            {
                AssertClose(row1[j] - row1[r2], h2.Row(k)[j], $"H2[{k},{j}]");
                AssertClose(row1[j] - hw1, hw.Row(k)[j], $"Hw[{k},{j}]");
            }
        }

        // Any slack: flows = H·P + phase-shift flows, the imbalance withdrawn at the slack.
        var p = Enumerable.Range(0, network.BusCount).Select(i => Math.Cos(i) * 20).ToArray();
        var flows = new double[network.BranchCount];
        hw.ComputeFlows(p, flows);
        for (var k = 0; k < network.BranchCount; k++)
        {
            AssertClose(Dot(hw.Row(k), p) + hw.PhaseShiftFlows[k], flows[k], $"weighted flows {k}");
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void OutageFactorsMatchARefactorisationWithoutTheBranch(int buses, int seed)
    {
        var network = Meshed(buses, seed);
        using var h = new ShiftFactors(network, Klu);
        var lodf = new OutageFactors(h);
        var p = Injections(network);
        p[network.ReferenceBus] -= p.Sum();
        var before = new double[network.BranchCount];
        h.ComputeFlows(p, before);

        var bridges = 0;
        for (var k = 0; k < network.BranchCount; k++)
        {
            if (lodf.Islands(k))
            {
                bridges++;
                Assert.Throws<InvalidOperationException>(() => lodf.Column(k));
                continue;
            }

            var column = lodf.Column(k);
            Assert.Equal(-1.0, column[k]);
            var without = new Network.Network(
                network.Name, network.BaseMva, network.BusIds, network.BusLoadMw, network.BusArea,
                network.Branches.Where((_, i) => i != k).ToArray(), network.Generators, network.ReferenceBus);
            using var hk = new ShiftFactors(without, Klu);
            var after = new double[without.BranchCount];
            hk.ComputeFlows(p, after);
            for (var l = 0; l < network.BranchCount; l++)
            {
                if (l != k)
                {
                    AssertClose(after[l < k ? l : l - 1], before[l] + (column[l] * before[k]), $"outage {k}, branch {l}");
                }
            }
        }

        Assert.Equal(2, bridges); // the two-bus radial spur
    }

    [Fact]
    public void BridgesAreExactlyTheBranchesWhoseOutageIslands()
    {
        var network = Meshed(40, 9);
        using var h = new ShiftFactors(network, Klu);
        var lodf = new OutageFactors(h);
        var spur = network.Branches.Select((b, k) => (b, k))
            .Where(e => network.BusIds[e.b.To] >= TestCases.Id(40)).Select(e => e.k).ToArray();
        Assert.Equal(2, spur.Length);
        for (var k = 0; k < network.BranchCount; k++)
        {
            Assert.Equal(spur.Contains(k), lodf.Islands(k));
            var br = network.Branches[k];

            // Numerically: a bridge carries all of a transfer across itself (PTDF_k·(e_f − e_t) = 1).
            var own = h.TransferFlows(br.From, br.To)[k];
            if (spur.Contains(k))
            {
                Assert.Equal(1.0, own, 12);
            }
            else
            {
                Assert.True(Math.Abs(1 - own) > 1e-6); // a negative reactance can push it above 1
            }
        }
    }

    [Fact]
    public void ParallelPrecomputeIsBitIdenticalToSequential()
    {
        var network = Meshed(400, 11);
        using var sequential = new ShiftFactors(network, Klu, SlackDistribution.LoadWeighted(network));
        using var parallel = new ShiftFactors(network, Klu, SlackDistribution.LoadWeighted(network));
        var branches = Enumerable.Range(0, network.BranchCount).ToArray();
        parallel.PrecomputeRows(branches, maxDegreeOfParallelism: 4);
        foreach (var k in branches)
        {
            Assert.True(parallel.IsCached(k));
            Assert.Equal(sequential.Row(k).ToArray(), parallel.Row(k).ToArray());
        }
    }

    [Fact]
    public void Case5DcPowerFlowMatchesMatpower()
    {
        // MATPOWER's DC OPF dispatch for case5 at full precision: a DC power flow at that dispatch must give
        // its flows and angles (reference/case5/branch.csv, bus.csv).
        var reference = Path.Combine(TestPaths.Reference, "case5");
        var pg = File.ReadAllLines(Path.Combine(reference, "gen.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var compiled = NetworkCompiler.Compile(TestCases.Case5(pg));
        var pf = DcPowerFlow.Solve(compiled.Network, Klu, compiled.ReferenceAngleDeg);

        var branchRows = File.ReadAllLines(Path.Combine(reference, "branch.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        for (var k = 0; k < 6; k++)
        {
            Assert.Equal(double.Parse(branchRows[k][11], System.Globalization.CultureInfo.InvariantCulture), pf.BranchFlowMw[k], 6);
        }

        var busRows = File.ReadAllLines(Path.Combine(reference, "bus.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(double.Parse(busRows[i][5], System.Globalization.CultureInfo.InvariantCulture), pf.BusAngleDeg[i], 6);
        }

        Assert.Equal(0.0, pf.ReferenceGenerationMw, 6); // Sundance (bus 4) is off in the OPF
    }

    [Fact]
    public void Case5DcPowerFlowMatchesADenseHandSolve()
    {
        var network = NetworkCompiler.Compile(TestCases.Case5()).Network;
        var pf = DcPowerFlow.Solve(network, Klu);

        // Independent: dense B from the branch list, bus 4 (index 3) grounded, Gaussian elimination.
        var x = new[] { 0.0281, 0.0304, 0.0064, 0.0108, 0.0297, 0.0297 };
        var ends = new[] { (0, 1), (0, 3), (0, 4), (1, 2), (2, 3), (3, 4) };
        var b = new double[5, 5];
        for (var k = 0; k < 6; k++)
        {
            var (f, t) = ends[k];
            b[f, f] += 1 / x[k];
            b[t, t] += 1 / x[k];
            b[f, t] -= 1 / x[k];
            b[t, f] -= 1 / x[k];
        }

        var keep = new[] { 0, 1, 2, 4 };
        var reduced = new double[4, 4];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                reduced[i, j] = b[keep[i], keep[j]];
            }
        }

        var pu = new[] { 2.10, -3.00, 0.2349, 4.6651 }; // (gen − load)/100 at buses 1, 2, 3, 5
        var theta = DenseLuSolver.SolveDense(reduced, pu);
        var full = new[] { theta[0], theta[1], theta[2], 0, theta[3] };
        for (var k = 0; k < 6; k++)
        {
            var (f, t) = ends[k];
            Assert.Equal(100 * (full[f] - full[t]) / x[k], pf.BranchFlowMw[k], 9);
        }

        Assert.Equal(0.0, pf.ReferenceGenerationMw, 9);
        Assert.Equal(-400.0, pf.BusInjectionMw[3], 9);
    }
}
