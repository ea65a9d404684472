namespace Gridclear.Solvers;

/// <summary>A column added to a loaded model, with no entries in existing rows (rows added later may use it).</summary>
public sealed record LpColumn(double Lower, double Upper, double Cost);
