using System.Globalization;
using Gridclear.Market;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.DayAhead;

/// <summary>
/// Every case in shared/reference against MATPOWER 8.1's DC OPF: the objective, the prices where they are unique,
/// and a dispatch that is feasible (linear costs often have many optimal dispatches, README note 10, so the
/// dispatch is checked for feasibility; the matching objective shows it is optimal).
/// </summary>
public sealed class ReferenceCaseTests
{
    /// <summary>The acceptance tolerance for objectives, relative.</summary>
    private const double ObjectiveRelative = 1e-6;

    /// <summary>The acceptance tolerance for prices, $/MWh (MATPOWER's own test tolerance for prices).</summary>
    private const double PriceTolerance = 1e-3;

    /// <summary>Balance and limits hold to the flow check's tolerance plus the LP's primal feasibility tolerance
    /// (Clp's 1e-7 relative on rows of up to ~1e5 MW).</summary>
    private const double FeasibilityMw = 1e-5;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestPaths.Reference).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesMatpower(string name)
    {
        var folder = Path.Combine(TestPaths.Reference, name);
        var cleared = Clearing.Case(name);
        var r = cleared.Result;
        Assert.Equal(ClearingStatus.Optimal, r.Status);

        var expected = Objective(Path.Combine(folder, "summary.txt"));
        Assert.True(
            Math.Abs(r.Objective - expected) <= ObjectiveRelative * Math.Max(1, Math.Abs(expected)),
            $"{name}: objective {r.Objective:R}, MATPOWER {expected:R}");

        if (r.PricesUnique)
        {
            var reference = BusPrices(Path.Combine(folder, "bus.csv"));
            var worst = -1.0;
            var worstBus = r.Prices[0].Bus;
            foreach (var p in r.Prices)
            {
                var d = Math.Abs(p.Lmp - reference[p.Bus]);
                if (d > worst)
                {
                    (worst, worstBus) = (d, p.Bus);
                }
            }

            Assert.True(worst <= PriceTolerance, $"{name}: LMP at bus {worstBus} is {cleared.Lmp(worstBus):R}, MATPOWER {reference[worstBus]:R}");
        }

        AssertFeasible(cleared);
    }

    /// <summary>Balance, generator limits and branch limits, from the awards and an independent flow solve.</summary>
    internal static void AssertFeasible(Cleared cleared)
    {
        var network = cleared.Network;
        var injections = cleared.Injections();
        Assert.True(Math.Abs(injections.Sum()) <= FeasibilityMw, $"imbalance {injections.Sum()} MW");
        foreach (var gen in network.Generators)
        {
            var award = cleared.Result.Awards.Single(a => a.Resource == $"gen{gen.CaseRow + 1}");
            Assert.InRange(award.Mw, gen.PminMw - FeasibilityMw, gen.PmaxMw + FeasibilityMw);
        }

        var flows = Clearing.Flows(network, injections);
        for (var l = 0; l < network.BranchCount; l++)
        {
            var br = network.Branches[l];
            Assert.True(Math.Abs(flows[l]) <= br.RatingMw + FeasibilityMw, $"branch row {br.CaseRow + 1}: flow {flows[l]} MW, limit {br.RatingMw}");
        }
    }

    private static double Objective(string summary) =>
        double.Parse(File.ReadLines(summary).First(l => l.StartsWith("objective:", StringComparison.Ordinal))["objective:".Length..].Trim(), CultureInfo.InvariantCulture);

    private static Dictionary<int, double> BusPrices(string busCsv)
    {
        var lines = File.ReadAllLines(busCsv);
        var header = lines[0].Split(',');
        var id = Array.IndexOf(header, "bus_id");
        var lmp = Array.IndexOf(header, "LMP_per_MWh");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .ToDictionary(f => int.Parse(f[id], CultureInfo.InvariantCulture), f => double.Parse(f[lmp], CultureInfo.InvariantCulture));
    }
}
