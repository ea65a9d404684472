using Gridclear.Market;
using Gridclear.Settlement;
using static Gridclear.Tests.Market.MarketHarness;

namespace Gridclear.Tests.Market;

/// <summary>
/// The market folder extensions (README "Market folder extensions"): the portfolio-balance instruction (D2a,
/// portfolio.csv) and inter-participant trades (D3, the counterparty column of schedules.csv).
/// </summary>
public sealed class PortfolioAndTradeTests
{
    /// <summary>
    /// Three buses, no limits: one price, set by G's 25 $/MWh. Trader T has two balanced schedules: A (50 MW 1→2) with
    /// an inc bid at bus 1 (20 MW at 10) and B (30 MW 2→3) with a dec bid at bus 3 (20 MW at 40). Neither can move
    /// alone (each has only one direction), but together an inc at 10 and a dec at 40 gain 30 $/MWh.
    /// </summary>
    private static MarketInput Portfolio(bool balanced) => new(
        Resources: [Gen("G", "Gen", 1, Election.Nodal), Load("L", "Lse", 3, Election.Nodal)],
        Offers: new Dictionary<string, OfferCurve> { ["G"] = Offer((500, 25)) },
        Demand: new Dictionary<string, double> { ["L"] = 100 },
        Schedules:
        [
            new Schedule("A", "T", true, [new ScheduleLeg(1, 50), new ScheduleLeg(2, -50)]),
            new Schedule("B", "T", true, [new ScheduleLeg(2, 30), new ScheduleLeg(3, -30)]),
        ],
        Adjustments: [Adjust("A", 1, AdjustmentDirection.Inc, (20, 10)), Adjust("B", 3, AdjustmentDirection.Dec, (20, 40))],
        PortfolioBalanced: balanced ? ["T"] : []);

    private static readonly Gridclear.Network.Network Ring =
        Grid(3, [(1, 2, 0.1, double.PositiveInfinity), (2, 3, 0.1, double.PositiveInfinity), (1, 3, 0.1, double.PositiveInfinity)]);

    [Fact]
    public void Without_a_portfolio_instruction_each_balanced_schedule_keeps_its_own_balance()
    {
        var (r, s) = ClearAndSettle(Ring, Portfolio(balanced: false));

        Assert.Equal([50, -50], r.Schedules[0].Legs.Select(l => Math.Round(l.Mw, 6)));
        Assert.Equal([30, -30], r.Schedules[1].Legs.Select(l => Math.Round(l.Mw, 6)));
        Assert.Equal(0m, Amount(s, "T", Charges.ScheduleEnergy));
        Assert.Equal(0m, Amount(s, "T", Charges.Usage)); // one price everywhere: no usage charge
    }

    [Fact]
    public void A_portfolio_instruction_balances_the_participants_adjustments_across_its_schedules()
    {
        var (r, s) = ClearAndSettle(Ring, Portfolio(balanced: true));

        // The inc on A and the dec on B move together, 20 MW each: the portfolio stays balanced, its schedules not.
        Assert.Equal(70, r.Schedules[0].Legs.Single(l => l.Bus == 1).Mw, Tolerance);
        Assert.Equal(-50, r.Schedules[1].Legs.Single(l => l.Bus == 3).Mw, Tolerance);
        Assert.Equal(0, r.Schedules.Sum(x => x.Legs.Sum(l => l.Mw)), Tolerance);
        Assert.Equal(100, Mw(r, "G"), Tolerance);
        Assert.Equal(25, Lmp(r, 1), Tolerance);

        // Each schedule, unbalanced alone, settles its net energy at 25: A +20 MWh, B −20 MWh.
        Assert.Equal(0m, Amount(s, "T", Charges.ScheduleEnergy));
        Assert.Equal([-500m, 500m], s.Lines.Where(l => l.Participant == "T").Select(l => l.Amount).Order());
        Assert.Equal(0m, s.Lines.Sum(l => l.Amount));
    }

    /// <summary>The hand-computed three-bus market of <see cref="HandComputedMarketTests"/> (LMP 20, 50, 80; zone Z1's
    /// generation price 29), with its schedule sold by Beta (zonal generator at bus 2) to Delta (zonal load at bus 3).</summary>
    [Fact]
    public void A_trade_settles_each_side_at_its_own_elected_price()
    {
        var network = Grid(3, [(1, 2, 0.1, double.PositiveInfinity), (1, 3, 0.1, 80), (2, 3, 0.1, double.PositiveInfinity)], referenceBus: 3);
        var input = new MarketInput(
            Resources:
            [
                Gen("GA", "Alpha", 1, Election.Zonal),
                Gen("GB", "Beta", 2, Election.Zonal),
                Load("L2", "Gamma", 2, Election.Zonal),
                Load("L3", "Delta", 3, Election.Zonal),
            ],
            Offers: new Dictionary<string, OfferCurve> { ["GA"] = Offer((100, 15), (100, 20)), ["GB"] = Offer((100, 50), (100, 60)) },
            Demand: new Dictionary<string, double> { ["L2"] = 30, ["L3"] = 120 },
            Schedules: [Schedule.Trade("T", "Beta", "Delta", true, [new ScheduleLeg(2, 15), new ScheduleLeg(3, -15)])],
            Zones: [new Zone("Z1", [1, 2]), new Zone("Z2", [3])]);

        var (r, s) = ClearAndSettle(network, input);

        Assert.Equal(50, Lmp(r, 2), Tolerance);
        Assert.Equal(80, Lmp(r, 3), Tolerance);

        // Beta's injection at its zonal generation price 29 (not the LMP 50); Delta's withdrawal at its zonal load
        // price 80. Together: −15 × (80 − 29) = −765, the usage charge with each side's price (004 I.B.11.c).
        Assert.Equal(15m * 29, Amount(s, "Beta", Charges.Trade));
        Assert.Equal(-15m * 80, Amount(s, "Delta", Charges.Trade));
        Assert.Equal(0m, s.Lines.Where(l => l.Charge == Charges.Usage).Sum(l => l.Amount));
        Assert.Equal(0m, s.Lines.Sum(l => l.Amount));
    }

    [Fact]
    public void A_trade_leg_of_zero_MW_or_a_counterparty_equal_to_the_seller_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Schedule.Trade("T", "A", "B", false, [new ScheduleLeg(1, 10), new ScheduleLeg(2, 0)]));
        Assert.Throws<ArgumentException>(() => Schedule.Trade("T", "A", "A", true, [new ScheduleLeg(1, 10), new ScheduleLeg(2, -10)]));
        Assert.Throws<ArgumentException>(() => new Schedule("T", "A", true, [new ScheduleLeg(1, 10), new ScheduleLeg(2, -10, "C")], "B"));
    }

    /// <summary>
    /// D3: an adjustment bid moves only its submitter's side. In the example, DeltaTrading's dec bid on the buyer's leg of
    /// DT_CITY used to raise CityMunicipal's purchase from 60 to 90 MWh; the leg's dec bid is now CityMunicipal's own and,
    /// alone on the balanced trade (DeltaTrading's side counts in its portfolio), it cannot move the trade: the buyer
    /// withdraws what it scheduled.
    /// </summary>
    [Fact]
    public void An_adjustment_moves_only_its_participants_side_of_a_trade()
    {
        var trade = ExampleMarket.Cleared.Result.Schedules.Single(x => x.Schedule == "DT_CITY");
        Assert.Equal(-60, trade.Legs.Single(l => l.Bus == 42).Mw, Tolerance);
        Assert.Equal("CityMunicipal", trade.Legs.Single(l => l.Bus == 42).Owner);
        var line = ExampleMarket.Cleared.Settlement!.Lines.Single(l => l.Participant == "CityMunicipal" && l.Charge == Charges.Trade);
        Assert.Contains("-60 MWh bus 42", line.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DT_CITY,42,dec,1,30,60,", 8, "must name its participant")]
    [InlineData("DT_CITY,42,dec,1,30,60,DeltaTrading", 8, "participant DeltaTrading does not own the leg at bus 42 (CityMunicipal does)")]
    [InlineData("DT_CITY,12,dec,1,30,20,CityMunicipal", 7, "participant CityMunicipal does not own the leg at bus 12 (DeltaTrading does)")]
    [InlineData("DT_WE,10,dec,1,80,22,SierraMarketing", 3, "participant SierraMarketing does not own the leg at bus 10 (DeltaTrading does)")]
    public void An_adjustment_by_someone_else_than_the_legs_owner_is_refused(string row, int line, string message)
    {
        var text = File.ReadAllLines(Path.Combine(ExampleMarket.Folder, "adjustments.csv"));
        var key = string.Join(',', row.Split(',').Take(3)) + ",";
        var k = Array.FindIndex(text, t => t.StartsWith(key, StringComparison.Ordinal));
        Assert.Equal(line, k + 1);
        text[k] = row;
        using var folder = ExampleMarket.CopyWith(new Dictionary<string, string> { ["adjustments.csv"] = string.Join('\n', text) + "\n" });
        var network = Gridclear.IO.Matpower.MatpowerReader.ReadFile(ExampleMarket.Case);
        var e = Assert.Throws<InvalidInputException>(() => Gridclear.IO.Market.MarketFolderReader.Read(folder.Path, Gridclear.Network.NetworkCompiler.Compile(network).Network, network));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.EndsWith("adjustments.csv", e.Source, StringComparison.Ordinal);
    }
}
