namespace Gridclear.Network;

/// <summary>One row of a MATPOWER <c>bus</c> matrix, as written in the case (external bus id).</summary>
/// <param name="Id">BUS_I, the external bus number.</param>
/// <param name="Type">BUS_TYPE: 1 PQ, 2 PV, 3 reference, 4 isolated.</param>
/// <param name="Pd">Real power demand, MW (negative occurs).</param>
/// <param name="Qd">Reactive demand, MVAr (unused by DC models).</param>
/// <param name="Gs">Shunt conductance, MW demanded at 1 p.u. voltage: counts as load in DC models.</param>
/// <param name="Bs">Shunt susceptance, MVAr injected at 1 p.u. voltage.</param>
/// <param name="Area">Area number: the default zone.</param>
/// <param name="BaseKv">Base voltage, kV.</param>
/// <param name="SourceLine">1-based line of the row in the file it was read from; 0 when not read from a file.</param>
public sealed record CaseBus(
    int Id, int Type, double Pd, double Qd, double Gs, double Bs, int Area,
    double Vm, double Va, double BaseKv, int Zone, double Vmax, double Vmin, int SourceLine = 0)
{
    public const int Reference = 3;
    public const int Isolated = 4;
}
