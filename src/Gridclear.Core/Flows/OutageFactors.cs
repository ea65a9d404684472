namespace Gridclear.Flows;

/// <summary>
/// Line outage distribution factors (LODF): for an outage of branch k, the change of flow on branch l per MW that
/// k carried before: LODF_lk = PTDF_l·(e_fk − e_tk) / (1 − PTDF_k·(e_fk − e_tk)), LODF_kk = −1. One forward solve
/// per outage. An outage that splits an island (a bridge) has no LODF: <see cref="Islands"/> says so and
/// <see cref="Column(int)"/> refuses rather than dividing by ≈ 0. Thread-safe like <see cref="ShiftFactors"/>.
/// </summary>
public sealed class OutageFactors
{
    // Found on first use (a depth-first search over the whole network): a clear with no contingencies never asks.
    private readonly Lazy<bool[]> _bridges;

    public OutageFactors(ShiftFactors shiftFactors)
    {
        ShiftFactors = shiftFactors;
        _bridges = new Lazy<bool[]>(() => NetworkTopology.Bridges(shiftFactors.Network));
    }

    public ShiftFactors ShiftFactors { get; }

    /// <summary>True when taking <paramref name="outagedBranch"/> out splits the network (it is a bridge).</summary>
    public bool Islands(int outagedBranch)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)outagedBranch, (uint)_bridges.Value.Length, nameof(outagedBranch));
        return _bridges.Value[outagedBranch];
    }

    /// <summary>LODF of every branch (length BranchCount) for the outage of <paramref name="outagedBranch"/>.</summary>
    /// <exception cref="InvalidOperationException">The outage islands the network.</exception>
    public double[] Column(int outagedBranch)
    {
        var column = new double[ShiftFactors.BranchCount];
        _ = Column(outagedBranch, column, new double[Math.Max(0, ShiftFactors.BusCount - 1)]);
        return column;
    }

    /// <summary><see cref="Column(int)"/> into caller-owned spans (the same bits): <paramref name="column"/> has length
    /// BranchCount, <paramref name="scratch"/> length BusCount − 1.</summary>
    /// <returns>The denominator 1 − PTDF_k·(e_fk − e_tk): the share of a transfer between k's ends that takes other paths.</returns>
    /// <exception cref="InvalidOperationException">The outage islands the network.</exception>
    public double Column(int outagedBranch, Span<double> column, Span<double> scratch)
    {
        if (Islands(outagedBranch))
        {
            var br = ShiftFactors.Network.Branches[outagedBranch];
            throw new InvalidOperationException(
                $"outage of branch {outagedBranch} (case row {br.CaseRow + 1}, buses {ShiftFactors.Network.BusIds[br.From]}-{ShiftFactors.Network.BusIds[br.To]}) splits the network: no outage factors");
        }

        var k = ShiftFactors.Network.Branches[outagedBranch];
        ShiftFactors.TransferFlows(k.From, k.To, column, scratch);
        var denominator = 1.0 - column[outagedBranch];
        for (var l = 0; l < column.Length; l++)
        {
            column[l] /= denominator;
        }

        column[outagedBranch] = -1.0;
        return denominator;
    }

    /// <summary>
    /// LODF of <paramref name="lines"/> only (into <paramref name="factors"/>, the same bits as <see cref="Column(int)"/>'s
    /// entries), skipping the flows of every other branch. <paramref name="scratch"/> has length BusCount − 1.
    /// </summary>
    /// <returns>The denominator 1 − PTDF_k·(e_fk − e_tk).</returns>
    internal double Factors(int outagedBranch, ReadOnlySpan<int> lines, Span<double> factors, Span<double> scratch)
    {
        var k = ShiftFactors.Network.Branches[outagedBranch];
        var denominator = 1.0;
        if (k.From != k.To)
        {
            ShiftFactors.SolveTransfer(k.From, k.To, scratch);
            denominator = 1.0 - ShiftFactors.TransferFlow(scratch, outagedBranch);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i];
            factors[i] = l == outagedBranch ? -1.0 : (k.From == k.To ? 0.0 : ShiftFactors.TransferFlow(scratch, l)) / denominator;
        }

        return denominator;
    }

    /// <summary>
    /// <see cref="Factors(int, ReadOnlySpan{int}, Span{double}, Span{double})"/> for several outages with one block solve
    /// (the same bits): <paramref name="factors"/> receives one block of lines.Length factors per outage,
    /// <paramref name="denominators"/> one per outage; <paramref name="scratch"/> has (BusCount − 1) per outage.
    /// </summary>
    internal void Factors(ReadOnlySpan<int> outagedBranches, ReadOnlySpan<int> lines, Span<double> factors, Span<double> denominators, Span<double> scratch)
    {
        var count = outagedBranches.Length;
        var size = ShiftFactors.BusCount - 1;
        Span<int> from = stackalloc int[count];
        Span<int> to = stackalloc int[count];
        for (var c = 0; c < count; c++)
        {
            var k = ShiftFactors.Network.Branches[outagedBranches[c]];
            from[c] = k.From;
            to[c] = k.To;
        }

        ShiftFactors.SolveTransfers(from, to, scratch);
        for (var c = 0; c < count; c++)
        {
            var x = scratch.Slice(c * size, size);
            var outaged = outagedBranches[c];
            var selfLoop = from[c] == to[c];
            var denominator = selfLoop ? 1.0 : 1.0 - ShiftFactors.TransferFlow(x, outaged);
            denominators[c] = denominator;
            var block = factors.Slice(c * lines.Length, lines.Length);
            for (var i = 0; i < lines.Length; i++)
            {
                var l = lines[i];
                block[i] = l == outaged ? -1.0 : (selfLoop ? 0.0 : ShiftFactors.TransferFlow(x, l)) / denominator;
            }
        }
    }
}
