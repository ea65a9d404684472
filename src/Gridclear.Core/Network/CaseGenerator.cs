namespace Gridclear.Network;

/// <summary>One row of a MATPOWER <c>gen</c> matrix (first ten columns; the rest are not used by DC models).</summary>
/// <param name="Bus">External bus number the generator connects to.</param>
/// <param name="Pg">Real power output in the case, MW (the DC power flow's set point).</param>
/// <param name="Status">GEN_STATUS: &gt; 0 in service.</param>
/// <param name="Pmax">Maximum real output, MW.</param>
/// <param name="Pmin">Minimum real output, MW.</param>
/// <param name="SourceLine">1-based line of the row in the file it was read from; 0 when not read from a file.</param>
public sealed record CaseGenerator(
    int Bus, double Pg, double Qg, double Qmax, double Qmin, double Vg, double MBase,
    int Status, double Pmax, double Pmin, int SourceLine = 0)
{
    public bool InService => Status > 0;
}
