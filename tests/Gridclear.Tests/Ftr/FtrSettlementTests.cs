using Gridclear.Ftr;
using Gridclear.Tests.Flows;

namespace Gridclear.Tests.Ftr;

public sealed class FtrSettlementTests
{
    private static readonly FtrFixtures.Market Case5 = FtrFixtures.Build(TestCases.Case5());

    /// <summary>The PJM 5-bus LMPs (Li & Bo 2010), buses 1–5.</summary>
    private static readonly double[] Lmp = [16.977, 26.385, 30.000, 39.943, 10.000];

    [Fact]
    public void ObligationsPayBothWaysOptionsOnlyWhenPositive()
    {
        var ftrs = new[]
        {
            new OutstandingFtr("F1", "h1", Case5.Path("5", "4"), 100, FtrKind.Obligation), // +29.943 × 100
            new OutstandingFtr("F2", "h2", Case5.Path("4", "5"), 10, FtrKind.Obligation),  // −29.943 × 10
            new OutstandingFtr("F3", "h3", Case5.Path("4", "5"), 10, FtrKind.Option),      // 0
        };
        var s = FtrSettlement.Settle(ftrs, Lmp, 10_000m);
        Assert.Equal(2994.30m, s.Lines[0].Amount);
        Assert.Equal(-299.43m, s.Lines[1].Amount);
        Assert.Equal(0m, s.Lines[2].Amount);
        Assert.Equal(39.943, s.Lines[0].SinkPrice, 1e-9);
        Assert.Equal(1m, s.FundingRatio);
        Assert.Equal(10_000m + 299.43m - 2994.30m, s.Surplus);
        Assert.Equal(0m, s.Shortfall);
        Assert.Equal(s.Surplus + s.Rounding, s.OperatorBalance);
    }

    [Fact]
    public void ShortfallIsSharedProRata()
    {
        var ftrs = new[]
        {
            new OutstandingFtr("F1", "h1", Case5.Path("5", "4"), 100, FtrKind.Obligation), // 2994.30
            new OutstandingFtr("F2", "h2", Case5.Path("1", "3"), 50, FtrKind.Option),      // 651.15
            new OutstandingFtr("F3", "h3", Case5.Path("3", "1"), 20, FtrKind.Obligation),  // −260.46
        };
        var s = FtrSettlement.Settle(ftrs, Lmp, 2000m);
        var available = 2000m + 260.46m;
        var ratio = available / (2994.30m + 651.15m);
        Assert.Equal(ratio, s.FundingRatio);
        Assert.Equal(3645.45m - available, s.Shortfall);
        Assert.Equal(0m, s.Surplus);
        Assert.Equal(Math.Floor(2994.30m * ratio * 100) / 100, s.Lines[0].Amount);
        Assert.Equal(-260.46m, s.Lines[2].Amount);
        Assert.InRange(s.NetPaid, 2000m - 0.02m, 2000m);
        Assert.Equal(s.Rounding, s.OperatorBalance);
        Assert.Equal(["h1", "h2", "h3"], s.ByHolder().Select(h => h.Holder));
    }

    [Fact]
    public void ArrHoldersReceiveTheirPathValueAtAuctionPrices()
    {
        var prices = new double[] { 0, 1, 2, 6, 0 };
        var arrs = new[] { new Arr("R1", "lse", Case5.Path("5", "4"), 100), new Arr("R2", "muni", Case5.Path("2", "1"), 10) };
        var d = ArrDistribution.Of(arrs, prices, 1000m);
        Assert.Equal(600m, d.Payments[0].Amount);
        Assert.Equal(-10m, d.Payments[1].Amount);
        Assert.Equal(410m, d.Remainder);
    }
}
