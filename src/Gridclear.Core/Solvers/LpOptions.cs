namespace Gridclear.Solvers;

/// <summary>Solver settings.</summary>
/// <param name="MaxSeconds">Wall-clock limit of one solve; the result is <see cref="LpStatus.TimeLimit"/> past it.</param>
/// <param name="Log">When true the native solver prints its log (to the process's native stdout).</param>
/// <param name="Algorithm">The algorithm to use.</param>
/// <param name="Scaling">How the model is scaled; the solver's choice by default.</param>
/// <param name="InteriorPointQp">Whether a quadratic problem of the shape <see cref="Solvers.InteriorPointQp"/> is for (the
/// reserve dispatch in headroom form) is solved there first, the native solver taking what it does not solve; false leaves
/// every solve to the native solver.</param>
public sealed record LpOptions(
    double MaxSeconds = 300, bool Log = false, LpAlgorithm Algorithm = LpAlgorithm.Automatic, LpScaling Scaling = LpScaling.Automatic, bool InteriorPointQp = true)
{
    public static LpOptions Default { get; } = new();
}
