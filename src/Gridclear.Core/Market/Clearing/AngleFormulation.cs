using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>
/// The same base-case dispatch as <see cref="DayAheadMarket"/>, written independently in the angle-based (B-θ)
/// formulation, for one purpose: to cross-check the shift-factor engine in tests (its objective and prices must
/// agree). It is NOT used in production: it has no contingencies, no penalty slacks (an infeasible market has no
/// answer here) and no constraint generation.
/// <para>Variables: the participation columns (<see cref="Participation"/>, shared with the market so both solve
/// the same offers) and one angle θᵢ per bus, radians, with the reference bus fixed at 0.
/// Rows: one nodal balance per bus, Σ_j inj_j[i]·x_j − base·Σ_l ±b_l·(θf − θt) = −P_fixed[i] + P_shift[i], where
/// P_shift are MATPOWER's phase-shift injections Pbusinj (a shifter of angle φ on branch f→t counts −base·b·φ at f
/// and +base·b·φ at t); branch flow limits on base·b·(θf − θt − φ); angle-difference limits on θf − θt; interfaces
/// and nomograms in the base case.</para>
/// <para>Prices: written this way, raising the fixed demand at bus i by 1 MW raises the right-hand side of its
/// balance row by 1, so by the dual convention of <see cref="LpSolution"/> the LMP at i is the row's dual itself.</para>
/// </summary>
internal static class AngleFormulation
{
    /// <summary>Bound on every angle, radians.</summary>
    public const double AngleBox = 2 * Math.PI;

    /// <summary>The B-θ answer: as-bid cost ($/h, constant costs included, as <see cref="DayAheadResult.Objective"/>),
    /// the LMP of every bus in network order, the participation columns' values, the base-case branch flows (MW) and the
    /// largest |θ| (radians), which must stay inside <see cref="AngleBox"/>.</summary>
    public sealed record Result(LpStatus Status, double Objective, double[] Lmp, double[] Columns, double[] BranchFlows, double MaxAngle, int Rows, int ColumnCount);

    public static Result Clear(Network.Network network, MarketInput input, ILpSolver solver, LpOptions? options = null)
    {
        var participation = Participation.Build(network, input, PenaltyPrices.Default);
        var n = network.BusCount;
        var baseMva = network.BaseMva;
        var lp = new LpProblem();
        var columns = participation.Columns;
        for (var j = 0; j < columns.Count; j++)
        {
            var c = columns[j];
            lp.AddColumn(c.Lower, c.Upper, c.Cost);
            if (c.Quadratic != 0)
            {
                lp.AddQuadratic(j, j, c.Quadratic);
            }
        }

        // The reference angle is the constant 0, so it has no column (θ[ref] = −1 and Add skips it). The others get
        // a box of ±2π: no DC solution comes near it (the tests check it does not bind), and Clp's barrier, which
        // solves the quadratic cases, is more reliable with boxed than with free columns.
        var theta = new int[n];
        for (var i = 0; i < n; i++)
        {
            theta[i] = i == network.ReferenceBus ? -1 : lp.AddColumn(-AngleBox, AngleBox, 0);
        }

        // Nodal balance rows, assembled as sparse dictionaries per bus (ordered by column for determinism).
        var entries = new SortedDictionary<int, double>[n];
        var rhs = new double[n];
        for (var i = 0; i < n; i++)
        {
            entries[i] = [];
            rhs[i] = -participation.FixedInjection[i];
        }

        for (var j = 0; j < columns.Count; j++)
        {
            foreach (var (bus, coefficient) in columns[j].Injections)
            {
                entries[bus][j] = entries[bus].GetValueOrDefault(j) + coefficient;
            }
        }

        foreach (var br in network.Branches)
        {
            var b = baseMva * br.Susceptance;

            // Flow f→t = b·(θf − θt − φ): it leaves f and arrives at t.
            Add(entries[br.From], theta[br.From], -b);
            Add(entries[br.From], theta[br.To], b);
            Add(entries[br.To], theta[br.From], b);
            Add(entries[br.To], theta[br.To], -b);
            rhs[br.From] -= b * br.ShiftRad;
            rhs[br.To] += b * br.ShiftRad;
        }

        var balanceRows = new int[n];
        for (var i = 0; i < n; i++)
        {
            balanceRows[i] = lp.AddRow(LpRow.Equal(rhs[i], [.. entries[i].Keys], [.. entries[i].Values]));
        }

        foreach (var br in network.Branches)
        {
            var b = baseMva * br.Susceptance;
            var shiftFlow = b * br.ShiftRad;
            if (br.IsLimited)
            {
                AddRow(lp, -br.RatingMw + shiftFlow, br.RatingMw + shiftFlow, [(theta[br.From], b), (theta[br.To], -b)]);
            }

            if (br.HasAngleLimits)
            {
                AddRow(lp, br.AngleMinRad, br.AngleMaxRad, [(theta[br.From], 1), (theta[br.To], -1)]);
            }
        }

        foreach (var face in input.Interfaces)
        {
            var (cols, values, constant) = FlowRow(network, theta, face.Terms.Select(t => (t.Branch, t.Weight)));
            lp.AddRow(new LpRow(-face.Limit - constant, face.Limit - constant, cols, values));
        }

        foreach (var nomogram in input.Nomograms)
        {
            var row = new SortedDictionary<int, double>();
            var constant = 0.0;
            foreach (var term in nomogram.Terms)
            {
                switch (term)
                {
                    case FlowTerm f:
                        constant += Accumulate(row, FlowRow(network, theta, [(f.Branch, f.Coefficient)]));
                        break;
                    case InterfaceTerm t:
                        var face = input.Interfaces.Single(i => i.Id == t.Interface);
                        constant += Accumulate(row, FlowRow(network, theta, face.Terms.Select(x => (x.Branch, x.Weight * t.Coefficient))));
                        break;
                    case InjectionTerm inj:
                        // Net injection at the bus: the fixed part plus the columns that inject there.
                        var bus = network.BusIndex(inj.Bus);
                        constant += inj.Coefficient * participation.FixedInjection[bus];
                        for (var j = 0; j < columns.Count; j++)
                        {
                            foreach (var (at, coefficient) in columns[j].Injections)
                            {
                                if (at == bus)
                                {
                                    Add(row, j, inj.Coefficient * coefficient);
                                }
                            }
                        }

                        break;
                }
            }

            lp.AddRow(LpRow.AtMost(nomogram.Limit - constant, [.. row.Keys], [.. row.Values]));
        }

        using var model = solver.Load(lp, options ?? LpOptions.Default);
        var solution = model.Solve();
        var x = solution.Primal;
        var objective = participation.ConstantCost;
        for (var j = 0; j < columns.Count; j++)
        {
            if (columns[j].Role != ColumnRole.ScheduleCut)
            {
                objective += (columns[j].Cost * x[j]) + (0.5 * columns[j].Quadratic * x[j] * x[j]);
            }
        }

        var lmp = balanceRows.Select(r => solution.RowDual[r]).ToArray();
        var flows = network.Branches.Select(br => baseMva * br.Susceptance * (Angle(x, theta[br.From]) - Angle(x, theta[br.To]) - br.ShiftRad)).ToArray();
        var maxAngle = theta.Where(t => t >= 0).Select(t => Math.Abs(x[t])).DefaultIfEmpty(0).Max();
        return new Result(solution.Status, objective, lmp, x[..columns.Count], flows, maxAngle, lp.RowCount, lp.ColumnCount);
    }

    /// <summary>A row over angles, dropping the reference's (constant 0) term.</summary>
    private static void AddRow(LpProblem lp, double lower, double upper, (int Column, double Value)[] terms)
    {
        var row = new SortedDictionary<int, double>();
        foreach (var (column, value) in terms)
        {
            Add(row, column, value);
        }

        lp.AddRow(new LpRow(lower, upper, [.. row.Keys], [.. row.Values]));
    }

    /// <summary>Σ weight·flow as a row over the angles, and its constant part (the phase-shift flows).</summary>
    private static (int[] Columns, double[] Values, double Constant) FlowRow(Network.Network network, int[] theta, IEnumerable<(int Branch, double Weight)> terms)
    {
        var row = new SortedDictionary<int, double>();
        var constant = 0.0;
        foreach (var (l, w) in terms)
        {
            var br = network.Branches[l];
            var b = network.BaseMva * br.Susceptance;
            Add(row, theta[br.From], w * b);
            Add(row, theta[br.To], -w * b);
            constant -= w * b * br.ShiftRad;
        }

        return ([.. row.Keys], [.. row.Values], constant);
    }

    private static double Accumulate(SortedDictionary<int, double> into, (int[] Columns, double[] Values, double Constant) row)
    {
        for (var k = 0; k < row.Columns.Length; k++)
        {
            Add(into, row.Columns[k], row.Values[k]);
        }

        return row.Constant;
    }

    private static void Add(SortedDictionary<int, double> row, int column, double value)
    {
        if (column >= 0)
        {
            row[column] = row.GetValueOrDefault(column) + value;
        }
    }

    private static double Angle(double[] x, int column) => column >= 0 ? x[column] : 0;
}
