using System.Diagnostics;
using Gridclear.IO.Matpower;
using Gridclear.Network;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Matpower;

/// <summary>Every shared case file reads; counts checked against an independent count of the files' rows.</summary>
public class MatpowerCaseFilesTests
{
    public static TheoryData<string> AllCaseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(TestPaths.Cases, "*.m").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCaseFiles))]
    public void Every_shared_case_reads(string fileName)
    {
        var powerCase = MatpowerReader.ReadFile(Path.Combine(TestPaths.Cases, fileName));

        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), powerCase.Name);
        Assert.NotEmpty(powerCase.Buses);
        Assert.Contains(powerCase.Buses, b => b.Type == CaseBus.Reference);
        Assert.Equal(powerCase.Generators.Count, powerCase.GenCosts.Count);
        Assert.All(powerCase.Buses, b => Assert.True(b.SourceLine > 0));
        Assert.All(powerCase.Branches, b => Assert.True(b.SourceLine > 0));
    }

    // Counts from an independent reading of the files (a few lines of Python over the matrix rows).
    [Theory]
    [InlineData("case5", 5, 5, 6)]
    [InlineData("case9", 9, 3, 9)]
    [InlineData("case30", 30, 6, 41)]
    [InlineData("case118", 118, 54, 186)]
    [InlineData("case300", 300, 69, 411)]
    [InlineData("case2383wp", 2383, 327, 2896)]
    [InlineData("case_ACTIVSg2000", 2000, 544, 3206)]
    [InlineData("case_ACTIVSg10k", 10000, 2485, 12706)]
    [InlineData("case13659pegase", 13659, 4092, 20467)]
    [InlineData("pglib_opf_case2000_goc", 2000, 384, 3639)]
    [InlineData("pglib_opf_case10000_goc", 10000, 2089, 13193)]
    public void Counts_match_the_file(string name, int buses, int generators, int branches)
    {
        var powerCase = MatpowerReader.ReadFile(TestPaths.Case(name));

        Assert.Equal(buses, powerCase.Buses.Count);
        Assert.Equal(generators, powerCase.Generators.Count);
        Assert.Equal(branches, powerCase.Branches.Count);
    }

    [Fact]
    public void Case5_values_are_read_exactly()
    {
        var c = MatpowerReader.ReadFile(TestPaths.Case("case5"));

        Assert.Equal(100, c.BaseMva);
        Assert.Equal(new CaseBus(2, 1, 300, 98.61, 0, 0, 1, 1, 0, 230, 1, 1.1, 0.9, SourceLine: 25), c.Buses[1]);
        Assert.Equal(4, c.Buses.Single(b => b.Type == CaseBus.Reference).Id);
        Assert.Equal(new CaseGenerator(3, 323.49, 0, 390, -390, 1, 100, 1, 520, 0, SourceLine: 36), c.Generators[2]);
        var line45 = c.Branches[5];
        Assert.Equal((4, 5, 0.0297, 240.0, -360.0, 360.0, 49), (line45.FromBus, line45.ToBus, line45.X, line45.RateA, line45.AngMinDeg, line45.AngMaxDeg, line45.SourceLine));
        Assert.Equal(CostModel.Polynomial, c.GenCosts[4].Model);
        Assert.Equal([10.0, 0.0], c.GenCosts[4].Parameters);
        Assert.Null(c.BusNames);
        Assert.EndsWith("case5.m", c.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Infinite_reactive_limits_and_exponents_are_read()
    {
        var c = MatpowerReader.ReadFile(TestPaths.Case("case2383wp"));

        Assert.Contains(c.Generators, g => double.IsPositiveInfinity(g.Qmax) && double.IsNegativeInfinity(g.Qmin));
        var pegase = MatpowerReader.ReadFile(TestPaths.Case("case13659pegase"));
        var bus1129 = pegase.Buses.Single(b => b.Id == 1129);
        Assert.Equal((0.040037, -3.7e-05), (bus1129.Gs, bus1129.Bs));
    }

    [Fact]
    public void Bus_names_gentype_and_genfuel_of_ACTIVSg2000()
    {
        var c = MatpowerReader.ReadFile(TestPaths.Case("case_ACTIVSg2000"));

        Assert.NotNull(c.BusNames);
        Assert.Equal(2000, c.BusNames.Count);
        Assert.All(c.BusNames, n => Assert.False(string.IsNullOrWhiteSpace(n)));
    }

    [Fact]
    public void Case118_bus_names()
    {
        var c = MatpowerReader.ReadFile(TestPaths.Case("case118"));

        Assert.NotNull(c.BusNames);
        Assert.Equal("Riversde  V2", c.BusNames[0]);
        Assert.Equal(118, c.BusNames.Count);
    }

    [Fact]
    public void Rts_gmlc_reads_rows_without_semicolons_piecewise_costs_and_skips_dcline()
    {
        var path = Path.Combine(TestPaths.Shared, "rts-gmlc", "MATPOWER", "RTS_GMLC.m");
        var c = MatpowerReader.ReadFile(path);

        Assert.Equal(("RTS_GMLC", 73, 158, 120), (c.Name, c.Buses.Count, c.Generators.Count, c.Branches.Count));
        Assert.Equal(158, c.GenCosts.Count);
        Assert.Equal(CostModel.PiecewiseLinear, c.GenCosts[0].Model);
        Assert.Equal([8.0, 1085.77625, 12.0, 1477.23196, 16.0, 1869.51562, 20.0, 2298.06357], c.GenCosts[0].Parameters);
        Assert.Equal(73, c.BusNames!.Count);
        Assert.Equal("ABEL", c.BusNames[0]);
        Assert.Equal(-180, c.Branches[0].AngMinDeg);
        Assert.Equal(["areas", "gen_name", "dcline"], c.SkippedFields!); // a DC line the model leaves out: visible to the user
    }
}
