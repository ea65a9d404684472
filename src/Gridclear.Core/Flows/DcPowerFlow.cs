using Gridclear.Sparse;

namespace Gridclear.Flows;

/// <summary>
/// MATPOWER's DC power flow (rundcpf): every generator at its case PG, loads at PD + GS, the reference bus
/// supplies the balance. Solves B·θ = P − Pbusinj with the reference angle fixed, then PF = base·(Bf·θ + Pfinj).
/// </summary>
public static class DcPowerFlow
{
    /// <param name="referenceAngleDeg">The reference bus's angle (MATPOWER keeps the case VA), degrees.</param>
    public static DcPowerFlowResult Solve(Network.Network network, ISparseSolver solver, double referenceAngleDeg = 0)
    {
        var injections = new double[network.BusCount];
        for (var i = 0; i < network.BusCount; i++)
        {
            injections[i] = -network.BusLoadMw[i];
        }

        foreach (var g in network.Generators)
        {
            injections[g.Bus] += g.PgMw;
        }

        using var shiftFactors = new ShiftFactors(network, solver);
        return Solve(shiftFactors, injections, referenceAngleDeg);
    }

    /// <summary>
    /// DC power flow for given bus injections (MW); the reference bus's own entry is ignored and replaced by the
    /// balance. Reuses the factorisation held by <paramref name="shiftFactors"/>.
    /// </summary>
    public static DcPowerFlowResult Solve(ShiftFactors shiftFactors, ReadOnlySpan<double> injectionsMw, double referenceAngleDeg = 0)
    {
        var network = shiftFactors.Network;
        var n = network.BusCount;
        if (injectionsMw.Length != n)
        {
            throw new ArgumentException($"need {n} bus injections; got {injectionsMw.Length}", nameof(injectionsMw));
        }

        var theta = new double[n];
        shiftFactors.SolveAngles(injectionsMw, theta);

        var flows = new double[network.BranchCount];
        var b = shiftFactors.Matrix.Susceptance;
        var pfinj = shiftFactors.Matrix.BranchShiftInjection;
        var baseMva = network.BaseMva;
        for (var k = 0; k < flows.Length; k++)
        {
            var br = network.Branches[k];
            flows[k] = baseMva * ((b[k] * (theta[br.From] - theta[br.To])) + pfinj[k]);
        }

        // Net injection at every bus from the flows (Cftᵀ·PF): at the reference this is the balancing injection.
        var injections = new double[n];
        for (var k = 0; k < flows.Length; k++)
        {
            var br = network.Branches[k];
            injections[br.From] += flows[k];
            injections[br.To] -= flows[k];
        }

        var reference = network.ReferenceBus;
        var referenceInjection = injections[reference];
        injections = injectionsMw.ToArray();
        injections[reference] = referenceInjection;

        var angles = new double[n];
        var referenceRad = referenceAngleDeg * Math.PI / 180.0;
        for (var i = 0; i < n; i++)
        {
            angles[i] = (theta[i] + referenceRad) * 180.0 / Math.PI;
        }

        return new DcPowerFlowResult(angles, flows, injections, referenceInjection + network.BusLoadMw[reference]);
    }
}
