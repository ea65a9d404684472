using Gridclear.Market;
using Gridclear.Solvers;
using Gridclear.Tests.DayAhead;

namespace Gridclear.Tests.Solvers;

/// <summary>
/// Markets with quadratic costs cleared both ways: the default (<see cref="InteriorPointSolver"/> over Clp) and Clp's
/// barrier alone (<see cref="LpOptions.InteriorPointQp"/> off). Energy only, with reserves by area (every unit offering
/// two products) and with marginal losses, on cases of 118 to 2,000 buses: the same optimum, prices and reserve prices.
/// </summary>
public sealed class InteriorPointMarketTests
{
    // Objectives to this share; LMPs and reserve prices to this many $/MWh (the barrier's own precision; a dual the
    // optimum leaves free between two values would show as a difference far larger).
    private const double RelativeObjective = 1e-7;
    private const double Price = 1e-4;

    // The loss iteration stops within its 1e-4 MW tolerance of L where the dispatch cost is flat to 1e-9 of itself, at
    // a point the solver's path decides (case300: L 301.1684 MW by Clp, 301.1696 by the interior point).
    private const double LossPrice = 1e-2;
    private const double LossMw = 1e-2;

    public static TheoryData<string> Cases => new() { "case118", "case300", "case_ACTIVSg2000" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Energy_only_clears_agree(string name)
    {
        var network = Clearing.Compile(Clearing.ReadCase(name));
        AssertSame(Both(network, MarketInput.Empty, LossModel.None), Price);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reserve_markets_agree(string name)
    {
        var network = Clearing.Compile(Clearing.ReadCase(name));
        var (own, clp) = Both(network, MarketInput.Empty with { Reserves = Reserves(network) }, LossModel.None);
        AssertSame((own, clp), Price);
        Assert.Equal(clp.Reserves!.Prices.Count, own.Reserves!.Prices.Count);
        Assert.Contains(own.Reserves.Prices, p => p.Price > 0);
        for (var i = 0; i < own.Reserves.Prices.Count; i++)
        {
            Assert.Equal(clp.Reserves.Prices[i].Price, own.Reserves.Prices[i].Price, Price);
        }
    }

    [Theory]
    [InlineData("case118")]
    [InlineData("case300")]
    public void Marginal_loss_clears_agree(string name)
    {
        var network = Clearing.Compile(Clearing.ReadCase(name));
        var (own, clp) = Both(network, MarketInput.Empty, LossModel.Marginal);
        Assert.True(own.Losses!.Converged && clp.Losses!.Converged);
        Assert.Equal(clp.Losses.LossMw, own.Losses.LossMw, LossMw);
        AssertSame((own, clp), LossPrice);
    }

    private static (DayAheadResult Own, DayAheadResult Clp) Both(Gridclear.Network.Network network, MarketInput input, LossModel losses)
    {
        var own = Clearing.Run(network, input, new ClearingOptions(Losses: losses)).Result;
        var clp = Clearing.Run(network, input, new ClearingOptions(Losses: losses, Solver: LpOptions.Default with { InteriorPointQp = false })).Result;
        Assert.Equal(ClearingStatus.Optimal, own.Status);
        Assert.Equal(ClearingStatus.Optimal, clp.Status);
        Assert.DoesNotContain(own.Notes, n => n.Contains("optimality", StringComparison.Ordinal));
        return (own, clp);
    }

    private static void AssertSame((DayAheadResult Own, DayAheadResult Clp) results, double price)
    {
        var (own, clp) = results;
        Assert.Equal(clp.Objective, own.Objective, RelativeObjective * Math.Abs(clp.Objective));
        Assert.Equal(clp.Prices.Count, own.Prices.Count);
        for (var i = 0; i < own.Prices.Count; i++)
        {
            Assert.Equal(clp.Prices[i].Bus, own.Prices[i].Bus);
            Assert.True(Math.Abs(clp.Prices[i].Lmp - own.Prices[i].Lmp) <= price, $"bus {own.Prices[i].Bus}: LMP {own.Prices[i].Lmp} against Clp's {clp.Prices[i].Lmp}");
        }
    }

    /// <summary>Two products by area (spinning 3 % of the area's load at 1,000 then 100 $/MW-h, non-spinning 5 % at 300)
    /// and a system spinning requirement of 4 % at 500; every unit offers 10 % and 20 % of its Pmax at 2 to 11 $/MW-h.</summary>
    private static ReserveMarket Reserves(Gridclear.Network.Network network)
    {
        var demands = new List<ReserveDemand>();
        var total = network.BusLoadMw.Where(l => l > 0).Sum();
        foreach (var area in network.BusArea.Distinct().Order())
        {
            var load = Enumerable.Range(0, network.BusCount).Where(b => network.BusArea[b] == area).Sum(b => Math.Max(0, network.BusLoadMw[b]));
            if (load > 0)
            {
                var zone = area.ToString(System.Globalization.CultureInfo.InvariantCulture);
                demands.Add(new ReserveDemand("spinning", zone, [new PriceStep(0.024 * load, 1000), new PriceStep(0.006 * load, 100)]));
                demands.Add(new ReserveDemand("nonspinning", zone, [new PriceStep(0.05 * load, 300)]));
            }
        }

        demands.Add(new ReserveDemand("spinning", ReserveDemand.System, [new PriceStep(0.04 * total, 500)]));
        var offers = new List<ReserveOffer>();
        foreach (var g in network.Generators.Where(g => g.PmaxMw > 0))
        {
            var price = 2 + (g.CaseRow % 10);
            offers.Add(new ReserveOffer($"gen{g.CaseRow + 1}", "spinning", [new PriceStep(0.1 * g.PmaxMw, price)]));
            offers.Add(new ReserveOffer($"gen{g.CaseRow + 1}", "nonspinning", [new PriceStep(0.2 * g.PmaxMw, 0.5 * price)]));
        }

        return new ReserveMarket(demands, offers, []);
    }
}
