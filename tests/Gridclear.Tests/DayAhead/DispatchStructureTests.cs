using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Solvers;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.DayAhead;

/// <summary>The dispatch LP's rows and columns, counted by kind without solving (the complete valid market folder
/// on case5).</summary>
public sealed class DispatchStructureTests
{
    [Fact]
    public void RowsAndColumnsByKind()
    {
        var network = Clearing.Compile(Clearing.ReadCase("case5"));
        using var folder = new TempFolder(ValidFolder.Files());
        var input = MarketFolderReader.Read(folder.Path, network);
        var participation = Participation.Build(network, input, PenaltyPrices.Default);

        // G1 and G2 offer two steps each, L1 bids two steps, L2 is fixed; S1 has two inc and two dec steps;
        // S2 is unbalanced (fixed, no cut column) and S1 has adjustments (kept balanced by a row, no cut column).
        int Count(ColumnRole role) => participation.Columns.Count(c => c.Role == role);
        Assert.Equal(4, Count(ColumnRole.Supply));
        Assert.Equal(2, Count(ColumnRole.Demand));
        Assert.Equal(2, Count(ColumnRole.Increment));
        Assert.Equal(2, Count(ColumnRole.Decrement));
        Assert.Equal(0, Count(ColumnRole.ScheduleCut));

        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var security = new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);
        // A market expected to balance starts with one energy slack pair at the reference bus (bus 4 in case5),
        // bounded by what the system must withdraw (L2 300 + S1 100) and inject (S1 100 + S2 50 + G1's 10 MW minimum run).
        var first = new DispatchProblem(security, participation, PenaltyPrices.Default);
        Assert.False(first.PerBusSlacks);
        Assert.Equal(
            [(network.ReferenceBus, 10, 1.0, 400.0), (network.ReferenceBus, 11, -1, 160)],
            first.EnergySlacks.Select(s => (s.Bus, s.Column, s.Direction, s.Upper)));
        Assert.Equal(12, first.Problem.ColumnCount);

        var problem = new DispatchProblem(security, participation, PenaltyPrices.Default, perBus: true);
        Assert.True(problem.PerBusSlacks);

        // Columns: the 10 decisions and one energy slack per bus that must inject or withdraw: surplus at bus 1
        // (S1's 100 MW injection and G1's 10 MW minimum run) and bus 3 (S2's 50 MW), unserved energy at bus 4 (L2's
        // 300 MW) and bus 5 (S1's 100 MW withdrawal); none at bus 2, where L1 only bids. Rows: the balance, G1's
        // minimum run (10 MW) and S1's balanced-adjustment row; no security row before constraint generation.
        Assert.Equal(14, problem.Problem.ColumnCount);
        Assert.Equal(3, problem.Problem.RowCount);
        Assert.Equal(2, problem.SideRows.Count);
        Assert.Empty(problem.Added);
        Assert.Equal(
            [(0, 10, -1.0, 110.0), (2, 11, -1, 50), (3, 12, 1, 300), (4, 13, 1, 100)],
            problem.EnergySlacks.Select(s => (s.Bus, s.Column, s.Direction, s.Upper)));
        Assert.All(problem.EnergySlacks, s => Assert.Equal(PenaltyPrices.Default.Balance, problem.Problem.Cost[s.Column]));
        Assert.All(problem.EnergySlacks, s => Assert.Equal(s.Upper, problem.Problem.ColumnUpper[s.Column]));
        Assert.Equal(0, problem.BalanceRow);
        Assert.False(problem.Problem.IsQuadratic);

        // Every security row adds one row and two slack columns (over and under the limit) at its penalty.
        ConstraintKey[] keys =
        [
            new(ConstraintKind.Branch, 0),
            new(ConstraintKind.Branch, 5, 0),
            new(ConstraintKind.Interface, 0),
            new(ConstraintKind.Nomogram, 0),
        ];
        using var model = new ClpSolver().Load(problem.Problem, LpOptions.Default);
        problem.AddConstraints(model, keys);
        Assert.Equal(14 + (2 * keys.Length), problem.Problem.ColumnCount);
        Assert.Equal(3 + keys.Length, problem.Problem.RowCount);
        Assert.Equal(problem.Problem.ColumnCount, model.ColumnCount);
        Assert.Equal(problem.Problem.RowCount, model.RowCount);
        Assert.All(problem.Added, a => Assert.True(problem.Contains(a.Key)));
        foreach (var a in problem.Added)
        {
            Assert.Equal(PenaltyPrices.Default.For(a.Key), problem.Problem.Cost[a.SlackUp]);
            Assert.Equal(PenaltyPrices.Default.For(a.Key), problem.Problem.Cost[a.SlackDown]);
            var row = problem.Problem.Rows[a.Row];
            Assert.Equal(-1, row.Values[Array.IndexOf(row.Columns, a.SlackUp)]);
            Assert.Equal(1, row.Values[Array.IndexOf(row.Columns, a.SlackDown)]);
        }

        // A branch row's coefficient on a supply column is the branch's shift factor at the generator's bus.
        var branchRow = problem.Problem.Rows[problem.Added[0].Row];
        var g1Step = participation.Columns.Select((c, j) => (c, j)).First(p => p.c.Role == ColumnRole.Supply).j;
        var g1Bus = participation.Columns[g1Step].Injections[0].Bus;
        var k = Array.IndexOf(branchRow.Columns, g1Step);
        Assert.Equal(shiftFactors.Row(0)[g1Bus], k >= 0 ? branchRow.Values[k] : 0, 1e-12);

        // An energy slack enters a branch row with its bus's shift factor, signed by its direction.
        foreach (var slack in problem.EnergySlacks)
        {
            var at = Array.IndexOf(branchRow.Columns, slack.Column);
            Assert.Equal(shiftFactors.Row(0)[slack.Bus] * slack.Direction, at >= 0 ? branchRow.Values[at] : 0, 1e-12);
        }
    }

    /// <summary>A case with no market folder: one column per polynomial generator, one per segment of a pwl cost's
    /// upper envelope (collinear segments merge: case5's costs are linear, so its three points lie on one line).</summary>
    [Fact]
    public void CaseParticipationColumns()
    {
        var network = Clearing.Compile(Clearing.ReadCase("case5_pwl3"));
        var participation = Participation.Build(network, MarketInput.Empty, PenaltyPrices.Default);
        Assert.Equal(participation.Columns.Count, participation.Columns.Count(c => c.Role == ColumnRole.Supply));
        foreach (var r in participation.Resources)
        {
            var gen = network.Generators.Single(g => $"gen{g.CaseRow + 1}" == r.Name);
            Assert.InRange(r.Columns.Length, gen.PmaxMw > gen.PminMw ? 1 : 0, 3);
            Assert.Equal(gen.PmaxMw - gen.PminMw, r.Columns.Sum(j => participation.Columns[j].Upper), 1e-9);
        }

        Assert.Empty(participation.SideRows);

        var quadratic = Participation.Build(Clearing.Compile(Clearing.ReadCase("case30")), MarketInput.Empty, PenaltyPrices.Default);
        Assert.Equal(6, quadratic.Columns.Count);
        Assert.All(quadratic.Columns, c => Assert.True(c.Quadratic > 0));
    }
}
