namespace Gridclear.Designs.FlowPaths;

/// <summary>A path right that a pre-existing contract converts into (001 B, P7).</summary>
/// <param name="RequiredMw">What the contract would need on the path as its holder's own schedule, signed.</param>
/// <param name="Class">Its class as a schedule.</param>
/// <param name="HeldBy">Who holds the right: the operator, for the holder, below forgiveness (released to the
/// holder if the threshold changes, 001 B/C); the holder between and above the thresholds; nobody for an
/// intra-zonal contract or a zero need.</param>
public sealed record ContractRight(string Contract, string Holder, string Path, double RequiredMw, ScheduleClass Class, string? HeldBy);
