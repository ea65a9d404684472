using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.DayAhead;

/// <summary>
/// The screened post-contingency check finds exactly what the exhaustive one finds (every LODF-adjusted flow of
/// every outage computed): the same violations, in the same order, with the same bits, at the cleared dispatch and
/// at injections scaled up until many lines (base case and post-contingency) are overloaded.
/// </summary>
public sealed class ContingencyScreenTests
{
    public static TheoryData<string, string?> Markets => new()
    {
        { "case30", null },
        { "pglib_opf_case118_ieee", null },
        { "case2383wp", null },
        { "pglib_opf_case2000_goc", "tests/Gridclear.Tests/DayAhead/Data/pglib_opf_case2000_goc" },
    };

    [Theory]
    [MemberData(nameof(Markets))]
    public void ScreenedCheckFindsTheExhaustiveViolations(string caseName, string? marketFolder)
    {
        var network = Clearing.Compile(Clearing.ReadCase(caseName));
        var input = marketFolder is null
            ? ContingencyMarkets.AllSecurable(network)
            : MarketFolderReader.Read(Path.Combine(TestPaths.RepoRoot, marketFolder), network);
        var dispatched = Clearing.Run(network, MarketInput.Empty).Injections();
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var screened = new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);
        var exhaustive = new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies)
        {
            ExhaustiveContingencyCheck = true,
        };

        var random = new Random(18);
        var found = 0;
        var unlisted = 0;
        foreach (var scale in new[] { 1.0, 1.1, 1.3, 1.6, 2.5 })
        {
            var injections = dispatched.Select(p => p * scale * (1 + (0.05 * (random.NextDouble() - 0.5)))).ToArray();
            var expected = Violations(exhaustive, injections);
            var actual = Violations(screened, injections);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Key, actual[i].Key);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].Value), BitConverter.DoubleToInt64Bits(actual[i].Value));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].Excess), BitConverter.DoubleToInt64Bits(actual[i].Excess));
            }

            found += expected.Count(v => !v.Key.IsBaseCase);
            unlisted += screened.Screen!.LastTightCount;
        }

        // Not vacuous: outages overloaded lines, some through lines off their short lists (the tight-row path),
        // and on the large networks the short lists hold a small part of all outage factors.
        Assert.True(found > 0, "no post-contingency violation: the comparison proves nothing");
        Assert.True(unlisted > 0, "no tight line: the row path was not exercised");
        if (network.BusCount >= 2000)
        {
            var secured = input.Contingencies.Count(c => !screened.OutageFactors.Islands(c.Branch));
            Assert.True(screened.Screen!.ListedCount < 0.2 * secured * exhaustive.MonitoredBranches.Count, $"{screened.Screen.ListedCount} listed");
        }
    }

    private static List<ConstraintViolation> Violations(SecurityModel security, double[] injections)
    {
        var into = new List<ConstraintViolation>();
        security.FindViolations(injections, 1e-6, new double[security.Network.BranchCount], into);
        return into;
    }
}
