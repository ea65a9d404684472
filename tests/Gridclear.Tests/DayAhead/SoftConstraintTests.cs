using System.Globalization;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.DayAhead;

/// <summary>
/// An infeasible market still clears, with status relaxed, and constraints.csv says what was relaxed, by how much
/// and at what price. All three markets are on case5 (PJM 5-bus; branch 1-2 and 4-5 limited to 400 and 240 MW)
/// with the case's participation replaced by a market folder.
/// </summary>
public sealed class SoftConstraintTests
{
    /// <summary>Relaxed amounts come from the LP's slacks: its primal tolerance.</summary>
    private const double SlackMw = 1e-6;

    [Fact]
    public void DemandAboveCapacityLeavesEnergyUnservedAtTheBalancePenalty()
    {
        using var temp = new TempDir();
        var run = Clear(
            temp,
            "resources.csv", "resource,participant,bus,kind,settlement\nG1,A,1,generator,nodal\nL3,B,3,load,nodal\n",
            "offers.csv", "resource,segment,mw,price\nG1,1,100,20\n",
            "demand.csv", "resource,mw\nL3,150\n");
        var balance = Assert.Single(run.Constraints(), c => c["kind"] == "balance");
        Assert.Equal(50, Number(balance["relaxed_mw"]), SlackMw);
        Assert.Equal(10_000, Number(balance["penalty"]));

        // Unserved energy sets the price: every bus at the penalty (no line binds).
        Assert.All(run.Rows("lmp.csv"), row => Assert.Equal(10_000, Number(row.Split(',')[1]), 1e-6));

        // It is shed where the load is (bus 3), listed in unserved.csv and summary.json; L3 is awarded what it is served.
        var shed = Assert.Single(run.Rows("unserved.csv")).Split(',');
        Assert.Equal("3", shed[0]);
        Assert.Equal(50, Number(shed[1]), SlackMw);
        Assert.Equal(0, Number(shed[2]));
        Assert.Equal(50, run.Summary().GetProperty("unserved_mw").GetDouble(), SlackMw);
        Assert.Equal(100, Number(Assert.Single(run.Rows("dispatch.csv"), r => r.StartsWith("L3,", StringComparison.Ordinal)).Split(',')[2]), SlackMw);
    }

    [Fact]
    public void LineThatAFixedScheduleOverloadsIsRelaxedAtTheBranchPenalty()
    {
        // 800 MW scheduled from bus 1 to a fixed load at bus 4: 1-5-4 carries 36.8 % of it, 294.6 MW over 4-5's 240.
        using var temp = new TempDir();
        var run = Clear(
            temp,
            "resources.csv", "resource,participant,bus,kind,settlement\nL4,B,4,load,nodal\n",
            "demand.csv", "resource,mw\nL4,800\n",
            "schedules.csv", "schedule,participant,bus,mw,balanced\nS1,A,1,800,false\n");
        var line = Assert.Single(run.Constraints(), c => c["kind"] == "branch");
        Assert.Equal("4-5", line["constraint"]);
        Assert.Equal(string.Empty, line["contingency"]);
        Assert.Equal(-240, Number(line["limit"]));
        Assert.Equal(5_000, Number(line["penalty"]));
        Assert.True(Number(line["relaxed_mw"]) > 50);
        Assert.Equal(-Number(line["flow"]) - 240, Number(line["relaxed_mw"]), SlackMw);
        Assert.Equal(5_000, Number(line["shadow_price"]), 1e-6);
        Assert.DoesNotContain(run.Constraints(), c => c["kind"] == "balance" && Number(c["relaxed_mw"]) > 0);
    }

    [Fact]
    public void ContingencyThatCannotBeSecuredIsRelaxedAtTheContingencyPenalty()
    {
        // 600 MW from bus 1 to bus 4: fine in the base case (4-5 carries 221 MW), but when 1-4 trips 1-5-4 carries
        // 65.5 % of it, about 393 MW over 4-5's 240.
        using var temp = new TempDir();
        var run = Clear(
            temp,
            "resources.csv", "resource,participant,bus,kind,settlement\nL4,B,4,load,nodal\n",
            "demand.csv", "resource,mw\nL4,600\n",
            "schedules.csv", "schedule,participant,bus,mw,balanced\nS1,A,1,600,false\n",
            "contingencies.csv", "contingency,from_bus,to_bus\nOUT14,1,4\n");
        var line = Assert.Single(run.Constraints(), c => c["kind"] == "branch");
        Assert.Equal("4-5", line["constraint"]);
        Assert.Equal("OUT14", line["contingency"]);
        Assert.Equal(5_000, Number(line["penalty"]));
        Assert.Equal(-Number(line["flow"]) - 240, Number(line["relaxed_mw"]), SlackMw);
        Assert.True(Number(line["relaxed_mw"]) > 100);
    }

    private static CliRun Clear(TempDir temp, params string[] fileAndText)
    {
        var files = new Dictionary<string, string>();
        for (var k = 0; k < fileAndText.Length; k += 2)
        {
            files[fileAndText[k]] = fileAndText[k + 1];
        }

        using var market = new TempFolder(files);
        var run = CliRun.Clear("case5", market.Path, temp.Sub("out"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("relaxed", run.Summary().GetProperty("status").GetString());
        Assert.True(run.Summary().GetProperty("relaxed_constraints").GetInt32() >= 1);
        Assert.True(run.Summary().GetProperty("penalty_cost").GetDouble() > 0);
        Assert.Contains(run.Summary().GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("relaxed", StringComparison.Ordinal));
        return run;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
