using System.CommandLine;
using System.Globalization;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Flows;
using Gridclear.IO.Matpower;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Flows;

/// <summary>The flow identities on MATPOWER and PGLib cases read from shared/cases, and the dcpf/ptdf verbs.</summary>
public class RealCaseFlowTests
{
    // Real cases have reactances down to 1e-4 p.u.: identities hold to 1e-9 relative to max(1, |flow|).
    private const double Exact = 1e-9;

    private static readonly KluSolver Klu = new();

    public static TheoryData<string> Cases => new() { "case118", "case300", "pglib_opf_case2000_goc", "case2383wp" };

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Exact * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    private static int[] Sample(int count, int wanted, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, wanted).Select(_ => random.Next(count)).Distinct().Order().ToArray();
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

    [Theory]
    [MemberData(nameof(Cases))]
    public void IdentitiesHoldOnSampledRows(string name)
    {
        var compiled = NetworkCompiler.Compile(MatpowerReader.ReadFile(TestPaths.Case(name)));
        var network = compiled.Network;
        using var h = new ShiftFactors(network, Klu);
        var pf = DcPowerFlow.Solve(network, Klu, compiled.ReferenceAngleDeg);
        var p = pf.BusInjectionMw.ToArray();
        var rows = Sample(network.BranchCount, 25, name.Length);

        // Flows from shift factors equal flows from angles (phase shifters included: case2383wp has six).
        foreach (var k in rows)
        {
            AssertClose(pf.BranchFlowMw[k], Dot(h.Row(k), p) + h.PhaseShiftFlows[k], $"{name} branch {k}");
        }

        // Change of reference, to a bus and to the load-weighted distribution.
        var r2 = (network.ReferenceBus + (network.BusCount / 2)) % network.BusCount;
        using var h2 = new ShiftFactors(network, Klu, SlackDistribution.SingleBus(r2));
        var load = SlackDistribution.LoadWeighted(network);
        using var hw = new ShiftFactors(network, Klu, load);
        var w = new double[network.BusCount];
        for (var s = 0; s < load.Buses.Count; s++)
        {
            w[load.Buses[s]] = load.Weights[s];
        }

        foreach (var k in rows.Take(8))
        {
            var row1 = h.Row(k);
            var hw1 = Dot(row1, w);
            for (var j = 0; j < network.BusCount; j++)
            {
                AssertClose(row1[j] - row1[r2], h2.Row(k)[j], $"{name} H2[{k},{j}]");
                AssertClose(row1[j] - hw1, hw.Row(k)[j], $"{name} Hw[{k},{j}]");
            }
        }

        // Outage factors against a refactorisation without the branch, for a few non-islanding outages.
        var lodf = new OutageFactors(h);
        foreach (var k in rows.Where(k => !lodf.Islands(k)).Take(3))
        {
            var column = lodf.Column(k);
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
                    AssertClose(after[l < k ? l : l - 1], pf.BranchFlowMw[l] + (column[l] * pf.BranchFlowMw[k]), $"{name} outage {k}, branch {l}");
                }
            }
        }
    }

    [Fact]
    public void DcpfVerbWritesCase5FlowsAndAngles()
    {
        var dir = Directory.CreateTempSubdirectory("gridclear-dcpf-").FullName;
        try
        {
            var root = new RootCommand { DcpfCommand.Create(TextWriter.Null) };
            Assert.Equal(CommandRunner.Success, CommandRunner.Invoke(root, ["dcpf", "--case", TestPaths.Case("case5"), "--out", dir], TextWriter.Null));
            var flows = File.ReadAllLines(Path.Combine(dir, "flows.csv"));
            Assert.Equal("branch,from_bus,to_bus,flow", flows[0]);
            Assert.Equal(7, flows.Length);
            var f45 = flows[6].Split(',');
            Assert.Equal(["6", "4", "5"], f45[..3]);

            // Case PG is MATPOWER's OPF dispatch rounded to 0.01 MW, so the line 4-5 flow is −240 to about 0.01 MW.
            Assert.Equal(-240, double.Parse(f45[3], CultureInfo.InvariantCulture), 1);
            var angles = File.ReadAllLines(Path.Combine(dir, "angles.csv"));
            Assert.Equal("bus,angle_deg", angles[0]);
            Assert.Equal("4,0", angles[4]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void PtdfVerbWritesRequestedRowsForEveryBus()
    {
        var dir = Directory.CreateTempSubdirectory("gridclear-ptdf-").FullName;
        try
        {
            var file = Path.Combine(dir, "ptdf.csv");
            var root = new RootCommand { PtdfCommand.Create(TextWriter.Null) };
            Assert.Equal(CommandRunner.Success, CommandRunner.Invoke(root, ["ptdf", "--case", TestPaths.Case("case5"), "--branch", "5-4", "--reference", "1", "--out", file], TextWriter.Null));
            var lines = File.ReadAllLines(file);
            Assert.Equal("branch,from_bus,to_bus,bus,factor", lines[0]);
            Assert.Equal(6, lines.Length);
            Assert.Equal("6,4,5,1,0", lines[1]); // the reference bus has factor 0

            // Default: all limited branches (1-2 and 4-5); a bad bus is bad input (exit 2).
            Assert.Equal(CommandRunner.Success, CommandRunner.Invoke(root, ["ptdf", "--case", TestPaths.Case("case5"), "--reference", "load", "--out", file], TextWriter.Null));
            Assert.Equal(11, File.ReadAllLines(file).Length);
            Assert.Equal(CommandRunner.BadInput, CommandRunner.Invoke(root, ["ptdf", "--case", TestPaths.Case("case5"), "--branch", "1-3", "--out", file], TextWriter.Null));
            Assert.Equal(CommandRunner.BadInput, CommandRunner.Invoke(root, ["ptdf", "--case", TestPaths.Case("case5"), "--reference", "77", "--out", file], TextWriter.Null));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
