using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>
/// Marginal losses (D15, FORMATS "Losses"): the piece of the clearing problem that puts DC losses in the balance.
/// <para>Losses are L(P) = Σ_k r_k·f_k²/baseMVA with f = H·P (+ phase-shift flows), H the shift factors with the
/// reference bus as slack, r_k in p.u. and f_k in MW. The balance carries a loss column, Σ_i P_i − L = 0, and L is
/// tied to the injections by its linearisation at the last dispatch P⁰:
/// L − Σ_i LF_i·P_i = L(P⁰) − Σ_i LF_i·P⁰_i, with LF_i = ∂L/∂P_i = Σ_k H[k,i]·2·r_k·f_k/baseMVA (one transposed solve,
/// <see cref="Flows.ShiftFactors.WeightedRow"/>; 0 at the reference bus).</para>
/// <para>Each update replaces the linearisation row with the new one (one row, whatever the iteration) and adds the
/// curvature the linearisation leaves out as a proximal term (<see cref="AddCurvature"/>); the caller reloads the
/// problem and re-solves. The iteration ends when the losses the balance carried differ from L at the resulting flows by less than <see cref="ToleranceMw"/>, so generation − load = L to that.</para>
/// <para>Prices: with μ the dual of the active linearisation, an injection at bus i is worth λ − μ·LF_i + Σ_c y_c·a_c,i;
/// the loss column is free and costless, so μ = λ and the loss component is −λ·∂L/∂P_i (λ is the energy price at the
/// reference bus).</para>
/// </summary>
internal sealed class MarginalLosses
{
    /// <summary>MW: the iteration stops when the balance's loss estimate and L at the flows agree to this (FORMATS).</summary>
    public const double ToleranceMw = 1e-4;

    /// <summary>Linearisations before giving up (a note says so; prices are those of the last one).</summary>
    public const int MaxIterations = 30;

    private readonly Network.Network _network;
    private readonly Flows.ShiftFactors _shiftFactors;
    private readonly DispatchProblem _problem;
    private readonly double[] _branchWeights;
    private double[] _factors;
    private double[]? _hessianDiagonal;
    private double _kappa = 1;
    private double _lastMismatch = double.PositiveInfinity;

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
    }

    /// <summary>The row of the linearisation in force, or −1 before the first.</summary>
    public int ActiveRow { get; private set; } = -1;

    /// <summary>Dispatches solved so far, the lossless first one included.</summary>
    public int Iterations { get; private set; }

    public bool Converged { get; private set; }

    /// <summary>L at the flows of the last dispatch, MW.</summary>
    public double LossMw { get; private set; }

    /// <summary>The losses the last dispatch's balance carried, MW.</summary>
    public double BalanceLossMw { get; private set; }

    /// <summary>∂L/∂P_i of the linearisation in force (all 0 before the first), by bus.</summary>
    public IReadOnlyList<double> Factors => _factors;

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
    /// After a dispatch has been solved (and its flows checked): true when the losses have converged (or the
    /// iteration limit is reached); otherwise the balance is re-linearised at this dispatch and the caller re-solves.
    /// </summary>
    public bool Update(LpSolution solution, ReadOnlySpan<double> injections, ReadOnlySpan<double> flows)
    {
        var x = solution.Primal;
        Iterations++;
        LossMw = Losses(_network, flows);
        BalanceLossMw = x[_problem.LossColumn];
        var mismatch = Math.Abs(LossMw - BalanceLossMw);
        if (Trace)
        {
            Console.Error.WriteLine($"loss iteration {Iterations}: L {LossMw} MW, balance {BalanceLossMw} MW, curvature weight {_kappa}");
        }

        if (mismatch < ToleranceMw)
        {
            Converged = true;
            return true;
        }

        if (Iterations >= MaxIterations)
        {
            return true;
        }

        if (Iterations > 2 && mismatch > 0.5 * _lastMismatch)
        {
            _kappa *= 2;
        }

        _lastMismatch = mismatch;

        // ∂L/∂P = Hᵀ·(2·r·f/baseMVA): the sensitivity of a weighted sum of flows, one solve.
        var baseMva = _network.BaseMva;
        for (var k = 0; k < _network.BranchCount; k++)
        {
            _branchWeights[k] = 2 * _network.Branches[k].ResistancePu * flows[k] / baseMva;
        }

        var factors = new double[_network.BusCount];
        _shiftFactors.WeightedRow(_branchWeights, factors);
        factors[_network.ReferenceBus] = 0;

        // L − Σ_j c_j·x_j = L(P⁰) − LF·P⁰ + LF·P_fixed, where Σ_j c_j·x_j + LF·P_fixed = LF·P.
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

        // The new linearisation replaces the last in place: the model is reloaded for the new curvature anyway, and a
        // dense row left in the model per iteration slowed every later barrier solve (case_ACTIVSg10k: the 15 solves
        // from 2.5 s to 1.6 s, BENCHMARKS.md).
        var row = LpRow.Equal(LossMw - lfAtLast + lfFixed, [.. indices], [.. values]);
        if (ActiveRow >= 0)
        {
            _problem.Problem.ReplaceRow(ActiveRow, row);
        }
        else
        {
            _problem.Problem.SetColumnBounds(_problem.LossColumn, double.NegativeInfinity, double.PositiveInfinity);
            ActiveRow = _problem.AddRow(row);
        }

        _factors = factors;
        AddCurvature(x, Math.Max(1, Math.Abs(solution.RowDual[_problem.BalanceRow])));
        return false;
    }

    /// <summary>
    /// The curvature the linearisation leaves out, as a proximal term ½·ρ_j·(x_j − x⁰_j)² on every decision, with
    /// ρ_j = κ·λ·Σ_bus inj_j[bus]²·∂²L/∂P_bus²: the loss Hessian's diagonal, priced at the energy price. Without it an
    /// LP (step offers) jumps from vertex to vertex, chasing its own loss factors; with it each re-solve moves as far as
    /// the losses it would add are worth. At convergence x = x⁰, so the term and its gradient vanish: the prices are
    /// the lossy market's own. κ doubles whenever the loss mismatch fails to halve.
    /// </summary>
    private void AddCurvature(ReadOnlySpan<double> x, double lambda)
    {
        _hessianDiagonal ??= HessianDiagonal();
        var columns = _problem.Participation.Columns;
        var lp = _problem.Problem;
        for (var j = 0; j < columns.Count; j++)
        {
            var c = columns[j];
            var curvature = 0.0;
            foreach (var (bus, coefficient) in c.Injections)
            {
                curvature += coefficient * coefficient * _hessianDiagonal[bus];
            }

            var rho = _kappa * lambda * curvature;
            lp.SetQuadratic(j, c.Quadratic + rho);
            lp.SetCost(j, c.Cost - (rho * x[j]));
        }

        // Energy slacks too: shed (or spilled) MW at one bus or another cost the same penalty, so without the term a
        // shortage moves from bus to bus with each linearisation and the losses never settle (case30 with every load ×10).
        foreach (var slack in _problem.EnergySlacks)
        {
            var rho = _kappa * lambda * _hessianDiagonal[slack.Bus];
            lp.SetQuadratic(slack.Column, rho);
            lp.SetCost(slack.Column, _problem.EnergyPenalty - (rho * x[slack.Column]));
        }
    }

    /// <summary>
    /// ∂²L/∂P_b² = 2·Σ_k r_k·H[k,b]²/baseMVA for every bus where a decision or an energy slack injects (0 elsewhere): one
    /// forward solve per such bus (its column of H), <see cref="HessianBlock"/> at a time into one buffer per thread (no
    /// flow array per bus), blocks in parallel; each bus's value is the same bits whichever thread computes it.
    /// </summary>
    private double[] HessianDiagonal()
    {
        var n = _network.BusCount;
        var diagonal = new double[n];
        var buses = _problem.Participation.Columns.SelectMany(c => c.Injections.Select(i => i.Bus))
            .Concat(_problem.EnergySlacks.Select(s => s.Bus))
            .Where(b => b != _network.ReferenceBus).Distinct().ToArray();
        if (n < 2 || buses.Length == 0)
        {
            return diagonal;
        }

        var baseMva = _network.BaseMva;
        var size = n - 1;
        var blocks = (buses.Length + HessianBlock - 1) / HessianBlock;
        Parallel.For(
            0,
            blocks,
            () => (Angles: new double[HessianBlock * size], To: Enumerable.Repeat(_network.ReferenceBus, HessianBlock).ToArray()),
            (block, _, scratch) =>
            {
                var first = block * HessianBlock;
                var count = Math.Min(HessianBlock, buses.Length - first);
                _shiftFactors.SolveTransfers(buses.AsSpan(first, count), scratch.To.AsSpan(0, count), scratch.Angles);
                for (var c = 0; c < count; c++)
                {
                    var angles = scratch.Angles.AsSpan(c * size, size);
                    var sum = 0.0;
                    for (var k = 0; k < _network.BranchCount; k++)
                    {
                        var h = _shiftFactors.TransferFlow(angles, k);
                        sum += _network.Branches[k].ResistancePu * h * h;
                    }

                    diagonal[buses[first + c]] = 2 * sum / baseMva;
                }

                return scratch;
            },
            _ => { });
        return diagonal;
    }

    /// <summary>Columns of H solved together in <see cref="HessianDiagonal"/>.</summary>
    private const int HessianBlock = 16;

    public LossSummary Summary() => new(LossMw, BalanceLossMw, Iterations, Converged, _factors);
}
