namespace Gridclear.Network;

/// <summary>
/// A MATPOWER case as plain data, exactly as read: external bus ids, every row kept (in or out of service).
/// <c>NetworkCompiler</c> turns it into the contiguous, in-service <see cref="Network"/> the markets use.
/// </summary>
/// <param name="Name">The case's function name (or file stem).</param>
/// <param name="BaseMva">mpc.baseMVA.</param>
/// <param name="GenCosts">One row per generator row (same order), or empty when the case has none.</param>
/// <param name="BusNames">mpc.bus_name when present (one per bus row), else null.</param>
/// <param name="SkippedFields">Fields of the file that are not read (e.g. areas, gentype, dcline), once each in file order;
/// empty when built in code. A reader reports them so that a user sees what the model leaves out (a dcline, say).</param>
/// <param name="Source">The file (or source name) the case was read from, for messages that name it; null when built in code.</param>
public sealed record PowerCase(
    string Name,
    double BaseMva,
    IReadOnlyList<CaseBus> Buses,
    IReadOnlyList<CaseGenerator> Generators,
    IReadOnlyList<CaseBranch> Branches,
    IReadOnlyList<CaseGenCost> GenCosts,
    IReadOnlyList<string>? BusNames = null,
    string? Source = null,
    IReadOnlyList<string>? SkippedFields = null);
