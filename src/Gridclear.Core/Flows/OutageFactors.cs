namespace Gridclear.Flows;

/// <summary>
/// Line outage distribution factors (LODF): for an outage of branch k, the change of flow on branch l per MW that
/// k carried before: LODF_lk = PTDF_l·(e_fk − e_tk) / (1 − PTDF_k·(e_fk − e_tk)), LODF_kk = −1. One forward solve
/// per outage. An outage that splits an island (a bridge) has no LODF: <see cref="Islands"/> says so and
/// <see cref="Column"/> refuses rather than dividing by ≈ 0. Thread-safe like <see cref="ShiftFactors"/>.
/// </summary>
public sealed class OutageFactors
{
    private readonly bool[] _bridges;

    public OutageFactors(ShiftFactors shiftFactors)
    {
        ShiftFactors = shiftFactors;
        _bridges = NetworkTopology.Bridges(shiftFactors.Network);
    }

    public ShiftFactors ShiftFactors { get; }

    /// <summary>True when taking <paramref name="outagedBranch"/> out splits the network (it is a bridge).</summary>
    public bool Islands(int outagedBranch)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)outagedBranch, (uint)_bridges.Length, nameof(outagedBranch));
        return _bridges[outagedBranch];
    }

    /// <summary>LODF of every branch (length BranchCount) for the outage of <paramref name="outagedBranch"/>.</summary>
    /// <exception cref="InvalidOperationException">The outage islands the network.</exception>
    public double[] Column(int outagedBranch)
    {
        if (Islands(outagedBranch))
        {
            var br = ShiftFactors.Network.Branches[outagedBranch];
            throw new InvalidOperationException(
                $"outage of branch {outagedBranch} (case row {br.CaseRow + 1}, buses {ShiftFactors.Network.BusIds[br.From]}-{ShiftFactors.Network.BusIds[br.To]}) splits the network: no outage factors");
        }

        var k = ShiftFactors.Network.Branches[outagedBranch];
        var column = ShiftFactors.TransferFlows(k.From, k.To);
        var denominator = 1.0 - column[outagedBranch];
        for (var l = 0; l < column.Length; l++)
        {
            column[l] /= denominator;
        }

        column[outagedBranch] = -1.0;
        return column;
    }
}
