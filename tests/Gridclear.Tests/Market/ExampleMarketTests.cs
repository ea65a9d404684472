using Gridclear.Ftr;
using System.Globalization;
using Gridclear.Cli;
using Gridclear.Market;
using Gridclear.Settlement;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.Market;

/// <summary>The example market of the repository (examples/market), cleared as the README's first command does.</summary>
public sealed class ExampleMarketTests
{
    [Fact]
    public void The_readme_command_clears_the_example_with_zones_hubs_participants_congestion_and_zero_sum_settlement()
    {
        using var output = new TempFolder(new Dictionary<string, string>());
        var (code, printed, error) = ClearCli.Run("--case", ExampleMarket.Case, "--market", ExampleMarket.Folder, "--out", output.Path);
        Assert.True(code == CommandRunner.Success, error);

        var summary = File.ReadAllText(Path.Combine(output.Path, "summary.json"));
        Assert.Contains("\"status\": \"optimal\"", summary, StringComparison.Ordinal);

        var zonal = Rows(output.Path, "zonal.csv");
        Assert.True(zonal.Count >= 3);
        Assert.True(zonal.Select(z => z[1]).Distinct().Count() >= 3, "zonal load prices should differ: the market is congested");
        Assert.True(Rows(output.Path, "hubs.csv").Count >= 2);
        Assert.Contains(Rows(output.Path, "constraints.csv"), c => c[1] != "balance" && double.Parse(c[5], CultureInfo.InvariantCulture) > 0);

        var settlement = Rows(output.Path, "settlement.csv");
        var participants = settlement.Select(r => r[0]).Where(p => p != SettlementLine.Operator).Distinct().ToList();
        Assert.True(participants.Count >= 10, $"{participants.Count} participants");
        Assert.Equal(0.00m, settlement.Sum(r => decimal.Parse(r[2], CultureInfo.InvariantCulture)));
        foreach (var charge in new[] { Charges.Energy, Charges.Usage, Charges.ScheduleEnergy, Charges.Trade, Charges.ConstrainedOff, FtrStatementLines.Charge, FtrStatementLines.OperatorCharge })
        {
            Assert.Contains(settlement, r => r[1] == charge);
        }

        // The console shows every participant's statement.
        foreach (var p in participants)
        {
            Assert.Contains(p, printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_example_mixes_elections_schedules_bids_and_a_negative_offer()
    {
        var input = ExampleMarket.Cleared.Input;
        var resources = input.Resources!;
        Assert.Contains(resources, r => r.Settlement == Election.Nodal);
        Assert.Contains(resources, r => r.Settlement == Election.Zonal);
        Assert.Contains(input.Offers.Values, o => o.Steps.Any(s => s.Price < 0));
        Assert.NotEmpty(input.Bids);
        Assert.Contains(input.Schedules, s => s.Balanced && input.Adjustments.All(a => a.Schedule != s.Id));
        Assert.Contains(input.Schedules, s => s.Balanced && input.Adjustments.Any(a => a.Schedule == s.Id));
        Assert.Contains(input.Schedules, s => !s.Balanced);
        Assert.Contains(input.Schedules, s => s.IsTrade);
        Assert.NotEmpty(input.PortfolioBalanced);
    }

    /// <summary>
    /// Regression: Clp's simplex stopped "optimal" on the scaled model of this market while the unscaled model had
    /// dual infeasibilities (secondary status 3): line 100-103 was held at its limit with a shadow price of the wrong
    /// sign, 19 $/h above the optimum. The simplex path (warm, constraint generation) must reach the barrier's optimum,
    /// and every binding constraint must be reported at the limit its flow is at.
    /// </summary>
    [Fact]
    public void The_simplex_clearing_reaches_the_barrier_optimum_with_correctly_signed_constraints()
    {
        var simplex = ExampleMarket.Cleared.Result;
        var barrier = Gridclear.Cli.Runs.DayAheadRun.Execute(ExampleMarket.Case, ExampleMarket.Folder, new ClearingOptions(Solver: new Gridclear.Solvers.LpOptions(Algorithm: Gridclear.Solvers.LpAlgorithm.Barrier))).Result;

        Assert.Equal(barrier.Objective, simplex.Objective, 1e-4);
        foreach (var c in simplex.Constraints.Where(c => c.Kind != ConstraintKind.Balance))
        {
            Assert.True(Math.Abs(c.Flow - c.Limit) < 1e-4, $"{c.Constraint}: flow {c.Flow} reported against limit {c.Limit}");
        }
    }

    private static List<string[]> Rows(string folder, string file) =>
        File.ReadAllLines(Path.Combine(folder, file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
}
