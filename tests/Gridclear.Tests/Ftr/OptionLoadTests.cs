using Gridclear.Ftr;

namespace Gridclear.Tests.Ftr;

/// <summary>The security model's cached, vectorised option loads equal the plain per-path computation.</summary>
public sealed class OptionLoadTests
{
    /// <summary>Forwards everything but <see cref="IFtrConstraints.AddOptionLoads"/>, so the interface's plain default runs.</summary>
    private sealed class Plain(IFtrConstraints inner) : IFtrConstraints
    {
        public int BusCount => inner.BusCount;

        public int Count => inner.Count;

        public void Activities(ReadOnlySpan<double> injections, Span<double> activity) => inner.Activities(injections, activity);

        public void Coefficients(int constraint, Span<double> row) => inner.Coefficients(constraint, row);

        public (double Lower, double Upper) Limits(int constraint) => inner.Limits(constraint);

        public FtrConstraintName Describe(int constraint) => inner.Describe(constraint);
    }

    [Fact]
    public void CachedOptionLoadsMatchOneFlowSolvePerPath()
    {
        var m = FtrFixtures.Build(FtrFixtures.RandomCase(40, 3), (n, o) => FtrFixtures.SomeContingencies(n, o, 17, 5));
        var bids = FtrFixtures.RandomBids(m, 60, 11);
        var items = bids.Select((b, k) => (b.Path, b.Kind, k % 5 == 0 ? -b.Mw : b.Mw)).ToList();
        var fast = FtrLoads.Of(m.Constraints, items);
        var plain = FtrLoads.Of(new Plain(m.Constraints), items);
        Assert.True(m.Constraints.Count > 17 * 40, $"{m.Constraints.Count} constraints");
        for (var i = 0; i < m.Constraints.Count; i++)
        {
            Assert.Equal(plain.Upper[i], fast.Upper[i], 1e-9);
            Assert.Equal(plain.Lower[i], fast.Lower[i], 1e-9);
        }
    }
}
