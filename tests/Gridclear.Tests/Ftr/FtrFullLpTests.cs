using Gridclear.Ftr;
using Gridclear.Solvers;

namespace Gridclear.Tests.Ftr;

/// <summary>
/// The auction's fast path (rows added as they are violated, dense bid columns priced in and out, the angle or the
/// shift-factor form) against the LP with every bid and every constraint in it from the start, written out here
/// independently of FtrAuctionLp: the same value of awards, and a dual bound (<see cref="FtrAuctionResult.DualBound"/>)
/// that is at least that value and meets the awards' value.
/// </summary>
public sealed class FtrFullLpTests
{
    [Theory]
    [InlineData(30, 11, FtrFormulation.Angle, 1.0)]
    [InlineData(40, 12, FtrFormulation.Angle, 0.6)]
    [InlineData(30, 13, FtrFormulation.ShiftFactor, 1.0)]
    [InlineData(36, 14, FtrFormulation.Automatic, 0.8)]
    public void FastPathHasTheValueOfTheFullLp(int buses, int seed, FtrFormulation formulation, double share)
    {
        var m = FtrFixtures.Build(FtrFixtures.RandomCase(buses, seed), (n, o) => FtrFixtures.SomeContingencies(n, o, 6, seed));
        var bids = FtrFixtures.RandomBids(m, 260, seed);

        // Outstanding FTRs from an earlier auction, some offered back, so that rows carry outstanding loads and sells.
        var first = FtrAuction.Clear(m.Constraints, bids.Take(60).ToList(), [], FtrFixtures.Clp, new FtrAuctionOptions(ReleaseShare: share / 2));
        var outstanding = first.Holdings([]);
        var second = bids.Skip(60).ToList();
        second.AddRange(outstanding.Where((_, k) => k % 3 == 0).Select(f => new FtrBid("s" + f.Id, f.Holder, f.Path, f.Kind, FtrSide.Sell, f.Mw / 2, 1.5)));

        var full = FullLpValue(m.Constraints, second, outstanding, share);
        var fast = FtrAuction.Clear(m.Constraints, second, outstanding, FtrFixtures.Clp, new FtrAuctionOptions(ReleaseShare: share, Formulation: formulation, EnteringPerRound: 7, MaxRowsPerRound: 10));

        var tolerance = Math.Max(1e-7 * Math.Abs(full), 1e-6);
        Assert.True(fast.Rounds > 2, $"{fast.Rounds} rounds: the case should need constraint generation");
        Assert.Equal(full, fast.Value, tolerance);
        Assert.True(fast.DualBound >= full - tolerance, $"dual bound {fast.DualBound} below the full LP's value {full}");
        Assert.True(fast.DualBound - fast.Value <= tolerance, $"dual bound {fast.DualBound} leaves a gap to the value {fast.Value}");
    }

    /// <summary>Rows that leave the LP once slack (FtrAuctionOptions.DropSlackRows) do leave on a case that needs many
    /// rounds, and the auction ends where it ends with every row kept: the same value, the full LP's.</summary>
    [Theory]
    [InlineData(FtrFormulation.Angle)]
    [InlineData(FtrFormulation.ShiftFactor)]
    public void SlackRowsLeaveAndTheValueStays(FtrFormulation formulation)
    {
        var m = FtrFixtures.Build(FtrFixtures.RandomCase(40, 31), (n, o) => FtrFixtures.SomeContingencies(n, o, 8, 31));
        var bids = FtrFixtures.RandomBids(m, 300, 31);
        var dropped = 0;
        var trace = new Action<string>(line =>
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"(\d+) slack rows out");
            dropped += match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        });
        var kept = FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation, MaxRowsPerRound: 8, EnteringPerRound: 5, DropSlackRows: false));
        var leaving = FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp, new FtrAuctionOptions(Formulation: formulation, MaxRowsPerRound: 8, EnteringPerRound: 5, Trace: trace));
        var full = FullLpValue(m.Constraints, bids, [], 1.0);

        Assert.True(dropped > 0, "no row left the LP");
        Assert.True(leaving.RowsAdded < kept.RowsAdded, $"{leaving.RowsAdded} rows at the end against {kept.RowsAdded} kept");
        var tolerance = Math.Max(1e-7 * Math.Abs(full), 1e-6);
        Assert.Equal(full, kept.Value, tolerance);
        Assert.Equal(full, leaving.Value, tolerance);
        Assert.True(leaving.DualBound - leaving.Value <= tolerance);
        Assert.Empty(SimultaneousFeasibility.Check(m.Constraints, leaving.Holdings([]), 1.0, 1e-3));
    }

    /// <summary>A bound, not an estimate: after a round with rows still missing (an LP that is not the full one), the
    /// dual bound of an optimal auction is still above every feasible value, e.g. any feasible subset of awards.</summary>
    [Fact]
    public void DualBoundIsAboveTheValueOfAFeasibleAuctionWithFewerBids()
    {
        var m = FtrFixtures.Build(FtrFixtures.RandomCase(30, 21), (n, o) => FtrFixtures.SomeContingencies(n, o, 5, 21));
        var bids = FtrFixtures.RandomBids(m, 200, 21);
        var all = FtrAuction.Clear(m.Constraints, bids, [], FtrFixtures.Clp);
        var some = FtrAuction.Clear(m.Constraints, bids.Where((_, k) => k % 2 == 0).ToList(), [], FtrFixtures.Clp);
        Assert.True(all.DualBound >= some.Value, $"bound {all.DualBound} below a feasible value {some.Value}");
        Assert.True(all.DualBound >= all.Value - 1e-6);
        Assert.True(some.DualBound < all.DualBound + 1e-6, "fewer bids cannot be worth more");
    }

    /// <summary>max Σ value·x over every bid, every constraint in both directions: obligations count their flow,
    /// options its loading part, sells negated; limits at the released share less the outstanding FTRs' loads.</summary>
    private static double FullLpValue(IFtrConstraints constraints, IReadOnlyList<FtrBid> bids, IReadOnlyList<OutstandingFtr> outstanding, double share)
    {
        var outLoads = FtrLoads.Of(constraints, outstanding.Select(f => (f.Path, f.Kind, f.Mw)));
        var problem = new LpProblem();
        foreach (var bid in bids)
        {
            problem.AddColumn(0, bid.Mw, bid.Side == FtrSide.Buy ? -bid.Price : bid.Price);
        }

        var a = new double[constraints.BusCount];
        for (var i = 0; i < constraints.Count; i++)
        {
            constraints.Coefficients(i, a);
            var (lo, up) = constraints.Limits(i);
            foreach (var side in new[] { 1, -1 })
            {
                var columns = new List<int>();
                var values = new List<double>();
                for (var b = 0; b < bids.Count; b++)
                {
                    var f = bids[b].Path.Flow(a);
                    var c = bids[b].Kind == FtrKind.Obligation ? f : side > 0 ? Math.Max(0, f) : Math.Min(0, f);
                    if (c != 0)
                    {
                        columns.Add(b);
                        values.Add(bids[b].Side == FtrSide.Buy ? c : -c);
                    }
                }

                problem.AddRow(side > 0
                    ? LpRow.AtMost((up * share) - outLoads.Upper[i], [.. columns], [.. values])
                    : LpRow.AtLeast((lo * share) - outLoads.Lower[i], [.. columns], [.. values]));
            }
        }

        using var model = FtrFixtures.Clp.Load(problem, new LpOptions(Scaling: LpScaling.Off));
        var solution = model.Solve();
        Assert.True(solution.IsOptimal, $"full LP {solution.Status}");
        return -solution.Objective;
    }
}
