namespace Gridclear.Network;

/// <summary>An in-service branch of a compiled <see cref="Network"/>, by internal bus index.</summary>
/// <param name="CaseRow">0-based row of the branch in the case's branch matrix (for results named by the case).</param>
/// <param name="From">Internal index of the from bus.</param>
/// <param name="To">Internal index of the to bus.</param>
/// <param name="Susceptance">b = 1/(x·tap), p.u. on the case base; flow PF = base·b·(θf − θt − shift).</param>
/// <param name="RatingMw">RATE_A in MW, or +∞ when unlimited (RATE_A 0 or ≥ 1e10).</param>
/// <param name="ShiftRad">Phase-shift angle, radians.</param>
/// <param name="AngleMinRad">Minimum θf − θt, radians, or −∞ when unconstrained.</param>
/// <param name="AngleMaxRad">Maximum θf − θt, radians, or +∞ when unconstrained.</param>
/// <param name="ResistancePu">Series resistance r, p.u. on the case base: only the marginal-loss model
/// (<c>--losses marginal</c>) reads it, as L = r·f²/baseMVA with f in MW.</param>
public sealed record NetworkBranch(
    int CaseRow, int From, int To, double Susceptance, double RatingMw, double ShiftRad,
    double AngleMinRad, double AngleMaxRad, double ResistancePu = 0)
{
    public bool IsLimited => !double.IsPositiveInfinity(RatingMw);

    public bool IsPhaseShifter => ShiftRad != 0;

    public bool HasAngleLimits => !double.IsNegativeInfinity(AngleMinRad) || !double.IsPositiveInfinity(AngleMaxRad);
}
