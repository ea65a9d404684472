using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>
/// Marginal losses (D15, FORMATS "Losses"): the piece of the clearing problem that puts DC losses in the balance.
/// <para>Losses are L(P) = Σ_k r_k·f_k²/baseMVA with f = H·P (+ phase-shift flows), H the shift factors with the
/// reference bus as slack, r_k in p.u. and f_k in MW: convex in the injections P. The balance carries a loss column ℓ,
/// Σ_i P_i − ℓ = 0, and the lossy market is min cost s.t. ℓ ≥ L(P): a convex problem (the loss column is pushed down to
/// L while energy has a positive price). It is solved by cutting planes: every dispatch P⁰ adds the tangent
/// ℓ ≥ L(P⁰) + Σ_i LF_i·(P_i − P⁰_i), LF_i = ∂L/∂P_i = Σ_k H[k,i]·2·r_k·f_k/baseMVA (one transposed solve,
/// <see cref="Flows.ShiftFactors.WeightedRow"/>; 0 at the reference bus), and keeps the earlier ones: the rows are a
/// polyhedral model of L from below.</para>
/// <para>Plain cutting planes zigzag on step offers (each LP jumps to a far vertex the model still underestimates) and
/// creep on quadratic costs (case_ACTIVSg10k: 18 dispatches, the estimate's move halving each time), for the model has no
/// curvature. Two things supply it. (1) The losses' exact curvature along the steps taken so far, ½·λ·(P − P̂)ᵀB(P − P̂)
/// in the objective (<see cref="SetCurvature"/>: L is quadratic, so B is ∇²L on the span of the steps, never more than
/// ∇²L, through a few dense rows and diagonal quadratic columns): a quasi-Newton (SQP) step that converges in about as
/// many dispatches as the dimension its steps explore. (2) A box trust region on the injections around the best dispatch
/// so far P̂ (by the merit: cost + price·(L − Σ P)⁺): a step that improves the merit by a share of what the model
/// predicted moves the centre (and widens the box when the step reached it); one that makes it worse halves the box. The
/// loss shortfall column (<see cref="ShortfallPrice(PenaltyPrices)"/>) keeps every boxed model feasible. The curvature
/// changes each iteration, so the model is reloaded (a QP re-solve is never warm).</para>
/// <para>The iteration ends when L at the flows exceeds the loss estimate by less than <see cref="ToleranceMw"/>, the
/// estimate moved less than that since the last dispatch (or only where the cost is flat to the solver's precision), and
/// the box does not bind: the dispatch then minimises the cut model (its curvature term is ~0 there), a relaxation of the
/// lossy market, while meeting L to the tolerance, so it is the lossy optimum to that.</para>
/// <para>Prices: with μ_c the dual of cut c, an injection at bus i is worth λ − Σ_c μ_c·LF_c,i + Σ y·a_i; the loss
/// column is costless, so Σ_c μ_c = λ and, the binding cuts being tangents at the final flows to the tolerance, the loss
/// component Σ_c −μ_c·LF_c,i is −λ·∂L/∂P_i there (the curvature rows' duals, λ·z, vanish with the step).</para>
/// </summary>
internal sealed class MarginalLosses
{
    /// <summary>Most steps along which the losses' curvature enters the objective (<see cref="SetCurvature"/>): the
    /// iteration converges in a few more iterations than the dimension of the space its steps explore, so all of them
    /// (six kept: case118_lin 87 iterations, case300_lin not within 200; all: 16 and 30).</summary>
    public const int CurvatureDirections = 40;

    /// <summary>MW: the iteration stops when the loss estimate moves less than this and L at the flows exceeds it by less (FORMATS).</summary>
    public const double ToleranceMw = 1e-4;

    /// <summary>Dispatches before giving up (a note says so; prices are those of the last one, which may then carry the box).</summary>
    public const int MaxIterations = 100;

    /// <summary>Relative precision of a solve's objective (the barrier stops at a relative gap of ~1e-8).</summary>
    private const double SolverPrecision = 1e-9;

    /// <summary>A step improving the merit by less than this share of the model's prediction leaves the centre where it is.</summary>
    private const double SeriousStep = 1e-4;

    /// <summary>A boxed column this close to its box bound (MW), with a reduced cost beyond <see cref="BoxDual"/>, is held by the box.</summary>
    private const double BoxTolerance = 1e-6;

    /// <summary>$/MWh: a reduced cost below this on a column at its box bound is round-off, not a box holding the step back.</summary>
    private const double BoxDual = 1e-6;

    /// <summary>The smallest box, MW: far below the tolerance's effect on any dispatch, and it never shuts the iteration.</summary>
    private const double MinimumBoxMw = 1e-6;

    private readonly Network.Network _network;
    private readonly Flows.ShiftFactors _shiftFactors;
    private readonly DispatchProblem _problem;
    private readonly double[] _branchWeights;
    private readonly List<(int Row, double[] Factors)> _cuts = [];
    private readonly int[] _boxed;
    private readonly double[] _boxScale;
    private readonly double[] _ownLower;
    private readonly double[] _ownUpper;
    private readonly double[] _centre;
    private readonly double _price;
    private double _meritPrice;
    private double _centreMerit;
    private double _box;
    private double _lastEstimate;
    private double[] _factors;
    private double[] _centreInjections = [];
    private double _curvatureWeight;
    private readonly List<(double[] Injections, double[] Factors)> _history = [];
    private readonly List<int> _curvatureRows = [];
    private readonly List<int> _freeRows = [];

    private static readonly bool Trace = Environment.GetEnvironmentVariable("GRIDCLEAR_TRACE") == "1";

    public MarginalLosses(SecurityModel security, DispatchProblem problem)
    {
        if (problem.LossColumn < 0)
        {
            throw new ArgumentException("the dispatch problem has no loss column", nameof(problem));
        }

        _network = security.Network;
        _shiftFactors = security.ShiftFactors;
        _problem = problem;
        _branchWeights = new double[_network.BranchCount];
        _factors = new double[_network.BusCount];
        _price = ShortfallPrice(problem.EnergyPenalty);

        // The box is in MW of injection: a column moves at most box / (its largest MW per unit) from the centre. Every
        // decision and energy slack that injects somewhere is boxed (an unboxed shortage would move from bus to bus
        // with each cut).
        var boxed = new List<(int Column, double Scale, double Lower, double Upper)>();
        var columns = problem.Participation.Columns;
        for (var j = 0; j < columns.Count; j++)
        {
            var largest = columns[j].Injections.Select(i => Math.Abs(i.Coefficient)).DefaultIfEmpty(0).Max();
            if (largest > 0)
            {
                boxed.Add((j, 1 / largest, columns[j].Lower, columns[j].Upper));
            }
        }

        foreach (var slack in problem.EnergySlacks)
        {
            boxed.Add((slack.Column, 1, 0, slack.Upper));
        }

        _boxed = [.. boxed.Select(b => b.Column)];
        _boxScale = [.. boxed.Select(b => b.Scale)];
        _ownLower = [.. boxed.Select(b => b.Lower)];
        _ownUpper = [.. boxed.Select(b => b.Upper)];
        _centre = new double[_boxed.Length];
    }

    /// <summary>$/MWh of the loss shortfall column: beyond any price the balance can take (the energy penalty, divided by
    /// 1 − a loss factor at a shedding bus), so the lossy optimum never uses it and it is an exact penalty.</summary>
    public static double ShortfallPrice(PenaltyPrices penalties) => ShortfallPrice(penalties.Balance);

    private static double ShortfallPrice(double energyPenalty) => 4 * Math.Max(1, Math.Abs(energyPenalty));

    /// <summary>Dispatches solved so far, the lossless first one included.</summary>
    public int Iterations { get; private set; }

    public bool Converged { get; private set; }

    /// <summary>L at the flows of the last dispatch, MW.</summary>
    public double LossMw { get; private set; }

    /// <summary>The losses the last dispatch's balance carried (generation − load), MW.</summary>
    public double BalanceLossMw { get; private set; }

    /// <summary>L = Σ r_k·f_k²/baseMVA, MW, for branch flows in MW.</summary>
    public static double Losses(Network.Network network, ReadOnlySpan<double> flows)
    {
        var loss = 0.0;
        for (var k = 0; k < network.BranchCount; k++)
        {
            loss += network.Branches[k].ResistancePu * flows[k] * flows[k];
        }

        return loss / network.BaseMva;
    }

    /// <summary>
    /// The loss component of every bus in a solution of the model: −Σ_c μ_c·∂L/∂P_i of cut c, by bus (0 at the reference
    /// bus and without cuts).
    /// </summary>
    public double[] LossComponents(LpSolution solution)
    {
        var loss = new double[_network.BusCount];
        foreach (var (row, factors) in _cuts)
        {
            var dual = solution.RowDual[row];
            if (dual == 0)
            {
                continue;
            }

            for (var i = 0; i < loss.Length; i++)
            {
                loss[i] -= dual * factors[i];
            }
        }

        return loss;
    }

    /// <summary>
    /// After a dispatch has been solved (and its flows checked): true when the losses have converged (or the iteration
    /// limit is reached); otherwise the dispatch adds its cut, the box moves, and the caller re-solves the loaded model.
    /// </summary>
    public bool Update(LpSolution solution, ReadOnlySpan<double> injections, ReadOnlySpan<double> flows)
    {
        var x = solution.Primal;
        Iterations++;
        LossMw = Losses(_network, flows);
        var shortfall = x[_problem.LossShortfallColumn];
        BalanceLossMw = x[_problem.LossColumn] - shortfall;

        // The model's value (the shortfall priced in) and the merit: the cost with the losses the dispatch leaves uncovered
        // priced as the shortfall is, an exact penalty of the lossy market.
        var modelValue = solution.Objective - CurvatureValue(x);
        if (Iterations == 1)
        {
            // The merit prices uncovered losses at twice the lossless energy price (at least 1 $/MWh): above the lossy
            // market's price in all but extreme cases, and far below the shortfall's, whose size swamps cost changes.
            _meritPrice = Math.Min(_price, 2 * Math.Max(1, Math.Abs(solution.RowDual[_problem.BalanceRow])));
        }

        var merit = modelValue - (_price * shortfall) + (_meritPrice * Math.Max(0, LossMw - BalanceLossMw + shortfall));
        var boxHolds = Iterations > 1 && BoxHolds(solution);
        if (Trace)
        {
            Console.Error.WriteLine(
                $"loss iteration {Iterations}: L {LossMw} MW, estimate {BalanceLossMw} MW, shortfall {shortfall} MW, merit {merit}, model {modelValue}, box {_box} MW{(boxHolds ? " (binding)" : string.Empty)}");
        }

        // Settled: L met to the tolerance, and the estimate has stopped moving, or moves only where the cost is flat to the
        // solver's precision (case_ACTIVSg2000: units with equal linear costs trade MW whose losses differ by ~1e-3 MW for
        // ~1e-5 $/h, below the barrier's relative 1e-8 of the objective): the model, which no dispatch beats by more than
        // the prediction, can improve on the best dispatch by no more than that.
        var flat = _centreMerit - modelValue <= SolverPrecision * Math.Max(1, Math.Abs(modelValue));
        var settled = Iterations > 1 && Math.Abs(LossMw - BalanceLossMw) < ToleranceMw && shortfall < ToleranceMw &&
            (Math.Abs(BalanceLossMw - _lastEstimate) < ToleranceMw || flat);
        var converged = Iterations == 1 ? LossMw < ToleranceMw : settled && !boxHolds;
        if (converged || Iterations >= MaxIterations)
        {
            Converged = converged;
            _factors = new double[_network.BusCount];
            Gradient(flows, _factors);
            return true;
        }

        if (Iterations == 1)
        {
            // The lossless dispatch is the first centre; a box as wide as its losses lets the first cut move every column
            // as far as it wants in practice. The loss columns come into play.
            Recentre(x, injections, merit);
            _box = Math.Max(1, LossMw);
            _problem.Problem.SetColumnBounds(_problem.LossColumn, 0, double.PositiveInfinity);
            _problem.Problem.SetColumnBounds(_problem.LossShortfallColumn, 0, double.PositiveInfinity);
        }
        else
        {
            // The centre is feasible in the boxed model, whose value there is at most its merit (the cuts are below L):
            // the prediction is never negative but for solver round-off.
            var predicted = _centreMerit - modelValue;
            var actual = _centreMerit - merit;
            if (actual > 0 && actual >= SeriousStep * predicted)
            {
                Recentre(x, injections, merit);
            }

            if (settled)
            {
                // Settled but held by the box: only a dispatch the box does not hold minimises the whole model (a convex
                // problem's optimum inside a box is its optimum), so widen it and let the cuts around the centre hold the step.
                _box *= 4;
            }
            else if (actual > 0 && actual >= SeriousStep * predicted)
            {
                if (boxHolds && actual > 0.25 * predicted)
                {
                    _box *= 2;
                }
            }
            else if (actual < 0)
            {
                _box = Math.Max(MinimumBoxMw, _box / 2);
            }
        }

        RetireSlackCuts(solution);
        AddCut(injections, flows);
        _lastEstimate = BalanceLossMw;
        ApplyBox();
        SetCurvature(Math.Max(0, solution.RowDual[_problem.BalanceRow]));
        return false;
    }

    public LossSummary Summary() => new(LossMw, BalanceLossMw, Iterations, Converged, _factors);

    private void Recentre(ReadOnlySpan<double> x, ReadOnlySpan<double> injections, double merit)
    {
        for (var b = 0; b < _boxed.Length; b++)
        {
            _centre[b] = x[_boxed[b]];
        }

        _centreInjections = injections.ToArray();
        _centreMerit = merit;
    }

    /// <summary>Whether a boxed column sits at a box bound tighter than its own, held there (a reduced cost).</summary>
    private bool BoxHolds(LpSolution solution)
    {
        var lower = _problem.Problem.ColumnLower;
        var upper = _problem.Problem.ColumnUpper;
        for (var b = 0; b < _boxed.Length; b++)
        {
            var j = _boxed[b];
            var (ownLower, ownUpper) = (_ownLower[b], _ownUpper[b]);
            var x = solution.Primal[j];
            var d = solution.ReducedCost[j];
            if ((lower[j] > ownLower && x <= lower[j] + BoxTolerance && d > BoxDual) ||
                (upper[j] < ownUpper && x >= upper[j] - BoxTolerance && d < -BoxDual))
            {
                return true;
            }
        }

        return false;
    }

    private void ApplyBox()
    {
        for (var b = 0; b < _boxed.Length; b++)
        {
            var j = _boxed[b];
            var (ownLower, ownUpper) = (_ownLower[b], _ownUpper[b]);
            var reach = _box * _boxScale[b];
            _problem.Problem.SetColumnBounds(j, Math.Max(ownLower, _centre[b] - reach), Math.Min(ownUpper, _centre[b] + reach));
        }
    }

    /// <summary>∂L/∂P = Hᵀ·(2·r·f/baseMVA): the sensitivity of a weighted sum of flows, one solve; 0 at the reference bus.</summary>
    private void Gradient(ReadOnlySpan<double> flows, double[] factors)
    {
        var baseMva = _network.BaseMva;
        for (var k = 0; k < _network.BranchCount; k++)
        {
            _branchWeights[k] = 2 * _network.Branches[k].ResistancePu * flows[k] / baseMva;
        }

        _shiftFactors.WeightedRow(_branchWeights, factors);
        factors[_network.ReferenceBus] = 0;
    }

    /// <summary>The tangent of L at this dispatch: ℓ − Σ_i LF_i·P_i ≥ L(P⁰) − LF·P⁰, as a row of the columns.</summary>
    private void AddCut(ReadOnlySpan<double> injections, ReadOnlySpan<double> flows)
    {
        var factors = new double[_network.BusCount];
        Gradient(flows, factors);

        // ℓ − Σ_j c_j·x_j ≥ L(P⁰) − LF·P⁰ + LF·P_fixed, where Σ_j c_j·x_j + LF·P_fixed = LF·P.
        var indices = new List<int> { _problem.LossColumn };
        var values = new List<double> { 1 };
        var start = indices.Count;
        var lfFixed = _problem.LinearInjection(factors, 0, indices, values);
        for (var i = start; i < values.Count; i++)
        {
            values[i] = -values[i];
        }

        var lfAtLast = 0.0;
        for (var i = 0; i < factors.Length; i++)
        {
            lfAtLast += factors[i] * injections[i];
        }

        var cut = LpRow.AtLeast(LossMw - lfAtLast + lfFixed, [.. indices], [.. values]);
        int row;
        if (_freeRows.Count > 0)
        {
            row = _freeRows[^1];
            _freeRows.RemoveAt(_freeRows.Count - 1);
            _problem.Problem.ReplaceRow(row, cut);
        }
        else
        {
            row = _problem.AddRow(cut);
        }

        _cuts.Add((row, factors));
        _factors = factors;
        _history.Add((injections.ToArray(), factors));
        if (_history.Count > CurvatureDirections + 1)
        {
            _history.RemoveAt(0);
        }
    }

    /// <summary>
    /// Cuts slack at this dispatch (no dual, away from their bound) leave the model: each is a dense row that slows every
    /// barrier solve, and the curvature term holds what they told about L. Their rows become ℓ ≥ 0 until a new cut reuses them.
    /// </summary>
    private void RetireSlackCuts(LpSolution solution)
    {
        var lambda = Math.Max(1, Math.Abs(solution.RowDual[_problem.BalanceRow]));
        var rows = _problem.Problem.Rows;
        for (var c = _cuts.Count - 1; c >= 0; c--)
        {
            var row = _cuts[c].Row;
            var slack = solution.RowActivity[row] - rows[row].Lower;
            if (Math.Abs(solution.RowDual[row]) <= 1e-9 * lambda && slack > ToleranceMw)
            {
                _problem.Problem.ReplaceRow(row, LpRow.AtLeast(0, [_problem.LossColumn], [1]));
                _freeRows.Add(row);
                _cuts.RemoveAt(c);
            }
        }
    }

    /// <summary>½·λ·Σ z_k² at a solution: the curvature term of the objective.</summary>
    private double CurvatureValue(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var z in _problem.CurvatureColumns)
        {
            sum += x[z] * x[z];
        }

        return 0.5 * _curvatureWeight * sum;
    }

    /// <summary>
    /// The losses' curvature along the last steps, centred on the centre, as ½·λ·Σ_k z_k² with z_k = h_kᵀ(P − P̂): the
    /// steps s_i = P_i − P_{i−1} and the changes of their cuts' factors y_i = ∇²L·s_i (exact: L is quadratic) are made
    /// orthonormal in the ∇²L inner product (v_k, with h_k = ∇²L·v_k), so Σ_k h_k·h_kᵀ is ∇²L on the span of the steps
    /// and 0 across it (never more than ∇²L). With the cuts (the losses' slope) this is the Lagrangian's second-order model
    /// along the directions the iteration moved in: a step along them lands where the losses' cost balances instead of
    /// bouncing between cuts, and at the fixed point z = 0, so the term prices nothing.
    /// </summary>
    private void SetCurvature(double lambda)
    {
        var n = _network.BusCount;
        var accepted = new List<(double[] V, double[] H)>();
        for (var i = _history.Count - 1; i > 0 && accepted.Count < CurvatureDirections; i--)
        {
            var v = new double[n];
            var h = new double[n];
            var (p1, g1) = _history[i];
            var (p0, g0) = _history[i - 1];
            var curvature = 0.0;
            for (var b = 0; b < n; b++)
            {
                v[b] = p1[b] - p0[b];
                h[b] = g1[b] - g0[b];
                curvature += v[b] * h[b];
            }

            if (!(curvature > 0))
            {
                continue;
            }

            foreach (var (vk, hk) in accepted)
            {
                var along = Dot(v, hk);
                for (var b = 0; b < n; b++)
                {
                    v[b] -= along * vk[b];
                    h[b] -= along * hk[b];
                }
            }

            // A step (nearly) in the span of the newer ones adds nothing but round-off.
            var left = Dot(v, h);
            if (!(left > 1e-8 * curvature))
            {
                continue;
            }

            var scale = 1 / Math.Sqrt(left);
            for (var b = 0; b < n; b++)
            {
                v[b] *= scale;
                h[b] *= scale;
            }

            accepted.Add((v, h));
        }

        _curvatureWeight = lambda;
        var lp = _problem.Problem;
        var columns = _problem.CurvatureColumns;
        for (var k = 0; k < columns.Count; k++)
        {
            var z = columns[k];
            LpRow row;
            if (k < accepted.Count && lambda > 0)
            {
                // z_k − Σ_j (h_k·inj_j)·x_j = h_k·P_fixed − h_k·P̂.
                var h = accepted[k].H;
                var indices = new List<int> { z };
                var values = new List<double> { 1 };
                var start = indices.Count;
                var hFixed = _problem.LinearInjection(h, DispatchProblem.NegligibleCoefficient, indices, values);
                for (var i = start; i < values.Count; i++)
                {
                    values[i] = -values[i];
                }

                row = LpRow.Equal(hFixed - Dot(h, _centreInjections), [.. indices], [.. values]);
                lp.SetColumnBounds(z, double.NegativeInfinity, double.PositiveInfinity);
                lp.SetQuadratic(z, lambda);
            }
            else
            {
                // An unused direction: its column held at 0 (and a row of it alone, once it has had one).
                lp.SetColumnBounds(z, 0, 0);
                lp.SetQuadratic(z, 0);
                if (k < _curvatureRows.Count)
                {
                    lp.ReplaceRow(_curvatureRows[k], LpRow.Equal(0, [z], [1]));
                }

                continue;
            }

            if (k < _curvatureRows.Count)
            {
                lp.ReplaceRow(_curvatureRows[k], row);
            }
            else
            {
                _curvatureRows.Add(_problem.AddRow(row));
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
