namespace Gridclear.Ftr;

/// <summary>A trading hub as FTR locations see it: external bus ids and their (not yet normalised) weights.</summary>
public sealed record FtrHubDefinition(string Name, IReadOnlyList<int> BusIds, IReadOnlyList<double> Weights);
