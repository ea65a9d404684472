using Gridclear.Cli.Runs;
using Gridclear.Market;
using Gridclear.Settlement;
using Gridclear.Tests.DayAhead;
using Gridclear.Tests.Market;

namespace Gridclear.Tests.Losses;

/// <summary>Marginal losses (D15, <c>--losses marginal</c>): the identities FORMATS "Losses" defines, checked on final flows.</summary>
public sealed class MarginalLossTests
{
    /// <summary>MW: the iteration stops when the balance's estimate and L agree to 1e-4 MW; solver tolerances add ~1e-6.</summary>
    private const double BalanceToleranceMw = 2e-4;

    /// <summary>$/MWh: prices use the duals of the loss cuts, tangents at dispatches within the convergence step of the
    /// final one; central differences of a quadratic are exact, so this bounds that step's effect.</summary>
    private const double LossComponentTolerance = 2e-3;

    private static readonly ClearingOptions Marginal = new(Losses: LossModel.Marginal);

    public static TheoryData<string> Cases => new() { "case30", "case118_lin", "case9" };

    /// <summary>L = Σ r·f²/baseMVA at the given injections, flows by an independent KLU factorisation.</summary>
    private static double Losses(Gridclear.Network.Network network, double[] injections)
    {
        var flows = Clearing.Flows(network, injections);
        var loss = 0.0;
        for (var k = 0; k < flows.Length; k++)
        {
            loss += network.Branches[k].ResistancePu * flows[k] * flows[k];
        }

        return loss / network.BaseMva;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generation_minus_load_is_the_losses_at_the_final_flows(string name)
    {
        var cleared = Clearing.Case(name, Marginal);
        var losses = cleared.Result.Losses!;
        Assert.True(losses.Converged);
        var p = cleared.Injections();
        var loss = Losses(cleared.Network, p);
        Assert.True(loss > 0);
        Assert.Equal(loss, losses.LossMw, 6);
        Assert.InRange(p.Sum() - loss, -BalanceToleranceMw, BalanceToleranceMw);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_component_is_minus_energy_times_the_finite_difference_of_losses(string name)
    {
        var cleared = Clearing.Case(name, Marginal);
        var network = cleared.Network;
        var p = cleared.Injections();
        var reference = network.ReferenceBus;
        const double step = 1.0; // MW; L is quadratic in P, so central differences are exact
        for (var i = 0; i < network.BusCount; i++)
        {
            var price = cleared.Result.Prices[i];
            Assert.Equal(price.Lmp, price.Energy + price.Congestion + price.Loss, 9);
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[i] += step;
            up[reference] -= step;
            down[i] -= step;
            down[reference] += step;
            var derivative = (Losses(network, up) - Losses(network, down)) / (2 * step);
            Assert.InRange(price.Loss - (-price.Energy * derivative), -LossComponentTolerance, LossComponentTolerance);
        }

        Assert.Equal(0, cleared.Result.Prices[reference].Loss);
        Assert.Contains(cleared.Result.Prices, q => Math.Abs(q.Loss) > 0.01);
    }

    [Fact]
    public void Zero_resistance_gives_zero_loss_components_in_one_iteration()
    {
        // The harness's branches carry no resistance.
        var network = MarketHarness.Grid(3, [(1, 2, 0.1, 50), (2, 3, 0.1, double.PositiveInfinity), (1, 3, 0.1, double.PositiveInfinity)]);
        var input = new MarketInput(
            Resources: [MarketHarness.Gen("g1", "a", 1, Election.Nodal), MarketHarness.Gen("g2", "b", 2, Election.Nodal), MarketHarness.Load("d3", "c", 3, Election.Nodal)],
            Offers: new Dictionary<string, OfferCurve> { ["g1"] = MarketHarness.Offer((200, 10)), ["g2"] = MarketHarness.Offer((200, 30)) },
            Demand: new Dictionary<string, double> { ["d3"] = 150 });
        var lossless = Clearing.Run(network, input);
        var cleared = Clearing.Run(network, input, Marginal);
        Assert.Equal(1, cleared.Result.Losses!.Iterations);
        Assert.Equal(0, cleared.Result.Losses.LossMw);
        Assert.All(cleared.Result.Prices, p => Assert.Equal(0, p.Loss));
        Assert.Equal(lossless.Result.Prices.Select(p => p.Lmp), cleared.Result.Prices.Select(p => p.Lmp));
    }

    [Fact]
    public void Moving_the_price_reference_moves_only_energy_and_congestion()
    {
        var atCase = Clearing.Case("case30", Marginal);
        var atLoad = Clearing.Case("case30", Marginal with { Reference = PriceReference.LoadWeighted });
        for (var i = 0; i < atCase.Result.Prices.Count; i++)
        {
            var a = atCase.Result.Prices[i];
            var b = atLoad.Result.Prices[i];
            Assert.Equal(a.Lmp, b.Lmp, 6);
            Assert.Equal(a.Loss, b.Loss, 6);
        }
    }

    [Fact]
    public void Lossless_default_reports_no_losses()
    {
        var cleared = Clearing.Case("case9");
        Assert.Null(cleared.Result.Losses);
        Assert.All(cleared.Result.Prices, p => Assert.Equal(0, p.Loss));
    }

    [Fact]
    public void Example_market_with_losses_settles_to_zero_with_a_loss_surplus()
    {
        var run = DayAheadRun.Execute(ExampleMarket.Case, ExampleMarket.Folder, Marginal);
        var settlement = run.Settlement!;
        Assert.Equal(0m, settlement.Lines.Sum(l => l.Amount));
        var surplus = MarketHarness.Amount(settlement, SettlementLine.Operator, Charges.LossSurplus);

        // Marginal loss pricing over-collects: about the energy price times the losses (exactly that with no phase
        // shifters and one price for the whole reference energy), here within a tenth of it.
        var energy = run.Result.Prices[0].Energy;
        var expected = (decimal)(energy * run.Result.Losses!.LossMw);
        Assert.InRange(surplus, expected * 0.9m, expected * 1.1m);
    }

    [Fact]
    public void Cli_refuses_an_unknown_loss_model()
    {
        var (code, _, error) = ClearCli.Run("--case", ExampleMarket.Case, "--out", Path.Combine(Path.GetTempPath(), "gridclear-losses-bad"), "--losses", "quadratic");
        Assert.Equal(2, code);
        Assert.Contains("--losses", error, StringComparison.Ordinal);
    }
}
