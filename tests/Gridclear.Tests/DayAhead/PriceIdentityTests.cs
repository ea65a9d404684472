using Gridclear.Market;

namespace Gridclear.Tests.DayAhead;

/// <summary>Identities the prices must keep (STYLE.md): the decomposition, the reference, the congestion rent.</summary>
public sealed class PriceIdentityTests
{
    /// <summary>Moving the reference changes only the pricing step, not the LP: the same solve, so LMPs agree to
    /// rounding in the rebuilt sums (a few ulps of prices in the hundreds).</summary>
    private const double SameLmp = 1e-9;

    /// <summary>The rent identity holds exactly in exact arithmetic; binding rows meet their limits to the LP's
    /// primal tolerance, so the two sides agree to this, relative to the rent.</summary>
    private const double RentRelative = 1e-6;

    public static TheoryData<string> CongestedCases() => ["case5", "case30_lin", "pglib_opf_case118_ieee", "pglib_opf_case5_pjm"];

    [Theory]
    [MemberData(nameof(CongestedCases))]
    public void LmpIsExactlyTheSumOfItsComponents(string name)
    {
        foreach (var reference in new[] { PriceReference.CaseReference, PriceReference.LoadWeighted })
        {
            var r = Clearing.Case(name, new ClearingOptions(Reference: reference)).Result;
            Assert.All(r.Prices, p => Assert.Equal(p.Lmp, p.Energy + p.Congestion + p.Loss));
            Assert.All(r.Prices, p => Assert.Equal(0, p.Loss));
        }
    }

    [Theory]
    [MemberData(nameof(CongestedCases))]
    public void MovingTheReferenceChangesOnlyEnergyAndCongestion(string name)
    {
        var atCase = Clearing.Case(name);
        var network = atCase.Network;
        var otherBus = network.BusIds[(network.ReferenceBus + (network.BusCount / 2)) % network.BusCount];
        var loadWeighted = Clearing.Case(name, new ClearingOptions(Reference: PriceReference.LoadWeighted)).Result;
        var atOther = Clearing.Case(name, new ClearingOptions(Reference: new PriceReference.SingleBus(otherBus))).Result;
        var baseline = atCase.Result.Prices;
        Assert.Contains(baseline, p => Math.Abs(p.Congestion) > 1e-3);

        for (var i = 0; i < baseline.Count; i++)
        {
            Assert.Equal(baseline[i].Lmp, loadWeighted.Prices[i].Lmp, SameLmp);
            Assert.Equal(baseline[i].Lmp, atOther.Prices[i].Lmp, SameLmp);
        }

        // The energy component is the price at the reference: the reference bus itself has no congestion …
        Assert.Equal(0, atCase.Result.Prices[network.ReferenceBus].Congestion, SameLmp);
        Assert.Equal(0, atOther.Prices.Single(p => p.Bus == otherBus).Congestion, SameLmp);
        Assert.Equal(atCase.Lmp(otherBus), atOther.Prices[0].Energy, SameLmp);

        // … and with a load-weighted reference it is the load-weighted average LMP (load-weighted congestion is 0).
        var load = network.BusLoadMw.Select(d => Math.Max(d, 0)).ToArray();
        var average = baseline.Select((p, i) => p.Lmp * load[i]).Sum() / load.Sum();
        Assert.Equal(average, loadWeighted.Prices[0].Energy, SameLmp * 100);
        Assert.All(loadWeighted.Prices, p => Assert.Equal(loadWeighted.Prices[0].Energy, p.Energy));

        // Every bus sees the same energy component; moving the reference shifts congestion by a constant.
        var shift = atOther.Prices[0].Congestion - baseline[0].Congestion;
        Assert.All(baseline.Zip(atOther.Prices), pair => Assert.Equal(shift, pair.Second.Congestion - pair.First.Congestion, SameLmp));
    }

    public static TheoryData<string, bool> RentCases() => new()
    {
        { "case5", false },
        { "case30_lin", false },
        { "pglib_opf_case118_ieee", false },
        { "case5", true },
        { "case30_lin", true },
    };

    /// <summary>
    /// Lossless, no phase shifters: load payments − generator payments = −Σᵢ LMPᵢ·Pᵢ = Σ_c shadow_c·(signed side)·limit_c.
    /// A row binding at its upper limit has dual −shadow; at its lower limit (flow against the branch's orientation)
    /// +shadow, so its rent is shadow·(−limit) = shadow·|limit|: the side's sign must be applied, not the limit's sign.
    /// </summary>
    [Theory]
    [MemberData(nameof(RentCases))]
    public void CongestionRentEqualsShadowPricesTimesLimits(string name, bool withContingencies)
    {
        var network = Clearing.Compile(Clearing.ReadCase(name));
        var input = withContingencies ? ContingencyMarkets.AllSecurable(network) : MarketInput.Empty;
        var cleared = Clearing.Run(network, input);
        var r = cleared.Result;
        Assert.Equal(ClearingStatus.Optimal, r.Status);
        Assert.DoesNotContain(network.Branches, b => b.IsPhaseShifter);

        var loadPayments = 0.0;
        var generatorPayments = 0.0;
        for (var i = 0; i < network.BusCount; i++)
        {
            loadPayments += r.Prices[i].Lmp * network.BusLoadMw[i];
        }

        foreach (var a in r.Awards)
        {
            generatorPayments += cleared.Lmp(a.Bus) * a.Mw;
        }

        var rent = 0.0;
        var binding = r.Constraints.Where(c => c.Kind != ConstraintKind.Balance).ToList();
        Assert.NotEmpty(binding);
        if (withContingencies)
        {
            Assert.Contains(binding, c => c.Contingency.Length > 0);
        }

        foreach (var c in binding)
        {
            // Branch and interface limits are symmetric (−L ≤ flow ≤ L): the side that binds is the limit's sign.
            var side = c.Kind == ConstraintKind.Nomogram ? 1 : Math.Sign(c.Limit);
            rent += c.ShadowPrice * side * c.Limit;
        }

        Assert.True(rent > 0);
        var merchandising = loadPayments - generatorPayments;
        Assert.True(
            Math.Abs(merchandising - rent) <= RentRelative * Math.Max(1, rent),
            $"{name}: load − generator payments {merchandising:R}, Σ shadow × limit {rent:R}");
    }
}
