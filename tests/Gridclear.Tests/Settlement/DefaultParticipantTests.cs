using Gridclear.Cli.Runs;
using Gridclear.Market;
using Gridclear.Network;
using Gridclear.Settlement;
using Gridclear.Tests.MarketFolder;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Settlement;

/// <summary>
/// A market folder without resources.csv: the case's generators and bus loads take part (FORMATS), so they settle as
/// default participants, generator row k as <c>gen&lt;k&gt;</c> and the load of bus b as <c>load&lt;b&gt;</c>, at
/// their bus prices. Regression (issue 11): such a folder settled nothing but FTRs, with a congestion rent of 0 in the
/// settlement and 3.5 in the FTR block.
/// </summary>
public sealed class DefaultParticipantTests
{
    private const string Ftrs = "ftr,holder,source,sink,mw,kind\nF1,Trader,1,30,10,obligation\n";

    [Fact]
    public void CaseGeneratorsAndLoadsSettleAtTheirBusPricesAndTheRentIsTheFtrBlocksRent()
    {
        using var market = new TempFolder(new Dictionary<string, string> { ["ftrs.csv"] = Ftrs });
        var run = DayAheadRun.Execute(TestPaths.Case("case30_lin"), market.Path, ClearingOptions.Default);
        var settlement = run.Settlement!;
        var network = run.Compiled.Network;
        var lmp = run.Result.Prices.ToDictionary(p => p.Bus, p => p.Lmp);

        foreach (var award in run.Result.Awards)
        {
            var line = settlement.Lines.SingleOrDefault(l => l.Participant == award.Resource && l.Charge == Charges.Energy);
            Assert.Equal(Money.ToCents((decimal)award.Mw * (decimal)lmp[award.Bus]), line?.Amount ?? 0m); // a unit at 0 MW has no line
        }

        var loads = 0;
        for (var i = 0; i < network.BusCount; i++)
        {
            var pd = network.BusLoadMw[i];
            var bus = network.BusIds[i];
            var line = settlement.Lines.SingleOrDefault(l => l.Participant == $"load{bus}");
            if (pd == 0)
            {
                Assert.Null(line);
                continue;
            }

            loads++;
            Assert.Equal(Charges.Energy, line!.Charge);
            Assert.Equal(Money.ToCents(-(decimal)pd * (decimal)lmp[bus]), line.Amount);
        }

        Assert.Equal(20, loads); // case30's buses with PD
        Assert.Equal(0m, settlement.Lines.Sum(l => l.Amount));

        // The operator keeps the congestion rent, the same the FTR block computes from flows and prices.
        var rent = settlement.Totals.CongestionRent;
        Assert.True(rent > 1m, $"congestion rent {rent}");
        Assert.InRange(rent - run.Ftrs!.CongestionRent, -0.02m, 0.02m);
    }

    [Fact]
    public void WithResourcesOnlyTheListedOnesSettle()
    {
        var cleared = Gridclear.Tests.Market.ExampleMarket.Cleared;
        var listed = File.ReadAllLines(Path.Combine(Gridclear.Tests.Market.ExampleMarket.Folder, "resources.csv")).Skip(1)
            .Select(l => l.Split(',')[1]).ToHashSet(StringComparer.Ordinal);
        Assert.All(cleared.Settlement!.Lines, l => Assert.True(
            listed.Contains(l.Participant) || l.Participant == SettlementLine.Operator || cleared.Input.Schedules.Any(s => s.Participant == l.Participant || s.Counterparty == l.Participant)
            || l.Charge == Gridclear.Ftr.FtrStatementLines.Charge,
            $"{l.Participant} {l.Charge}"));
        Assert.DoesNotContain(cleared.Settlement.Lines, l => l.Participant.StartsWith("load", StringComparison.Ordinal) && l.Participant[4..].All(char.IsDigit));
    }

    [Fact]
    public void ANegativeLoadIsPaidForWhatItInjects()
    {
        // Two buses at 10 $/MWh: bus 1 has PD −3 (it injects), bus 2 PD 8, gen1 makes the other 5 MW.
        var branches = new List<NetworkBranch> { new(0, 0, 1, 10, 1000, 0, double.NegativeInfinity, double.PositiveInfinity) };
        var network = new Gridclear.Network.Network("test", 100, [1, 2], [-3.0, 8.0], [1, 1], branches, [], 0);
        var result = new DayAheadResult(
            ClearingStatus.Optimal, 0, 0, "reference bus 1",
            [new BusPrice(1, 10, 10, 0, 0), new BusPrice(2, 10, 10, 0, 0)],
            [new ResourceAward("gen1", 1, ResourceKind.Generator, 5, 5, 50)],
            [], [], [0], 1, new Dictionary<string, int>(), true, [], new ClearingTimings(0, 0, 0, 0, 0), "test");

        var settlement = DayAheadSettlement.Settle(ClearingOutcome.ToSettlementInput(result, MarketInput.Empty, network));

        Assert.Equal(50m, settlement.Lines.Single(l => l.Participant == "gen1").Amount);
        Assert.Equal(30m, settlement.Lines.Single(l => l.Participant == "load1").Amount);
        Assert.Equal(-80m, settlement.Lines.Single(l => l.Participant == "load2").Amount);
        Assert.Equal(0m, settlement.Lines.Single(l => l.Charge == Charges.CongestionRent).Amount);
        Assert.Equal(0m, settlement.Lines.Sum(l => l.Amount));
    }

    /// <summary>A shortage is shed at the bus where the load is (issue 11), and the default participant there pays only
    /// for what it was served.</summary>
    [Fact]
    public void ALoadPaysOnlyForWhatItIsServed()
    {
        var text = File.ReadAllText(TestPaths.Case("case5"));
        using var market = new TempFolder(new Dictionary<string, string> { ["ftrs.csv"] = "ftr,holder,source,sink,mw,kind\n" });
        var shortCase = Path.Combine(market.Path, "short.m");
        File.WriteAllText(shortCase, System.Text.RegularExpressions.Regex.Replace(text, @"(\n\s*4\s+\d+\s+)400(\s)", "${1}4000${2}"));
        var run = DayAheadRun.Execute(shortCase, market.Path, ClearingOptions.Default);

        var shed = run.Result.EnergyRelaxations.Single(e => e.UnservedMw > 0);
        Assert.Equal(4, shed.Bus);
        var line = run.Settlement!.Lines.Single(l => l.Participant == "load4");
        Assert.Equal(Money.ToCents(-(decimal)(4000 - shed.UnservedMw) * (decimal)run.Result.Prices.Single(p => p.Bus == 4).Lmp), line.Amount);
        Assert.Equal(0m, run.Settlement.Lines.Sum(l => l.Amount));
    }
}
