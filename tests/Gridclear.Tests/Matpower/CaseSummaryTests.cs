using Gridclear.IO.Matpower;
using Gridclear.Network;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Matpower;

/// <summary>Summary figures checked against an independent count of the files (MATPOWER's in-service rules).</summary>
public class CaseSummaryTests
{
    [Theory]
    // name, buses, in-service branches, in-service generators, load MW, limited, phase shifters, areas
    [InlineData("case5", 5, 6, 5, 1000.0, 2, 0, 1)]
    [InlineData("case30", 30, 41, 6, 189.2, 41, 0, 3)]
    [InlineData("case118", 118, 186, 54, 4242.0, 0, 0, 1)]
    [InlineData("case2383wp", 2383, 2896, 327, 24558.38, 2896, 6, 4)]
    [InlineData("case_ACTIVSg10k", 10000, 12706, 1937, 150916.88, 10244, 5, 16)]
    [InlineData("case13659pegase", 13659, 20467, 4092, 381773.401416, 0, 74, 1)]
    [InlineData("pglib_opf_case2000_goc", 2000, 3633, 238, 32972.912, 3633, 0, 3)]
    public void Summary_matches_an_independent_count(
        string name, int buses, int branches, int generators, double loadMw, int limited, int shifters, int areas)
    {
        var s = CaseSummary.Of(MatpowerReader.ReadFile(TestPaths.Case(name)));

        Assert.Equal((buses, branches, generators, limited, shifters, areas),
            (s.Buses, s.InServiceBranches, s.InServiceGenerators, s.LimitedBranches, s.PhaseShifters, s.Areas));
        Assert.Equal(loadMw, s.TotalLoadMw, 1e-6); // sums of the file's decimals: rounding only
    }

    [Fact]
    public void Case5_reference_and_capacity()
    {
        var s = CaseSummary.Of(MatpowerReader.ReadFile(TestPaths.Case("case5")));

        Assert.Equal([4], s.ReferenceBuses);
        Assert.Equal(1530, s.InServiceCapacityMw);
        Assert.True(s.HasCosts);
    }
}
