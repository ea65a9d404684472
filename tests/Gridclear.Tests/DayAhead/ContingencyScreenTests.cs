using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Sparse;
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
        { "case_ACTIVSg2000", null },
        { "pglib_opf_case2000_goc", "tests/Gridclear.Tests/DayAhead/Data/pglib_opf_case2000_goc" },

        // 193 branches of negative reactance (three-winding transformer legs): the reduced susceptance matrix is
        // indefinite and no outage factor bound of an inductive network holds. The outages near them and a sample of
        // the rest (the full N-1 of this case is BENCHMARKS.md's figure).
        { "case_ACTIVSg10k", NearNegativeReactance },
    };

    private const string NearNegativeReactance = "near negative reactance";

    [Theory]
    [MemberData(nameof(Markets))]
    public void ScreenedCheckFindsTheExhaustiveViolations(string caseName, string? marketFolder)
    {
        var network = Clearing.Compile(Clearing.ReadCase(caseName));
        var input = marketFolder switch
        {
            null => ContingencyMarkets.AllSecurable(network),
            NearNegativeReactance => NearNegative(network),
            _ => MarketFolderReader.Read(Path.Combine(TestPaths.RepoRoot, marketFolder), network),
        };
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
        // On 10,000 buses, heavier loading makes thousands of lines tight (a cached shift-factor row each).
        foreach (var scale in network.BusCount > 5000 ? new[] { 1.0, 1.02, 1.05 } : [1.0, 1.1, 1.3, 1.6, 2.5])
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

    [Theory]
    [InlineData("pglib_opf_case118_ieee")]
    [InlineData("case2383wp")]
    public void ScreenOnAFactorisationWithoutItsFactorsFindsTheSame(string caseName)
    {
        // The screen's interleaved solves fall back to the factorisation's own block solves when it cannot give its
        // factors (LuFactors): the same violations, bit for bit.
        var network = Clearing.Compile(Clearing.ReadCase(caseName));
        var input = ContingencyMarkets.AllSecurable(network);
        var injections = Clearing.Run(network, MarketInput.Empty).Injections().Select(p => p * 1.3).ToArray();
        using var factored = new ShiftFactors(network, new KluSolver());
        using var hidden = new ShiftFactors(network, new WithoutFactors());
        var expected = Violations(new SecurityModel(network, factored, input.Interfaces, input.Nomograms, input.Contingencies) { ExhaustiveContingencyCheck = true }, injections);
        var actual = Violations(new SecurityModel(network, hidden, input.Interfaces, input.Nomograms, input.Contingencies), injections);
        Assert.True(expected.Any(v => !v.Key.IsBaseCase), "no post-contingency violation: the comparison proves nothing");
        Assert.Equal(expected.Select(v => (v.Key, BitConverter.DoubleToInt64Bits(v.Value))), actual.Select(v => (v.Key, BitConverter.DoubleToInt64Bits(v.Value))));
    }

    /// <summary>KLU, but without <see cref="ISparseFactorization.Factors"/>.</summary>
    private sealed class WithoutFactors : ISparseSolver
    {
        public string Name => "klu without its factors";

        public ISparseFactorization Factor(SparseMatrix matrix) => new Hidden(new KluSolver().Factor(matrix));

        private sealed class Hidden(ISparseFactorization inner) : ISparseFactorization
        {
            public int Dimension => inner.Dimension;

            public void Solve(Span<double> rhs) => inner.Solve(rhs);

            public void Solve(Span<double> rhs, int count) => inner.Solve(rhs, count);

            public void SolveTransposed(Span<double> rhs) => inner.SolveTransposed(rhs);

            public void Dispose() => inner.Dispose();
        }
    }

    /// <summary>The outage of every limited branch that shares a bus with a negative-reactance branch (or is one), and
    /// of every 20th other limited branch.</summary>
    private static MarketInput NearNegative(Gridclear.Network.Network network)
    {
        var near = new HashSet<int>();
        foreach (var br in network.Branches.Where(b => b.Susceptance < 0))
        {
            near.Add(br.From);
            near.Add(br.To);
        }

        Assert.True(near.Count > 100, "the case has no negative reactances left: the test proves nothing");
        return new(Contingencies: [.. Enumerable.Range(0, network.BranchCount)
            .Where(l => network.Branches[l].IsLimited && (l % 20 == 0 || near.Contains(network.Branches[l].From) || near.Contains(network.Branches[l].To)))
            .Select(l => new Contingency($"C{network.Branches[l].CaseRow + 1}", l))]);
    }

    private static List<ConstraintViolation> Violations(SecurityModel security, double[] injections)
    {
        var into = new List<ConstraintViolation>();
        security.FindViolations(injections, 1e-6, new double[security.Network.BranchCount], into);
        return into;
    }
}
