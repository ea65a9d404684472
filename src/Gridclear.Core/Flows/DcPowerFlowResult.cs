namespace Gridclear.Flows;

/// <summary>A DC power flow's solution.</summary>
/// <param name="BusAngleDeg">Voltage angle of each bus (internal index), degrees, the reference at the case's VA.</param>
/// <param name="BranchFlowMw">PF of each branch (internal index), MW, from → to; PT = −PF.</param>
/// <param name="BusInjectionMw">Net injection (generation − load) of each bus, MW, the reference's after balancing.</param>
/// <param name="ReferenceGenerationMw">Total generation the reference bus supplies to balance the system, MW.</param>
public sealed record DcPowerFlowResult(
    IReadOnlyList<double> BusAngleDeg,
    IReadOnlyList<double> BranchFlowMw,
    IReadOnlyList<double> BusInjectionMw,
    double ReferenceGenerationMw);
