using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Solvers;
using Gridclear.Tests.MarketFolder;
using Gridclear.Tests.Solvers;

namespace Gridclear.Tests.Reserves;

/// <summary>
/// The headroom form of a quadratic reserve dispatch (<see cref="HeadroomModel"/>: capacity rows as column bounds,
/// minimum-output rows only where they bind) against the full model solved as it is, on a market where capacity rows
/// bind, a minimum-output row binds only once reserves are on (so it is found by a second round, not the energy-only
/// seed), a line binds and a reserve zone is short; and the optimality check it relies on.
/// </summary>
public sealed class HeadroomTests
{
    private const double Tolerance = 1e-6;

    // The triangle of ReserveMarketTests (line 1-3 limited to 40 MW, 120 MW of load at bus 3) with quadratic costs.
    // gen3 (bus 3, the only East unit) is cheap: without reserves it runs 28 MW with the line unlimited (60 with it),
    // above its 20 MW minimum. East's spinning is worth 500 for 30 MW and 200 for 40 more, far above gen3's energy
    // margin (bus 3 prices ~60, gen3's cost at 20 MW is 16), so it drops to its minimum and sells its other 40 MW as
    // reserve: East buys 40 and its second segment sets the price, 200. The system needs 100 MW worth 300: gen1's
    // 40 MW at 2 and gen3's 40 leave 20 to gen2 at 3, whose offer is marginal: 3. With gen3 at 20 MW the line binds.
    private const string Case = """
        function mpc = triq
        mpc.version = '2';
        mpc.baseMVA = 100;
        mpc.bus = [
        1 3 0 0 0 0 1 1 0 100 1 1.1 0.9;
        2 1 0 0 0 0 1 1 0 100 1 1.1 0.9;
        3 1 120 0 0 0 1 1 0 100 1 1.1 0.9;
        ];
        mpc.gen = [
        1 0 0 0 0 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;
        2 0 0 0 0 1 100 1 150 0 0 0 0 0 0 0 0 0 0 0 0;
        3 0 0 0 0 1 100 1 60 20 0 0 0 0 0 0 0 0 0 0 0;
        ];
        mpc.branch = [
        1 2 0 0.1 0 0 0 0 0 0 1 -360 360;
        2 3 0 0.1 0 0 0 0 0 0 1 -360 360;
        1 3 0 0.1 0 40 0 0 0 0 1 -360 360;
        ];
        mpc.gencost = [
        2 0 0 3 0.05 10 0;
        2 0 0 3 0.1 20 0;
        2 0 0 3 0.2 8 0;
        ];
        """;

    private static readonly Dictionary<string, string> Folder = new()
    {
        ["zones.csv"] = "zone,bus\nWest,1\nWest,2\nEast,3\n",
        ["reserve_requirements.csv"] = "product,zone,segment,mw,price\nspin,East,1,30,500\nspin,East,2,40,200\nspin,system,1,100,300\n",
        ["reserve_offers.csv"] = "resource,product,segment,mw,price\ngen1,spin,1,40,2\ngen2,spin,1,50,3\ngen3,spin,1,60,4\n",
    };

    private static (DayAheadResult Result, LpProblem Problem, LpSolution Solution) Clear(ILpSolver solver, bool interiorPoint = true) =>
        Clear(Folder, security => DayAheadMarket.ClearWithModel(
            security.Model, security.Input, solver, new ClearingOptions(Solver: LpOptions.Default with { InteriorPointQp = interiorPoint })));

    /// <summary>Clears the 3-bus case with the market files given, on its own security model.</summary>
    private static T Clear<T>(IReadOnlyDictionary<string, string> files, Func<(SecurityModel Model, MarketInput Input), T> clear)
    {
        using var folder = new TempFolder(files);
        var casePath = Path.Combine(folder.Path, "triq.m");
        File.WriteAllText(casePath, Case);
        var powerCase = MatpowerReader.ReadFile(casePath);
        var network = NetworkCompiler.Compile(powerCase).Network;
        var input = MarketFolderReader.Read(folder.Path, network, powerCase);
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        return clear((new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies), input));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_headroom_form_reaches_the_full_models_optimum_where_capacity_and_minimum_rows_bind(bool interiorPoint)
    {
        var counting = new CountingSolver(new ClpSolver());
        var (result, problem, solution) = Clear(counting, interiorPoint);
        Assert.True(problem.IsQuadratic);

        // The full model, as it is, by the barrier (the path the headroom form replaces).
        using var model = new ClpSolver().Load(problem, LpOptions.Default);
        var full = model.Solve();
        Assert.Equal(LpStatus.Optimal, full.Status);

        // Same optimum: objective, every column (energy and reserve awards, demand-curve segments) and every row's dual
        // (energy balance, line, capacity rows, reserve requirements).
        Assert.Equal(full.Objective, solution.Objective, 1e-6 * Math.Abs(full.Objective));
        for (var j = 0; j < problem.ColumnCount; j++)
        {
            Assert.Equal(full.Primal[j], solution.Primal[j], 1e-5);
        }

        for (var r = 0; r < problem.RowCount; r++)
        {
            Assert.True(Math.Abs(full.RowDual[r] - solution.RowDual[r]) <= Tolerance, $"row {r}: dual {solution.RowDual[r]} against {full.RowDual[r]} in the full model");
        }

        OptimalityConditions.Assert(problem, solution, 1e-7);

        // What the market shows: the hand computation in the field comment, and the prices the full model's duals give.
        var reserves = result.Reserves!;
        var east = reserves.Prices.Single(p => p.Zone == "East");
        var system = reserves.Prices.Single(p => p.Zone == ReserveDemand.System);
        Assert.Equal(20, Mw(result, "gen3"), Tolerance);
        Assert.Equal(40, reserves.Awards.Single(a => a.Resource == "gen3").Mw, Tolerance);
        Assert.Equal(40, reserves.Awards.Single(a => a.Resource == "gen1").Mw, Tolerance);
        Assert.Equal(20, reserves.Awards.Single(a => a.Resource == "gen2").Mw, Tolerance);
        Assert.Equal(200, east.Price, Tolerance);
        Assert.Equal(3, system.Price, Tolerance);
        Assert.Contains(result.Constraints, c => c.Kind == ConstraintKind.Branch);
        Assert.DoesNotContain(result.Notes, n => n.Contains("headroom", StringComparison.Ordinal) || n.Contains("optimality", StringComparison.Ordinal));

        // The path taken: with the interior point (the default) every form is solved there and Clp loads nothing; with
        // Clp, a seed solve (energy only: no minimum rows), the headroom form without gen3's minimum row (violated), then
        // with it; the full model with its capacity rows was never solved.
        if (interiorPoint)
        {
            Assert.Empty(counting.Loaded);
            return;
        }

        Assert.True(counting.Loaded.Count >= 3);
        Assert.All(counting.Loaded, p => Assert.False(HasCapacityRow(p)));
        Assert.False(HasMinimumRow(counting.Loaded[0]));
        Assert.False(HasMinimumRow(counting.Loaded[1]));
        Assert.True(HasMinimumRow(counting.Loaded[^1]));
    }

    [Fact]
    public void Without_reserves_the_east_unit_runs_above_its_minimum()
    {
        var withReserves = Clear(new ClpSolver()).Result;
        Assert.NotNull(withReserves.Reserves);

        var energyOnly = Clear(new Dictionary<string, string> { ["zones.csv"] = Folder["zones.csv"] }, security => DayAheadMarket.Clear(security.Model, security.Input, new ClpSolver()));

        // gen3 runs above its minimum without reserves (more than the seed's 1 % of its range above it): its minimum row
        // had to be found, not seeded.
        Assert.True(Mw(energyOnly, "gen3") > 20.4, $"gen3 at {Mw(energyOnly, "gen3")} MW without reserves");
    }

    [Fact]
    public void A_headroom_answer_that_fails_the_optimality_check_is_replaced_by_the_full_solve()
    {
        // A solver that reports wrong duals for every problem without the capacity rows (the headroom form only), on the
        // path without the interior point (which checks its own answers the same way).
        var full = Clear(new ClpSolver());
        var corrupting = new CorruptingSolver(new ClpSolver());
        var (result, problem, solution) = Clear(corrupting, interiorPoint: false);

        Assert.True(corrupting.Corrupted > 0);
        Assert.Contains(result.Notes, n => n.Contains("missed the optimality conditions", StringComparison.Ordinal));
        OptimalityConditions.Assert(problem, solution, 1e-7);
        Assert.Equal(full.Result.Reserves!.Prices.Select(p => p.Price), result.Reserves!.Prices.Select(p => p.Price), new Close(Tolerance));
        Assert.Equal(full.Result.Prices.Select(p => p.Lmp), result.Prices.Select(p => p.Lmp), new Close(Tolerance));
    }

    [Fact]
    public void The_optimality_check_accepts_an_optimum_and_refuses_a_wrong_dual_or_an_infeasible_point()
    {
        var lp = HandSolvedQp.Build();
        var optimum = Optimality.Of(lp, [HandSolvedQp.X, HandSolvedQp.Y], [HandSolvedQp.RowDual]);
        Assert.True(optimum.Holds, $"primal {optimum.Primal}, dual {optimum.Dual}");
        Assert.Equal(HandSolvedQp.Objective, optimum.Objective, 1e-12);
        Assert.Equal([0.0, 0.0], optimum.ReducedCost);

        // The unconstrained minimum (2, 1) breaks the row; a dual of the wrong sign leaves the reduced costs unbalanced
        // off their bounds; the right point with no price on its binding row does too.
        Assert.True(Optimality.Of(lp, [2, 1], [0]).Primal > Optimality.PrimalTolerance);
        Assert.True(Optimality.Of(lp, [1.5, 0.5], [1]).Dual > Optimality.DualTolerance);
        Assert.True(Optimality.Of(lp, [1.5, 0.5], [0]).Dual > Optimality.DualTolerance);
        Assert.False(Optimality.Of(lp, [1.5, 0.5], [-1.1]).Holds);

        // A barrier point a hair inside its bound with a multiplier pushing towards it passes.
        var bounded = new LpProblem();
        bounded.AddColumn(0, 10, 1);
        Assert.True(Optimality.Of(bounded, [1e-9], []).Holds);
        Assert.False(Optimality.Of(bounded, [0.5], []).Holds);
    }

    /// <summary>Whether a problem has a capacity row (energy + reserves ≤ capacity: an upper-bounded row of unit coefficients).</summary>
    private static bool HasCapacityRow(LpProblem p) => p.Rows.Any(r => double.IsNegativeInfinity(r.Lower) && r.Values.Length > 1 && r.Values.All(v => v == 1));

    /// <summary>Whether a problem has gen3's minimum-output row u − r ≥ 20.</summary>
    private static bool HasMinimumRow(LpProblem p) => p.Rows.Any(r => r.Lower == 20 && r.Values.SequenceEqual([1.0, -1.0]));

    private static double Mw(DayAheadResult r, string resource) => r.Awards.Single(a => a.Resource == resource).Mw;

    private sealed class Close(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }

    /// <summary>Records every problem loaded.</summary>
    private sealed class CountingSolver(ILpSolver inner) : ILpSolver
    {
        public List<LpProblem> Loaded { get; } = [];

        public string Name => inner.Name;

        public ILpModel Load(LpProblem problem, LpOptions options)
        {
            Loaded.Add(problem);
            return inner.Load(problem, options);
        }
    }

    /// <summary>Negates the row duals (0 becomes 1) reported for any problem without a capacity row.</summary>
    private sealed class CorruptingSolver(ILpSolver inner) : ILpSolver
    {
        public int Corrupted { get; private set; }

        public string Name => inner.Name;

        public ILpModel Load(LpProblem problem, LpOptions options) =>
            HasCapacityRow(problem) ? inner.Load(problem, options) : new Model(this, inner.Load(problem, options));

        private sealed class Model(CorruptingSolver owner, ILpModel inner) : ILpModel
        {
            public int ColumnCount => inner.ColumnCount;

            public int RowCount => inner.RowCount;

            public LpSolution Solve()
            {
                var s = inner.Solve();
                owner.Corrupted++;
                return s with { RowDual = [.. s.RowDual.Select(y => y == 0 ? 1 : -y)] };
            }

            public int AddRows(IReadOnlyList<LpRow> rows) => inner.AddRows(rows);

            public int AddColumns(IReadOnlyList<LpColumn> columns) => inner.AddColumns(columns);

            public void DeleteColumns(IReadOnlyList<int> columns) => inner.DeleteColumns(columns);

            public void DeleteRows(IReadOnlyList<int> rows) => inner.DeleteRows(rows);

            public void SetBasis(IReadOnlyList<BasisStatus> columns, IReadOnlyList<BasisStatus> rows) => inner.SetBasis(columns, rows);

            public (BasisStatus[] Columns, BasisStatus[] Rows)? GetBasis() => inner.GetBasis();

            public void SetColumnBounds(int column, double lower, double upper) => inner.SetColumnBounds(column, lower, upper);

            public void SetRowBounds(int row, double lower, double upper) => inner.SetRowBounds(row, lower, upper);

            public void SetCost(int column, double cost) => inner.SetCost(column, cost);

            public void Dispose() => inner.Dispose();
        }
    }
}
