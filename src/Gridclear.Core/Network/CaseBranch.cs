namespace Gridclear.Network;

/// <summary>One row of a MATPOWER <c>branch</c> matrix.</summary>
/// <param name="R">Resistance, p.u. (ignored by DC models).</param>
/// <param name="X">Reactance, p.u. Negative values are used as given; zero is invalid.</param>
/// <param name="RateA">Long-term rating, MVA; 0 (or ≥ 1e10) means unlimited.</param>
/// <param name="Ratio">TAP, off-nominal turns ratio; 0 means 1.</param>
/// <param name="AngleDeg">SHIFT, phase-shift angle in degrees (positive: delay).</param>
/// <param name="Status">BR_STATUS: 1 in service.</param>
/// <param name="AngMinDeg">ANGMIN, minimum angle difference θf − θt, degrees.</param>
/// <param name="AngMaxDeg">ANGMAX, maximum angle difference θf − θt, degrees.</param>
/// <param name="SourceLine">1-based line of the row in the file it was read from; 0 when not read from a file.</param>
public sealed record CaseBranch(
    int FromBus, int ToBus, double R, double X, double B,
    double RateA, double RateB, double RateC, double Ratio, double AngleDeg, int Status,
    double AngMinDeg = -360, double AngMaxDeg = 360, int SourceLine = 0)
{
    public bool InService => Status > 0;
}
