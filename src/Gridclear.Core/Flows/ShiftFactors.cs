using System.Buffers;
using Gridclear.Sparse;

namespace Gridclear.Flows;

/// <summary>
/// Shift factors (PTDF, the seeds' flow distribution factors) of one network topology, computed lazily:
/// the reduced susceptance matrix is factorised once and each branch's row costs one transposed solve, then
/// stays cached ("virtual PTDF"). The dense matrix is never formed.
/// <para>
/// H[k, j] is the MW flow on branch k per MW injected at bus j and withdrawn at the <see cref="Slack"/>; with a
/// weighted slack w, H_w = H_ref − (H_ref·w)·1ᵀ. Flows for bus injections P (MW) are H·P + <see cref="PhaseShiftFlows"/>,
/// where any imbalance 1ᵀP is withdrawn at the slack.
/// </para>
/// <para>Thread safety: <see cref="Row"/>, <see cref="ComputeFlows"/> and <see cref="TransferFlows(int, int)"/> may be
/// called concurrently (the factorisation must allow concurrent solves, as <c>KluFactorization</c> does);
/// a row is the same bits whichever thread computes it.</para>
/// </summary>
public sealed class ShiftFactors : IDisposable
{
    // The factorisation (and under StartFactoring the matrices it factors) done in the constructor or on the thread pool
    // while the caller goes on: every use waits for it, so what a caller sees is the same either way.
    private readonly Task<ISparseFactorization?> _factoring;
    private readonly Task<SusceptanceMatrix> _matrix;
    private double[]? _phaseShiftFlows;
    private readonly double[]?[] _rows;
    private readonly int[] _slackBuses;
    private readonly double[] _slackWeights;
    private readonly int[] _fromReduced;
    private readonly int[] _toReduced;
    private readonly Lazy<LuFactors?> _luFactors;

    public ShiftFactors(Network.Network network, ISparseSolver solver, SlackDistribution? slack = null)
        : this(new SusceptanceMatrix(network), solver, slack)
    {
    }

    public ShiftFactors(SusceptanceMatrix matrix, ISparseSolver solver, SlackDistribution? slack = null)
        : this(matrix.Network, Task.FromResult(matrix), solver, slack, background: false)
    {
    }

    private ShiftFactors(Network.Network network, Task<SusceptanceMatrix> matrix, ISparseSolver solver, SlackDistribution? slack, bool background)
    {
        _matrix = matrix;
        Network = network;
        Slack = slack ?? SlackDistribution.Reference(Network);
        foreach (var bus in Slack.Buses)
        {
            if (bus >= Network.BusCount)
            {
                throw new ArgumentException($"slack bus index {bus} is outside the network ({Network.BusCount} buses)", nameof(slack));
            }
        }

        _slackBuses = Slack.Buses.ToArray();
        _slackWeights = Slack.Weights.ToArray();
        _rows = new double[]?[Network.BranchCount];
        _fromReduced = new int[Network.BranchCount];
        _toReduced = new int[Network.BranchCount];
        for (var k = 0; k < Network.BranchCount; k++)
        {
            _fromReduced[k] = SusceptanceMatrix.ReducedIndex(Network.Branches[k].From, Network.ReferenceBus);
            _toReduced[k] = SusceptanceMatrix.ReducedIndex(Network.Branches[k].To, Network.ReferenceBus);
        }

        _luFactors = new Lazy<LuFactors?>(() => Factorization?.Factors());
        _factoring = !background || Network.BusCount <= 1
            ? Task.FromResult(Network.BusCount > 1 ? solver.Factor(matrix.GetAwaiter().GetResult().Reduced) : null)
            : matrix.ContinueWith(built => (ISparseFactorization?)solver.Factor(built.GetAwaiter().GetResult().Reduced), TaskScheduler.Default);
    }

    /// <summary>
    /// Shift factors whose factorisation runs on the thread pool while the caller goes on (a clear builds and solves
    /// its first LP meanwhile: the factors are first needed to check its flows). A failure to factor is thrown where the
    /// factors are first used.
    /// </summary>
    public static ShiftFactors StartFactoring(Network.Network network, ISparseSolver solver) =>
        new(network, network.BusCount > 1 ? Task.Run(() => new SusceptanceMatrix(network)) : Task.FromResult(new SusceptanceMatrix(network)), solver, null, background: true);

    /// <summary>The factors themselves, copied out once on the first transfer solve (null when the factorisation cannot give
    /// them): a transfer's right-hand side has two entries, and a solve that knows it skips most of the lower factor.</summary>
    private LuFactors? LuFactors => _luFactors.Value;

    private ISparseFactorization? Factorization => _factoring.IsCompletedSuccessfully ? _factoring.Result : Wait();

    private static readonly bool Trace = Environment.GetEnvironmentVariable("GRIDCLEAR_TRACE") == "1";

    // The first use that finds the factorisation still running waits for it (GRIDCLEAR_TRACE says how long: on a large
    // network it can be the clear's critical path).
    private ISparseFactorization? Wait()
    {
        var started = Trace ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        var factorization = _factoring.GetAwaiter().GetResult();
        if (Trace)
        {
            Console.Error.WriteLine($"shift factors: waited {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms for the factorisation");
        }

        return factorization;
    }

    public Network.Network Network { get; }

    /// <summary>The network's DC matrices (built on the thread pool, with the factorisation, under <see cref="StartFactoring"/>).</summary>
    public SusceptanceMatrix Matrix => _matrix.IsCompletedSuccessfully ? _matrix.Result : _matrix.GetAwaiter().GetResult();

    public SlackDistribution Slack { get; }

    public int BusCount => Network.BusCount;

    public int BranchCount => Network.BranchCount;

    /// <summary>Branch flows (MW) with zero injections: what the phase shifters alone cause.</summary>
    public ReadOnlySpan<double> PhaseShiftFlows => Volatile.Read(ref _phaseShiftFlows) ?? ComputePhaseShiftFlows();

    /// <summary>The shift factors of <paramref name="branch"/> for every bus (length <see cref="BusCount"/>).</summary>
    public ReadOnlySpan<double> Row(int branch)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)branch, (uint)BranchCount, nameof(branch));
        var row = Volatile.Read(ref _rows[branch]);
        if (row is not null)
        {
            return row;
        }

        row = ComputeRow(branch);

        // First writer wins; a racing thread computed the same bits, so either copy is fine.
        return Interlocked.CompareExchange(ref _rows[branch], row, null) ?? row;
    }

    public bool IsCached(int branch) => Volatile.Read(ref _rows[branch]) is not null;

    /// <summary>Computes and caches the rows of <paramref name="branches"/>, in parallel; identical to sequential calls of <see cref="Row"/>.</summary>
    public void PrecomputeRows(IReadOnlyList<int> branches, int maxDegreeOfParallelism = -1)
    {
        var missing = branches.Where(k => !IsCached(k)).Distinct().ToArray();
        Parallel.For(
            0,
            missing.Length,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            i => Row(missing[i]));
    }

    /// <summary>
    /// All branch flows (MW) for bus injections <paramref name="injectionsMw"/> (generation − load), phase shifters
    /// included, with one solve. An imbalance is withdrawn at the slack.
    /// </summary>
    public void ComputeFlows(ReadOnlySpan<double> injectionsMw, Span<double> flowsMw)
    {
        if (injectionsMw.Length != BusCount || flowsMw.Length != BranchCount)
        {
            throw new ArgumentException($"need {BusCount} injections and room for {BranchCount} flows");
        }

        var baseMva = Network.BaseMva;
        var imbalance = 0.0;
        foreach (var p in injectionsMw)
        {
            imbalance += p;
        }

        var adjusted = injectionsMw.ToArray();
        for (var s = 0; s < _slackBuses.Length; s++)
        {
            adjusted[_slackBuses[s]] -= _slackWeights[s] * imbalance;
        }

        var theta = new double[BusCount];
        SolveAngles(adjusted, theta);
        var b = Matrix.Susceptance;
        var pfinj = Matrix.BranchShiftInjection;
        for (var k = 0; k < BranchCount; k++)
        {
            var br = Network.Branches[k];
            flowsMw[k] = baseMva * ((b[k] * (theta[br.From] - theta[br.To])) + pfinj[k]);
        }
    }

    /// <summary>
    /// Flows (MW) on every branch for 1 MW injected at <paramref name="fromBus"/> and withdrawn at <paramref name="toBus"/>
    /// (internal indices): H·(e_from − e_to), independent of the slack. One forward solve.
    /// </summary>
    public double[] TransferFlows(int fromBus, int toBus)
    {
        var flows = new double[BranchCount];
        TransferFlows(fromBus, toBus, flows, new double[Math.Max(0, BusCount - 1)]);
        return flows;
    }

    /// <summary>
    /// <see cref="TransferFlows(int, int)"/> into caller-owned spans (the same bits): <paramref name="flows"/> has
    /// length BranchCount, <paramref name="scratch"/> length BusCount − 1, so a loop over many outages allocates nothing.
    /// </summary>
    public void TransferFlows(int fromBus, int toBus, Span<double> flows, Span<double> scratch)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)fromBus, (uint)BusCount, nameof(fromBus));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)toBus, (uint)BusCount, nameof(toBus));
        if (flows.Length != BranchCount || scratch.Length != Math.Max(0, BusCount - 1))
        {
            throw new ArgumentException($"need room for {BranchCount} flows and {BusCount - 1} angles");
        }

        flows.Clear();
        var factorization = Factorization;
        if (fromBus == toBus || factorization is null)
        {
            return;
        }

        SolveTransfer(fromBus, toBus, scratch);
        for (var k = 0; k < BranchCount; k++)
        {
            flows[k] = TransferFlow(scratch, k);
        }
    }

    /// <summary>Reduced angles (length BusCount − 1) for 1 p.u. injected at <paramref name="fromBus"/> and withdrawn at
    /// <paramref name="toBus"/>: one forward solve. <see cref="TransferFlow"/> turns them into a branch's flow.</summary>
    internal void SolveTransfer(int fromBus, int toBus, Span<double> x)
    {
        x.Clear();
        var factorization = Factorization;
        if (factorization is null)
        {
            return;
        }

        if (LuFactors is { } factors)
        {
            SolveWithFactors(factors, [fromBus], [toBus], x);
            return;
        }

        SetTransfer(fromBus, toBus, x);
        factorization.Solve(x);
    }

    /// <summary><see cref="SolveTransfer"/> for several transfers at once (the same bits): <paramref name="x"/> holds
    /// one block of BusCount − 1 reduced angles per transfer, one after another.</summary>
    internal void SolveTransfers(ReadOnlySpan<int> fromBuses, ReadOnlySpan<int> toBuses, Span<double> x)
    {
        x.Clear();
        var factorization = Factorization;
        if (factorization is null)
        {
            return;
        }

        var size = BusCount - 1;
        if (LuFactors is { } factors)
        {
            SolveWithFactors(factors, fromBuses, toBuses, x[..(fromBuses.Length * size)]);
            return;
        }

        for (var c = 0; c < fromBuses.Length; c++)
        {
            SetTransfer(fromBuses[c], toBuses[c], x.Slice(c * size, size));
        }

        factorization.Solve(x[..(fromBuses.Length * size)], fromBuses.Length);
    }

    /// <summary>The row of <paramref name="bus"/>'s angle in <see cref="SolveTransfersInterleaved"/>'s output; the
    /// reference bus's is the last row, which holds zeros.</summary>
    internal int InterleavedRow(int bus)
    {
        var reduced = Matrix.ReducedIndex(bus);
        return reduced < 0 ? BusCount - 1 : LuFactors is { } factors ? factors.PositionOf(reduced) : reduced;
    }

    /// <summary>
    /// Reduced angles of up to <see cref="LuFactors.Lanes"/> transfers, interleaved: lane c of row r at x[Lanes·r + c],
    /// BusCount rows (<see cref="InterleavedRow"/>), lanes past the transfers 0. Each lane the bits
    /// <see cref="SolveTransfer"/> gives its transfer: the factors' solve leaves them so, and a caller reading a branch's flow
    /// in every lane finds each bus's lanes side by side.
    /// </summary>
    internal void SolveTransfersInterleaved(ReadOnlySpan<int> fromBuses, ReadOnlySpan<int> toBuses, Span<double> x)
    {
        const int lanes = LuFactors.Lanes;
        var size = BusCount - 1;
        var count = fromBuses.Length;
        if (count > lanes || toBuses.Length != count)
        {
            throw new ArgumentException($"at most {lanes} transfers, each with both ends");
        }

        x = x[..(lanes * BusCount)];
        x[(lanes * size)..].Clear();
        if (Factorization is null)
        {
            x.Clear();
            return;
        }

        if (LuFactors is { } factors)
        {
            Span<int> plus = stackalloc int[count];
            Span<int> minus = stackalloc int[count];
            ReducedEnds(fromBuses, toBuses, plus, minus);
            factors.SolveTwoEntry(plus, minus, x[..(lanes * size)]);
            return;
        }

        // A factorisation that does not give its factors: solve the blocks, then interleave them.
        var blocks = ArrayPool<double>.Shared.Rent(count * size);
        SolveTransfers(fromBuses, toBuses, blocks.AsSpan(0, count * size));
        x[..(lanes * size)].Clear();
        for (var c = 0; c < count; c++)
        {
            for (var r = 0; r < size; r++)
            {
                x[(lanes * r) + c] = blocks[(c * size) + r];
            }
        }

        ArrayPool<double>.Shared.Return(blocks);
    }

    // Transfers LuFactors.Lanes at a time, each the bits of the factorisation's own solve.
    private void SolveWithFactors(LuFactors factors, ReadOnlySpan<int> fromBuses, ReadOnlySpan<int> toBuses, Span<double> x)
    {
        var size = factors.Dimension;
        var work = ArrayPool<double>.Shared.Rent(LuFactors.Lanes * size);
        Span<int> plus = stackalloc int[LuFactors.Lanes];
        Span<int> minus = stackalloc int[LuFactors.Lanes];
        for (var first = 0; first < fromBuses.Length; first += LuFactors.Lanes)
        {
            var count = Math.Min(LuFactors.Lanes, fromBuses.Length - first);
            ReducedEnds(fromBuses.Slice(first, count), toBuses.Slice(first, count), plus, minus);
            factors.SolveTwoEntry(plus[..count], minus[..count], x.Slice(first * size, count * size), work);
        }

        ArrayPool<double>.Shared.Return(work);
    }

    // The transfers' ends as reduced indices (−1: the reference bus), the right-hand sides' two entries.
    private void ReducedEnds(ReadOnlySpan<int> fromBuses, ReadOnlySpan<int> toBuses, Span<int> plus, Span<int> minus)
    {
        for (var c = 0; c < fromBuses.Length; c++)
        {
            plus[c] = Matrix.ReducedIndex(fromBuses[c]);
            minus[c] = Matrix.ReducedIndex(toBuses[c]);
        }
    }

    private void SetTransfer(int fromBus, int toBus, Span<double> x)
    {
        var rf = Matrix.ReducedIndex(fromBus);
        var rt = Matrix.ReducedIndex(toBus);
        if (rf >= 0)
        {
            x[rf] = 1;
        }

        if (rt >= 0)
        {
            x[rt] = -1;
        }
    }

    /// <summary>Flow on <paramref name="branch"/> from reduced angles (the same bits as <see cref="TransferFlows(int, int)"/>).</summary>
    internal double TransferFlow(ReadOnlySpan<double> x, int branch)
    {
        var rf = _fromReduced[branch];
        var rt = _toReduced[branch];
        return Matrix.Susceptance[branch] * ((rf < 0 ? 0 : x[rf]) - (rt < 0 ? 0 : x[rt]));
    }

    /// <summary>
    /// Σ_k w[k]·H[k, j] for every bus j: the sensitivity of a weighted sum of branch flows to an injection at each bus
    /// (withdrawn at the <see cref="Slack"/>), with ONE transposed solve, however many branches carry a weight. The
    /// marginal-loss model uses it for ∂L/∂P = Hᵀ·(2·r·f/baseMVA) without forming any row.
    /// </summary>
    public void WeightedRow(ReadOnlySpan<double> branchWeights, Span<double> row)
    {
        if (branchWeights.Length != BranchCount || row.Length != BusCount)
        {
            throw new ArgumentException($"need {BranchCount} branch weights and room for {BusCount} bus values");
        }

        row.Clear();
        var factorization = Factorization;
        if (factorization is null)
        {
            return;
        }

        var y = new double[BusCount - 1];
        var b = Matrix.Susceptance;
        for (var k = 0; k < BranchCount; k++)
        {
            var w = branchWeights[k];
            if (w == 0)
            {
                continue;
            }

            var br = Network.Branches[k];
            var rf = Matrix.ReducedIndex(br.From);
            var rt = Matrix.ReducedIndex(br.To);
            if (rf >= 0)
            {
                y[rf] += w * b[k];
            }

            if (rt >= 0)
            {
                y[rt] -= w * b[k];
            }
        }

        factorization.SolveTransposed(y);
        for (var i = 0; i < BusCount; i++)
        {
            var r = Matrix.ReducedIndex(i);
            row[i] = r < 0 ? 0 : y[r];
        }

        if (_slackBuses.Length != 1 || _slackBuses[0] != Network.ReferenceBus)
        {
            var shift = 0.0;
            for (var s = 0; s < _slackBuses.Length; s++)
            {
                shift += _slackWeights[s] * row[_slackBuses[s]];
            }

            for (var j = 0; j < row.Length; j++)
            {
                row[j] -= shift;
            }
        }
    }

    public void Dispose()
    {
        // A factorisation still running is waited for, then freed; a failed one has nothing to free.
        try
        {
            _factoring.Wait();
        }
        catch (AggregateException)
        {
            return;
        }

        _factoring.Result?.Dispose();
    }

    /// <summary>Bus angles (radians, reference 0) for injections in MW that include no phase-shift terms yet.</summary>
    internal void SolveAngles(ReadOnlySpan<double> injectionsMw, Span<double> theta)
    {
        theta.Clear();
        var factorization = Factorization;
        if (factorization is null)
        {
            return;
        }

        var reference = Network.ReferenceBus;
        var baseMva = Network.BaseMva;
        var pbusinj = Matrix.BusShiftInjection;
        var rhs = new double[BusCount - 1];
        for (var i = 0; i < BusCount; i++)
        {
            if (i != reference)
            {
                rhs[i < reference ? i : i - 1] = (injectionsMw[i] / baseMva) - pbusinj[i];
            }
        }

        factorization.Solve(rhs);
        for (var i = 0; i < BusCount; i++)
        {
            if (i != reference)
            {
                theta[i] = rhs[i < reference ? i : i - 1];
            }
        }
    }

    // On first use (it needs the factorisation); concurrent first uses compute the same bits, and one of them is kept.
    private double[] ComputePhaseShiftFlows()
    {
        var flows = new double[Network.BranchCount];
        ComputeFlows(new double[Network.BusCount], flows);
        return Interlocked.CompareExchange(ref _phaseShiftFlows, flows, null) ?? flows;
    }

    private double[] ComputeRow(int branch)
    {
        var row = new double[BusCount];
        var factorization = Factorization;
        if (factorization is null)
        {
            return row;
        }

        var br = Network.Branches[branch];

        // Solve in place in the row's first n − 1 entries, then open the reference's slot (one allocation per row).
        var y = row.AsSpan(0, BusCount - 1);
        var rf = Matrix.ReducedIndex(br.From);
        var rt = Matrix.ReducedIndex(br.To);
        var b = Matrix.Susceptance[branch];
        if (rf >= 0)
        {
            y[rf] += b;
        }

        if (rt >= 0)
        {
            y[rt] -= b;
        }

        // Row k of Bf·B⁻¹ is the solution of Bᵀ·y = Bf[k, :]ᵀ.
        factorization.SolveTransposed(y);
        var reference = Network.ReferenceBus;
        row.AsSpan(reference, BusCount - 1 - reference).CopyTo(row.AsSpan(reference + 1));
        row[reference] = 0;

        if (_slackBuses.Length != 1 || _slackBuses[0] != reference)
        {
            var shift = 0.0;
            for (var s = 0; s < _slackBuses.Length; s++)
            {
                shift += _slackWeights[s] * row[_slackBuses[s]];
            }

            for (var j = 0; j < row.Length; j++)
            {
                row[j] -= shift;
            }
        }

        return row;
    }
}
