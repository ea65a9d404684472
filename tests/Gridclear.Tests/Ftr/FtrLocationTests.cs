using Gridclear.Ftr;
using Gridclear.Tests.Flows;

namespace Gridclear.Tests.Ftr;

public sealed class FtrLocationTests
{
    private static readonly Network.Network Net = Network.NetworkCompiler.Compile(TestCases.Case5()).Network;

    private static FtrLocationResolver Resolver() =>
        new(Net, [new FtrHubDefinition("WEST", [1, 2, 2], [1, 1, 2])], (zone, bus) => zone == "NORTH" ? bus <= 3 : bus > 3);

    [Theory]
    [InlineData("3", 2)]
    [InlineData("bus:3", 2)]
    [InlineData("zone:NORTH@2", 1)]
    [InlineData("zone:SOUTH@5", 4)]
    public void ResolvesBusesAndZoneReferenceBuses(string text, int index)
    {
        Assert.True(Resolver().TryResolve(text, out var l, out var problem), problem);
        Assert.Equal([index], l.Buses);
        Assert.Equal(text, l.Label);
    }

    /// <summary>The reference bus defines a zone location (F8, N4): a bus no longer in the zone named (a split or a
    /// renaming) still resolves, with a warning.</summary>
    [Theory]
    [InlineData("zone:NORTH@5", "in zone 'SOUTH', not in zone 'NORTH'")]
    [InlineData("zone:WEST@2", "in zone 'NORTH', not in zone 'WEST'")]
    public void ZoneLabelsThatNoLongerMatchResolveWithAWarning(string text, string warning)
    {
        var resolver = new FtrLocationResolver(Net, null, (zone, bus) => zone == "NORTH" ? bus <= 3 : zone == "SOUTH" && bus > 3, bus => bus <= 3 ? "NORTH" : "SOUTH");
        Assert.True(resolver.TryResolve(text, out var l, out var problem), problem);
        Assert.Single(l.Buses);
        Assert.Equal(text[(text.IndexOf('@') + 1)..], Net.BusIds[l.Buses[0]].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(warning, Assert.Single(resolver.Warnings), StringComparison.Ordinal);
        Assert.True(resolver.TryResolve(text, out _, out _));
        Assert.Single(resolver.Warnings);
    }

    [Fact]
    public void HubWeightsAreNormalisedAndMerged()
    {
        Assert.True(Resolver().TryResolve("WEST", out var l, out _));
        Assert.Equal([0, 1], l.Buses);
        Assert.Equal(0.25, l.Weights[0], 1e-12);
        Assert.Equal(0.75, l.Weights[1], 1e-12);
        Assert.True(Resolver().TryResolve("hub:WEST", out var same, out _));
        Assert.True(l.SameAs(same));
        Assert.Equal(0.25 * 10 + 0.75 * 20, l.Average([10, 20, 0, 0, 0]), 1e-12);
    }

    [Theory]
    [InlineData("99", "bus 99 is not in the network")]
    [InlineData("EAST", "neither a bus number")]
    [InlineData("hub:EAST", "no hub named")]
    [InlineData("zone:NORTH", "needs its reference bus")]
    [InlineData("", "empty")]
    public void RefusesUnknownLocations(string text, string expected)
    {
        Assert.False(Resolver().TryResolve(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
