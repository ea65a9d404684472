using Gridclear.Market;
using Gridclear.Settlement;
using Gridclear.Tests.DayAhead;
using Gridclear.Tests.Market;
using Gridclear.Tests.MarketFolder;
using static Gridclear.Tests.Market.MarketHarness;

namespace Gridclear.Tests.Reserves;

/// <summary>
/// Reliability must-run (D14): resources.csv <c>must_run</c> MW are dispatched whatever the price (price-taking), and
/// above them the unit offers at its <c>mitigated_price</c> and can set prices. Two buses on an unconstrained line: A
/// (200 MW at 10 $/MWh) and the must-run unit M (100 MW offered at 80, must-run 30, mitigated 25) beside the load.
/// </summary>
public sealed class MustRunTests
{
    private const double Tolerance = 1e-6;

    private static Gridclear.Network.Network Network() => Grid(2, [(1, 2, 0.1, double.PositiveInfinity)]);

    private static MarketInput Input(double load, double mustRun = 30, double? mitigated = 25) => new(
        Resources: [Gen("A", "PA", 1, Election.Nodal), Gen("M", "PM", 2, Election.Nodal) with { MustRunMw = mustRun, MitigatedPrice = mitigated }, Load("L", "PL", 2, Election.Nodal)],
        Offers: new Dictionary<string, OfferCurve> { ["A"] = Offer((200, 10)), ["M"] = Offer((100, 80)) },
        Demand: new Dictionary<string, double> { ["L"] = load });

    [Fact]
    public void Must_run_mw_are_dispatched_and_take_the_price()
    {
        // By hand: M runs its 30 MW although 80 (or 25) is above A's 10; A serves the other 70 and sets the price.
        var network = Network();
        var input = Input(100);
        var result = Clearing.Run(network, input).Result;
        Assert.Equal(30, Mw(result, "M"), Tolerance);
        Assert.Equal(70, Mw(result, "A"), Tolerance);
        Assert.All(result.Prices, p => Assert.Equal(10, p.Lmp, Tolerance));

        // Without must-run the 80 $/MWh unit would not run at all.
        Assert.Equal(0, Mw(Clearing.Run(network, Input(100, mustRun: 0, mitigated: null)).Result, "M"), Tolerance);

        // Settled at the bus price for every MW, must-run ones included; the run sums to zero.
        var settlement = DayAheadSettlement.Settle(ClearingOutcome.ToSettlementInput(result, input, network));
        Assert.Equal(300m, settlement.Lines.Where(l => l.Participant == "PM" && l.Charge == "energy").Sum(l => l.Amount));
        Assert.Equal(0m, settlement.Lines.Sum(l => l.Amount));
    }

    [Theory]
    [InlineData(25.0, 25)]
    [InlineData(null, 80)]
    public void Above_its_must_run_mw_the_unit_offers_at_its_mitigated_price_and_sets_it(double? mitigated, double price)
    {
        // 250 MW: A is full at 200, M gives 30 must-run + 20 more; the 20 are priced at the mitigated price when
        // there is one (else as offered), and that price is the LMP.
        var result = Clearing.Run(Network(), Input(250, mitigated: mitigated)).Result;
        Assert.Equal(50, Mw(result, "M"), Tolerance);
        Assert.All(result.Prices, p => Assert.Equal(price, p.Lmp, Tolerance));
        Assert.Equal((200 * 10) + (50 * price), result.Objective, Tolerance);
    }

    [Fact]
    public void A_mitigated_price_below_the_competition_takes_the_load()
    {
        var result = Clearing.Run(Network(), Input(150, mustRun: 0, mitigated: 5)).Result;
        Assert.Equal(100, Mw(result, "M"), Tolerance);
        Assert.Equal(50, Mw(result, "A"), Tolerance);
        Assert.All(result.Prices, p => Assert.Equal(10, p.Lmp, Tolerance));
    }

    private const string Case = """
        function mpc = two
        mpc.version = '2';
        mpc.baseMVA = 100;
        mpc.bus = [
        1 3 0 0 0 0 1 1 0 100 1 1.1 0.9;
        2 1 0 0 0 0 1 1 0 100 1 1.1 0.9;
        ];
        mpc.gen = [
        1 0 0 0 0 1 100 1 100 0 0 0 0 0 0 0 0 0 0 0 0;
        ];
        mpc.branch = [
        1 2 0.01 0.1 0 0 0 0 0 0 1 -360 360;
        ];
        mpc.gencost = [
        2 0 0 2 10 0;
        ];
        """;

    private static Dictionary<string, string> Files(string resources) => new()
    {
        ["resources.csv"] = resources,
        ["offers.csv"] = "resource,segment,mw,price\nA,1,200,10\nM,1,100,80\n",
        ["demand.csv"] = "resource,mw\nL,250\n",
    };

    [Fact]
    public void Clear_reads_must_run_and_mitigated_price()
    {
        using var folder = new TempFolder(Files("resource,participant,bus,kind,settlement,must_run,mitigated_price\nA,PA,1,generator,nodal,,\nM,PM,2,generator,nodal,30,25\nL,PL,2,load,nodal,,\n"));
        var casePath = Path.Combine(folder.Path, "two.m");
        File.WriteAllText(casePath, Case);
        var run = Gridclear.Cli.Runs.DayAheadRun.Execute(casePath, folder.Path, ClearingOptions.Default);
        Assert.Equal(50, Mw(run.Result, "M"), Tolerance);
        Assert.All(run.Result.Prices, p => Assert.Equal(25, p.Lmp, Tolerance));
        Assert.Equal(0m, run.Settlement!.Lines.Sum(l => l.Amount));
    }

    [Theory]
    [InlineData("M,PM,2,generator,nodal,120,25", "resources.csv:3:")]
    [InlineData("M,PM,2,generator,nodal,-5,25", "resources.csv:3:")]
    [InlineData("M,PM,2,generator,nodal,30,x", "resources.csv:3:")]
    public void Bad_must_run_rows_exit_2_naming_the_line(string row, string where)
    {
        using var folder = new TempFolder(Files($"resource,participant,bus,kind,settlement,must_run,mitigated_price\nA,PA,1,generator,nodal,,\n{row}\nL,PL,2,load,nodal,,\n"));
        var casePath = Path.Combine(folder.Path, "two.m");
        File.WriteAllText(casePath, Case);
        var (code, _, error) = ClearCli.Run("--case", casePath, "--market", folder.Path, "--out", Path.Combine(folder.Path, "out"));
        Assert.Equal(2, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_run_on_a_load_exits_2()
    {
        using var folder = new TempFolder(Files("resource,participant,bus,kind,settlement,must_run,mitigated_price\nA,PA,1,generator,nodal,,\nM,PM,2,generator,nodal,,\nL,PL,2,load,nodal,10,\n"));
        var casePath = Path.Combine(folder.Path, "two.m");
        File.WriteAllText(casePath, Case);
        var (code, _, error) = ClearCli.Run("--case", casePath, "--market", folder.Path, "--out", Path.Combine(folder.Path, "out"));
        Assert.Equal(2, code);
        Assert.Contains("resources.csv:4:", error, StringComparison.Ordinal);
    }
}
