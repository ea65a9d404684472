namespace Gridclear.Solvers;

/// <summary>A column added to a loaded model: its bounds, cost and entries in existing rows (none by default; rows
/// added later may use it). <paramref name="Rows"/> and <paramref name="Values"/> pair up, each row at most once.</summary>
/// <param name="StartAtUpper">Where a warm re-solve starts the column: at its upper bound instead of its lower. Put
/// it on the bound its reduced cost favours and the basis stays dual feasible (the dual simplex stays warm).</param>
public sealed record LpColumn(double Lower, double Upper, double Cost, int[]? Rows = null, double[]? Values = null, bool StartAtUpper = false)
{
    public int EntryCount => Rows?.Length ?? 0;
}
