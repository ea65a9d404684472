using System.Globalization;
using System.Text.Json;
using Gridclear.Designs.Px;
using Gridclear.Flows;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Tests.FlowPaths;
using Gridclear.Tests.MarketFolder;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Px;

/// <summary>
/// The published shift-factor library (X5, N3): hand values on examples/px, post-contingency rows against the shift
/// factors of the network with the branch switched out (on a case nobody wrote the library for), and the version id:
/// the same whatever loads, ratings or offers, different with a switched branch, and printed by clear.
/// </summary>
public sealed class LibraryTests
{
    /// <summary>Factors are sums of thirds from one sparse solve: equal to the hand values to round-off.</summary>
    private const double FactorTolerance = 1e-9;

    private static readonly Lazy<string> Example = new(() =>
    {
        var dir = PxCli.OutDir();
        var (code, _, error) = PxCli.Run("library", "--case", PxCli.ExampleCase, "--market", PxCli.Example, "--out", dir);
        Assert.True(code == 0, error);
        return dir;
    });

    private static double Factor(List<Dictionary<string, string>> rows, string element, string contingency, int bus) =>
        rows.Where(r => r["element"] == element && r["contingency"] == contingency && r["bus"] == bus.ToString(CultureInfo.InvariantCulture))
            .Select(r => double.Parse(r["factor"], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Single();

    [Theory]
    [InlineData("1-2", "branch", "", 1.0 / 3, -1.0 / 3, 0)]
    [InlineData("2-3", "branch", "", 1.0 / 3, 2.0 / 3, 0)]
    [InlineData("1-3", "branch", "", 2.0 / 3, 1.0 / 3, 0)]
    [InlineData("3-4", "branch", "", 0, 0, -1)]
    [InlineData("N_IMPORT", "nomogram", "", 1, 1, 0)]
    [InlineData("P_POCKET", "path", "", 1, 1, 0)]
    [InlineData("1-3", "branch", "OUT_12", 1, 0, 0)]
    [InlineData("2-3", "branch", "OUT_12", 0, 1, 0)]
    [InlineData("1-2", "branch", "OUT_23", 0, -1, 0)]
    [InlineData("1-3", "branch", "OUT_23", 1, 1, 0)]
    [InlineData("N_IMPORT", "nomogram", "OUT_23", 1, 1, 0)]
    public void Example_library_has_the_hand_factors(string element, string kind, string contingency, double bus1, double bus2, double bus4)
    {
        var rows = FlowPathCli.Rows(Path.Combine(Example.Value, "factors.csv"));
        Assert.Contains(rows, r => r["element"] == element && r["kind"] == kind);
        var under = contingency;
        if (contingency.Length > 0 && !rows.Any(r => r["element"] == element && r["contingency"] == contingency))
        {
            // An element whose row the outage does not change is written for the base case only.
            under = string.Empty;
        }

        Assert.Equal(bus1, Factor(rows, element, under, 1), FactorTolerance);
        Assert.Equal(bus2, Factor(rows, element, under, 2), FactorTolerance);
        Assert.Equal(0, Factor(rows, element, under, 3), FactorTolerance);
        Assert.Equal(bus4, Factor(rows, element, under, 4), FactorTolerance);
    }

    [Fact]
    public void The_outaged_branch_is_not_listed_under_its_own_outage()
    {
        var rows = FlowPathCli.Rows(Path.Combine(Example.Value, "factors.csv"));
        Assert.DoesNotContain(rows, r => r["element"] == "1-2" && r["contingency"] == "OUT_12");
        Assert.DoesNotContain(rows, r => r["element"] == "2-3" && r["contingency"] == "OUT_23");
        Assert.Contains(rows, r => r["element"] == "1-2" && r["contingency"] == "OUT_23");
    }

    [Fact]
    public void Post_contingency_rows_equal_the_shift_factors_of_the_switched_network()
    {
        // case30: 41 branches; outages of a few meshed branches, every branch monitored (the case has ratings).
        var powerCase = MatpowerReader.ReadFile(TestPaths.Case("case30"));
        var network = NetworkCompiler.Compile(powerCase).Network;
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var outages = new[] { 0, 5, 11, 20, 33 }.Where(k => !new OutageFactors(shiftFactors).Islands(k)).ToList();
        var contingencies = outages.Select(k => new Contingency($"C{k}", k)).ToList();
        var interfaces = new List<Interface> { new("I", [new BranchTerm(1, 1), new BranchTerm(7, -0.5)], 100) };
        var nomograms = new List<Nomogram> { new("N", [new FlowTerm(2, 1), new InterfaceTerm("I", 2), new InjectionTerm(network.BusIds[4], 0.5)], 50) };
        var security = new SecurityModel(network, shiftFactors, interfaces, nomograms, contingencies);
        var library = new ShiftFactorLibrary(security, []);
        Assert.Equal(outages.Count, library.SecuredContingencies.Count);

        var baseRows = new double[library.Elements.Count][];
        for (var e = 0; e < baseRows.Length; e++)
        {
            baseRows[e] = new double[network.BusCount];
            library.BaseRow(e, baseRows[e]);
        }

        foreach (var k in library.SecuredContingencies)
        {
            var outaged = contingencies[k].Branch;
            var switched = new Gridclear.Network.Network(
                "switched", network.BaseMva, network.BusIds, network.BusLoadMw, Enumerable.Repeat(1, network.BusCount).ToList(),
                network.Branches.Where((_, l) => l != outaged).ToList(), [], network.ReferenceBus);
            using var after = new ShiftFactors(switched, new KluSolver());
            var afterSecurity = new SecurityModel(switched, after, interfaces.Select(i => Renumber(i, outaged)).ToList(), [], []);
            var changed = new Dictionary<int, double[]>();
            library.ContingencyRows(k, baseRows, (e, row) => changed[e] = row.ToArray());
            for (var e = 0; e < library.Elements.Count; e++)
            {
                var element = library.Elements[e];
                if (element.Kind == "branch" && element.BranchWeights[0].Branch == outaged)
                {
                    Assert.False(changed.ContainsKey(e));
                    continue;
                }

                var got = changed.TryGetValue(e, out var r) ? r : baseRows[e];
                var expected = new double[network.BusCount];
                foreach (var (l, w) in element.BranchWeights)
                {
                    if (l != outaged)
                    {
                        var row = after.Row(l < outaged ? l : l - 1);
                        for (var i = 0; i < expected.Length; i++)
                        {
                            expected[i] += w * row[i];
                        }
                    }
                }

                if (element.Kind == "nomogram")
                {
                    expected[network.BusIndex(network.BusIds[4])] += 0.5;
                }

                for (var i = 0; i < expected.Length; i++)
                {
                    Assert.True(Math.Abs(expected[i] - got[i]) < 1e-9, $"{element.Kind} {element.Name} under C{outaged}, bus {network.BusIds[i]}: {got[i]} vs {expected[i]} on the switched network");
                }
            }

            _ = afterSecurity;
        }
    }

    private static Interface Renumber(Interface i, int outaged) =>
        new(i.Id, i.Terms.Where(t => t.Branch != outaged).Select(t => new BranchTerm(t.Branch < outaged ? t.Branch : t.Branch - 1, t.Weight)).ToList(), i.Limit);

    [Fact]
    public void Version_changes_with_a_switched_branch_and_not_with_loads_ratings_or_offers()
    {
        var text = File.ReadAllText(PxCli.ExampleCase);
        string Version(string caseText, string? market = null)
        {
            using var folder = new TempFolder(new Dictionary<string, string> { ["network.m"] = caseText });
            var dir = PxCli.OutDir();
            var args = market is null
                ? new[] { "library", "--case", Path.Combine(folder.Path, "network.m"), "--out", dir }
                : ["library", "--case", Path.Combine(folder.Path, "network.m"), "--market", market, "--out", dir];
            var (code, output, error) = PxCli.Run(args);
            Assert.True(code == 0, error);
            var version = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "library.json"))).RootElement.GetProperty("version").GetString()!;
            Assert.Contains(version, output);
            return version;
        }

        var original = Version(text);
        Assert.Matches("^[0-9a-f]{16}$", original);

        // Loads, ratings and generator costs: the same factors, the same version (and a market folder adds elements, not a version).
        var other = text.Replace("4	1	200	0", "4	1	350	0", StringComparison.Ordinal)
            .Replace("2	3	0	0.1	0	500	500	500", "2	3	0	0.1	0	80	80	80", StringComparison.Ordinal)
            .Replace("2	0	0	2	40	0;", "2	0	0	2	55	0;", StringComparison.Ordinal);
        Assert.NotEqual(text, other);
        Assert.Equal(original, Version(other));
        Assert.Equal(original, Version(text, PxCli.Example));

        // Line 1-2 switched out (status 0): another topology, another version; switched back, the first again.
        var switched = text.Replace("1	2	0	0.1	0	500	500	500	0	0	1", "1	2	0	0.1	0	500	500	500	0	0	0", StringComparison.Ordinal);
        Assert.NotEqual(text, switched);
        Assert.NotEqual(original, Version(switched));

        // A changed reactance changes the factors, so the version.
        Assert.NotEqual(original, Version(text.Replace("1	3	0	0.1	0", "1	3	0	0.2	0", StringComparison.Ordinal)));
    }

    [Fact]
    public void Clear_prints_and_records_the_version_of_the_library_it_used()
    {
        var dir = PxCli.OutDir();
        var (code, output, error) = PxCli.Run("clear", "--case", PxCli.ExampleCase, "--market", PxCli.Example, "--out", dir);
        Assert.True(code == 0, error);
        var version = JsonDocument.Parse(File.ReadAllText(Path.Combine(Example.Value, "library.json"))).RootElement.GetProperty("version").GetString()!;
        Assert.Equal(version, JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement.GetProperty("library_version").GetString());
        Assert.Contains(version, output);
    }

    [Fact]
    public void Lodf_mode_writes_base_rows_only_and_bad_options_exit_2()
    {
        var dir = PxCli.OutDir();
        var (code, _, error) = PxCli.Run("library", "--case", PxCli.ExampleCase, "--market", PxCli.Example, "--out", dir, "--contingency-factors", "lodf");
        Assert.True(code == 0, error);
        var rows = FlowPathCli.Rows(Path.Combine(dir, "factors.csv"));
        Assert.All(rows, r => Assert.Equal(string.Empty, r["contingency"]));
        var lodf = FlowPathCli.Rows(Path.Combine(dir, "lodf.csv"));
        Assert.Contains(lodf, r => r["contingency"] == "OUT_12" && r["branch"] == "1-3" && Math.Abs(double.Parse(r["lodf"], CultureInfo.InvariantCulture) - 1) < FactorTolerance);

        (code, _, error) = PxCli.Run("library", "--case", PxCli.ExampleCase, "--out", PxCli.OutDir(), "--contingency-factors", "some");
        Assert.Equal(2, code);
        Assert.Contains("--contingency-factors", error);
        (code, _, error) = PxCli.Run("library", "--case", PxCli.ExampleCase, "--out", PxCli.OutDir(), "--min-factor", "-1");
        Assert.Equal(2, code);
        Assert.Contains("--min-factor", error);
    }

    /// <summary>The version id is published (summary.json, the library): it is hashed in chunks now, and must stay what
    /// hashing the whole text gave (these are the ids earlier builds wrote for these cases).</summary>
    [Theory]
    [InlineData("case300", "7929b25c80c22999")]
    [InlineData("case_ACTIVSg10k", "fc31f4d076ad7033")]
    public void The_version_id_of_a_case_is_unchanged(string caseName, string expected)
    {
        var network = NetworkCompiler.Compile(MatpowerReader.ReadFile(TestPaths.Case(caseName))).Network;
        Assert.Equal(expected, TopologyVersion.Of(network));
    }
}
