using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>
/// A quadratic dispatch with reserves, solved in headroom form. Each generator's capacity row p + Σr ≤ C (one per
/// <see cref="CapacityCoupling"/>) is a row Clp's barrier pays for dearly: its QP barrier factorises the KKT system of
/// columns + 2·rows, and Debian's Clp 1.17.6 checks a work array of that size for zeros once per column of it
/// (an assert left in), so a factorisation costs (columns + 2·rows)² — on case_ACTIVSg10k with two reserve products,
/// 1,937 capacity rows made the barrier 20× the energy-only one (BENCHMARKS.md). Here the energy column is replaced
/// by the generator's total u = p + Σr: the capacity row becomes the column bound u ≤ C, p = u − Σr wherever p
/// appeared (rows, cost, Q), and p ≤ C follows from r ≥ 0. What is lost is p ≥ Pmin, a row u − Σr ≥ Pmin needed only
/// where it binds: seeded from an energy-only solve (reserves held at 0: where Pmin binds then) and added where the
/// solution violates it, until none does. The answer is then the full problem's optimum (a relaxation whose optimum
/// is feasible), mapped back: p = u − Σr, the capacity row's dual the reduced cost of u at its bound. Every answer is
/// checked against the Karush-Kuhn-Tucker conditions of the full problem (<see cref="Optimality"/>); one that fails is
/// replaced by a solve of the full problem as it is. The headroom form also has few rows, the shape
/// <see cref="InteriorPointQp"/> is for: the inner solver (an <see cref="InteriorPointSolver"/> in a market clear) solves
/// it there, in a twentieth of Clp's time on case_ACTIVSg10k.
/// <para>Keeps its own copy of the problem (rows and columns added, bounds and costs changed) and loads a fresh
/// model for every solve: a QP is never re-solved warm anyway.</para>
/// </summary>
internal sealed class HeadroomModel : CopiedQuadraticModel
{
    /// <summary>Rounds of added minimum-output rows before the full problem is solved instead.</summary>
    public const int MaxRounds = 10;

    /// <summary>A generator within this share of its range above Pmin in the energy-only solve gets its Pmin row from the start.</summary>
    private const double SeedShare = 0.01;

    private static readonly bool Trace = Environment.GetEnvironmentVariable("GRIDCLEAR_TRACE") == "1";

    private readonly HeadroomSolver _owner;
    private readonly ILpSolver _inner;
    private readonly LpOptions _options;
    private readonly IReadOnlyList<CapacityCoupling> _couplings;

    public HeadroomModel(HeadroomSolver owner, ILpSolver inner, LpProblem problem, LpOptions options, IReadOnlyList<CapacityCoupling> couplings)
        : base(problem)
    {
        _owner = owner;
        _inner = inner;
        _options = options;
        _couplings = couplings;
    }

    public override LpSolution Solve()
    {
        var iterations = 0;
        var couplings = Applicable();
        if (couplings.Count > 0)
        {
            if (!_owner.Seeded)
            {
                _owner.Seeded = true;
                var energyOnly = SolveHeadroom(couplings, [], reservesOff: true, ref iterations);
                if (energyOnly is { Status: LpStatus.Optimal } e)
                {
                    foreach (var c in couplings)
                    {
                        var lower = Problem.ColumnLower[c.Energy];
                        if (e.Primal[c.Energy] - lower <= SeedShare * (Problem.Rows[c.Row].Upper - lower))
                        {
                            _owner.MinimumRows.Add(c.Row);
                        }
                    }
                }
            }

            for (var round = 0; round < MaxRounds; round++)
            {
                var withMinimum = couplings.Where(c => _owner.MinimumRows.Contains(c.Row)).ToList();
                var t = SolveHeadroom(couplings, withMinimum, reservesOff: false, ref iterations);
                if (t is not { Status: LpStatus.Optimal })
                {
                    _owner.Note = $"the headroom form of the reserve QP ended {t?.Status}: solved in full";
                    break;
                }

                var x = (double[])t.Primal.Clone();
                foreach (var c in couplings)
                {
                    foreach (var k in c.Reserves)
                    {
                        x[c.Energy] -= t.Primal[k];
                    }
                }

                var violated = couplings.Where(c => !_owner.MinimumRows.Contains(c.Row) && BelowMinimum(x[c.Energy], Problem.ColumnLower[c.Energy])).ToList();
                if (violated.Count > 0)
                {
                    _owner.MinimumRows.UnionWith(violated.Select(c => c.Row));
                    continue;
                }

                var y = Duals(couplings, t);
                var check = Optimality.Of(Problem, x, y);
                if (check.Holds)
                {
                    _owner.Note = null;
                    return check.Solution(x, y, iterations, t.Algorithm);
                }

                _owner.Note = $"the headroom form of the reserve QP missed the optimality conditions (primal {check.Primal:G3}, dual {check.Dual:G3}): solved in full";
                break;
            }
        }

        var fullWatch = System.Diagnostics.Stopwatch.StartNew();
        var full = Solve(Problem);
        if (Trace)
        {
            Console.Error.WriteLine($"headroom: full problem {Problem.ColumnCount} columns, {Problem.RowCount} rows: {full.Status}, {full.Iterations} iterations, {fullWatch.Elapsed.TotalSeconds:F3} s ({_owner.Note})");
        }

        iterations += full.Iterations;
        if (full.Status == LpStatus.Optimal)
        {
            var fullCheck = Optimality.Of(Problem, full.Primal, full.RowDual);
            if (!fullCheck.Holds)
            {
                _owner.Note = $"the reserve QP's solution misses the optimality conditions by primal {fullCheck.Primal:G3}, dual {fullCheck.Dual:G3} $/MWh (Optimality tolerances {Optimality.PrimalTolerance:G1}, {Optimality.DualTolerance:G1})";
            }
        }

        return full with { Iterations = iterations };
    }

    private static bool BelowMinimum(double energy, double minimum) => minimum - energy > Optimality.PrimalTolerance * (1 + Math.Abs(minimum));

    /// <summary>
    /// The couplings still in the shape the substitution needs (bounds and costs may have changed since they were made):
    /// the row is energy + Σ reserves ≤ C with unit coefficients, the energy column's range [Pmin, U] has Pmin &lt; C ≤ U,
    /// reserves start at 0. A generator fixed at its capacity (Pmin = C) has no headroom to share: its row is left as it
    /// is, a row its bounds force (reserves 0, energy C), which <see cref="Presolve"/> takes out before the interior point
    /// sees it (on case_ACTIVSg10k, 1,011 of the 1,937 rows, which would otherwise leave the form too many rows for it).
    /// </summary>
    private List<CapacityCoupling> Applicable()
    {
        var list = new List<CapacityCoupling>(_couplings.Count);
        foreach (var c in _couplings)
        {
            var row = Problem.Rows[c.Row];
            var capacity = row.Upper;
            if (double.IsNegativeInfinity(row.Lower) && row.Columns.Length == c.Reserves.Length + 1 && row.Values.All(v => v == 1)
                && row.Columns[0] == c.Energy && row.Columns.AsSpan(1).SequenceEqual(c.Reserves)
                && Problem.ColumnLower[c.Energy] < capacity && capacity <= Problem.ColumnUpper[c.Energy]
                && c.Reserves.All(k => Problem.ColumnLower[k] == 0))
            {
                list.Add(c);
            }
        }

        return list;
    }

    /// <summary>
    /// Solves the headroom form: columns as in the problem with the energy column of each coupling standing for u = p + Σr
    /// (bounds [Pmin, C]; each reserve column's cost less the energy's linear cost), rows with p replaced by u − Σr and the
    /// capacity rows left out, Q transformed alike, and the minimum-output rows u − Σr ≥ Pmin of <paramref name="withMinimum"/>
    /// appended. With <paramref name="reservesOff"/> every coupled reserve column is held at 0 (the energy-only dispatch).
    /// </summary>
    private LpSolution? SolveHeadroom(List<CapacityCoupling> couplings, List<CapacityCoupling> withMinimum, bool reservesOff, ref int iterations)
    {
        var n = Problem.ColumnCount;
        var energyOf = new int[n];
        Array.Fill(energyOf, -1);
        var removed = new HashSet<int>();
        for (var i = 0; i < couplings.Count; i++)
        {
            energyOf[couplings[i].Energy] = i;
            removed.Add(couplings[i].Row);
        }

        var t = new LpProblem();
        var cost = Problem.Cost.ToArray();
        var upper = Problem.ColumnUpper.ToArray();
        foreach (var c in couplings)
        {
            upper[c.Energy] = Problem.Rows[c.Row].Upper;
            foreach (var k in c.Reserves)
            {
                cost[k] -= Problem.Cost[c.Energy];
                if (reservesOff)
                {
                    upper[k] = 0;
                }
            }
        }

        for (var j = 0; j < n; j++)
        {
            t.AddColumn(Problem.ColumnLower[j], upper[j], cost[j]);
        }

        // Each row with p replaced by u − Σr; a reserve column can meet its own energy column in a row (merged).
        var sum = new double[n];
        var touched = new List<int>();
        void Put(int column, double value)
        {
            if (sum[column] == 0)
            {
                touched.Add(column);
            }

            sum[column] += value;
        }

        for (var r = 0; r < Problem.RowCount; r++)
        {
            if (removed.Contains(r))
            {
                continue;
            }

            var row = Problem.Rows[r];
            touched.Clear();
            for (var k = 0; k < row.Columns.Length; k++)
            {
                var j = row.Columns[k];
                var v = row.Values[k];
                Put(j, v);
                if (energyOf[j] >= 0)
                {
                    foreach (var reserve in couplings[energyOf[j]].Reserves)
                    {
                        Put(reserve, -v);
                    }
                }
            }

            var columns = new List<int>(touched.Count);
            var values = new List<double>(touched.Count);
            foreach (var j in touched)
            {
                if (sum[j] != 0)
                {
                    columns.Add(j);
                    values.Add(sum[j]);
                }

                sum[j] = 0;
            }

            t.AddRow(new LpRow(row.Lower, row.Upper, [.. columns], [.. values]));
        }

        foreach (var c in withMinimum)
        {
            t.AddRow(LpRow.AtLeast(Problem.ColumnLower[c.Energy], [c.Energy, .. c.Reserves], [1, .. c.Reserves.Select(_ => -1.0)]));
        }

        // Q' = MᵀQM for x = Mz: each entry of the full symmetric Q (both (a,b) and (b,a) off the diagonal) spreads over
        // the expansions of a and b; the upper triangle (s ≤ t) is what LpProblem stores.
        foreach (var ((a, b), q) in Problem.Quadratic.OrderBy(e => e.Key.Row).ThenBy(e => e.Key.Column))
        {
            var ea = Expansion(a);
            var eb = Expansion(b);
            foreach (var (s, alpha) in ea)
            {
                foreach (var (u, beta) in eb)
                {
                    if (a == b)
                    {
                        if (s <= u)
                        {
                            t.AddQuadratic(s, u, q * alpha * beta);
                        }
                    }
                    else
                    {
                        t.AddQuadratic(s, u, (s == u ? 2 : 1) * q * alpha * beta);
                    }
                }
            }
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var solution = Solve(t);
        iterations += solution.Iterations;
        if (Trace)
        {
            Console.Error.WriteLine($"headroom: {t.ColumnCount} columns, {t.RowCount} rows, {withMinimum.Count} minimum rows, reserves {(reservesOff ? "off" : "on")}: {solution.Status}, {solution.Iterations} iterations, {watch.Elapsed.TotalSeconds:F3} s");
        }

        return solution;

        List<(int Column, double Coefficient)> Expansion(int column) =>
            energyOf[column] < 0 ? [(column, 1.0)] : [(column, 1.0), .. couplings[energyOf[column]].Reserves.Select(k => (k, -1.0))];
    }

    private LpSolution Solve(LpProblem problem)
    {
        using var model = _inner.Load(problem, _options);
        return model.Solve();
    }

    /// <summary>Row duals of the full problem: the headroom form's for the rows they share, and for each capacity row the
    /// reduced cost of u where it pushes towards the capacity (≤ 0); the rest of it belongs to the energy's Pmin.</summary>
    private double[] Duals(List<CapacityCoupling> couplings, LpSolution t)
    {
        var y = new double[Problem.RowCount];
        var removed = couplings.Select(c => c.Row).ToHashSet();
        var at = 0;
        for (var r = 0; r < Problem.RowCount; r++)
        {
            if (!removed.Contains(r))
            {
                y[r] = t.RowDual[at++];
            }
        }

        foreach (var c in couplings)
        {
            y[c.Row] = Math.Min(t.ReducedCost[c.Energy], 0);
        }

        return y;
    }
}
