using Gridclear.Network;

namespace Gridclear.Tests.Flows;

public class NetworkCompilerTests
{
    private static CaseBus Bus(int id, int type = 1, double pd = 0, double gs = 0, double va = 0) =>
        new(id, type, pd, 0, gs, 0, 1, 1, va, 230, 1, 1.1, 0.9);

    private static CaseBranch Br(int f, int t, double x = 0.1, double rate = 100, double tap = 0, double shift = 0, int status = 1, double angMin = -360, double angMax = 360) =>
        new(f, t, 0.01, x, 0, rate, 0, 0, tap, shift, status, angMin, angMax);

    private static CaseGenerator Gen(int bus, double pg = 10, int status = 1) => new(bus, pg, 0, 0, 0, 1, 100, status, 100, 0);

    private static PowerCase Case(IReadOnlyList<CaseBus> buses, IReadOnlyList<CaseBranch> branches, IReadOnlyList<CaseGenerator> gens) =>
        new("test", 100, buses, gens, branches, []);

    [Fact]
    public void AppliesMatpowerDcConventions()
    {
        var c = Case(
            [Bus(10, 3, pd: 5, va: 12.5), Bus(20, 1, pd: 7, gs: 3), Bus(30, 2, pd: -4)],
            [
                Br(10, 20, x: 0.2, rate: 0, tap: 0),
                Br(20, 30, x: 0.25, rate: 1e10, tap: 0.8, shift: -30),
                Br(10, 30, x: -0.05, rate: 150, angMin: 0, angMax: 0),
                Br(10, 30, x: 0.5, rate: 99, angMin: -30, angMax: 45),
                Br(10, 20, status: 0),
            ],
            [Gen(10), Gen(30, status: 0), Gen(30, pg: 4)]);
        var compiled = NetworkCompiler.Compile(c);
        var n = compiled.Network;

        Assert.Equal([10, 20, 30], n.BusIds);
        Assert.Equal(0, n.ReferenceBus);
        Assert.Equal(12.5, compiled.ReferenceAngleDeg);
        Assert.Equal([5.0, 10.0, -4.0], n.BusLoadMw); // GS counts as load, negative PD kept

        Assert.Equal(4, n.BranchCount); // the out-of-service row 5 is dropped
        Assert.Equal([0, 1, 2, 3], n.Branches.Select(b => b.CaseRow));
        Assert.Equal(1 / 0.2, n.Branches[0].Susceptance, 15); // TAP 0 means 1
        Assert.Equal(1 / (0.25 * 0.8), n.Branches[1].Susceptance, 12);
        Assert.Equal(1 / -0.05, n.Branches[2].Susceptance, 12); // negative x as given
        Assert.True(double.IsPositiveInfinity(n.Branches[0].RatingMw)); // RATE_A 0
        Assert.True(double.IsPositiveInfinity(n.Branches[1].RatingMw)); // RATE_A ≥ 1e10
        Assert.Equal(150, n.Branches[2].RatingMw);
        Assert.Equal(-Math.PI / 6, n.Branches[1].ShiftRad, 15);
        Assert.False(n.Branches[0].HasAngleLimits); // ±360
        Assert.False(n.Branches[2].HasAngleLimits); // 0/0
        Assert.Equal(-Math.PI / 6, n.Branches[3].AngleMinRad, 15);
        Assert.Equal(Math.PI / 4, n.Branches[3].AngleMaxRad, 15);

        Assert.Equal([0, 2], n.Generators.Select(g => g.CaseRow)); // out-of-service generator dropped
        Assert.Equal([0, 2], n.Generators.Select(g => g.Bus));
        Assert.Single(compiled.Islands);
        Assert.Contains(compiled.Notes, s => s.Contains("out-of-service branch", StringComparison.Ordinal));
    }

    [Fact]
    public void IsolatedBusesGoWithTheirBranchesAndGenerators()
    {
        var c = Case(
            [Bus(1, 3, pd: 10), Bus(2, 1, pd: 5), Bus(3, 4, pd: 50)],
            [Br(1, 2), Br(2, 3)],
            [Gen(1), Gen(3)]);
        var n = NetworkCompiler.Compile(c).Network;
        Assert.Equal([1, 2], n.BusIds);
        Assert.Single(n.Branches);
        Assert.Single(n.Generators);
    }

    [Fact]
    public void DeadIslandIsDroppedAndReported()
    {
        var c = Case(
            [Bus(1, 3, pd: 10), Bus(2, 1, pd: 5), Bus(8, 1), Bus(9, 1)],
            [Br(1, 2), Br(8, 9)],
            [Gen(1)]);
        var compiled = NetworkCompiler.Compile(c);
        Assert.Equal([1, 2], compiled.Network.BusIds);
        Assert.Equal(2, compiled.Islands.Count);
        Assert.True(compiled.Islands[0].Kept);
        Assert.Equal(1, compiled.Islands[0].ReferenceBusId);
        Assert.False(compiled.Islands[1].Kept);
        Assert.True(compiled.Islands[1].IsDead);
        Assert.Equal([8, 9], compiled.Islands[1].BusIds);
        Assert.Single(compiled.Network.Branches);
        Assert.Contains(compiled.Notes, s => s.Contains("dead island", StringComparison.Ordinal) && s.Contains("8, 9", StringComparison.Ordinal));
    }

    [Fact]
    public void SecondLiveIslandIsRefusedWithItsBuses()
    {
        var c = Case(
            [Bus(1, 3, pd: 10), Bus(2, 1, pd: 5), Bus(8, 1, pd: 3), Bus(9, 2)],
            [Br(1, 2), Br(8, 9)],
            [Gen(1), Gen(9)]);
        var e = Assert.Throws<InvalidInputException>(() => NetworkCompiler.Compile(c));
        Assert.Contains("2 islands:", e.Message, StringComparison.Ordinal);
        Assert.Contains("buses 8, 9; no reference bus", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputIsInvalidInput()
    {
        Assert.Throws<InvalidInputException>(() => NetworkCompiler.Compile(Case([Bus(1), Bus(2)], [Br(1, 2)], [])));
        Assert.Throws<InvalidInputException>(() => NetworkCompiler.Compile(Case([Bus(1, 3), Bus(2)], [Br(1, 2, x: 0)], [])));
        Assert.Throws<InvalidInputException>(() => NetworkCompiler.Compile(Case([Bus(1, 3), Bus(2)], [Br(1, 5)], [])));
        Assert.Throws<InvalidInputException>(() => NetworkCompiler.Compile(Case([Bus(1, 3), Bus(1)], [], [])));
        Assert.Throws<InvalidInputException>(() => NetworkCompiler.Compile(Case([Bus(1, 3), Bus(2)], [Br(1, 2)], [Gen(7)])));
        Assert.Throws<InvalidInputException>(() => NetworkCompiler.Compile(Case([Bus(1, 3), Bus(2)], [Br(1, 2, rate: -1)], [])));
    }

    [Fact]
    public void Case5CompilesWithBus4AsReference()
    {
        var n = NetworkCompiler.Compile(TestCases.Case5()).Network;
        Assert.Equal(5, n.BusCount);
        Assert.Equal(6, n.BranchCount);
        Assert.Equal(3, n.ReferenceBus);
        Assert.Equal(2, n.Branches.Count(b => b.IsLimited));
    }
}
