namespace Gridclear.Solvers;

/// <summary>
/// A primal-dual interior-point method (Mehrotra's predictor-corrector) for convex QPs with few rows and a
/// block-diagonal Q, written for the market's dispatch QPs (<see cref="InteriorPointSolver"/>): thousands of columns
/// (energy, reserve steps, demand-curve segments) in at most a few hundred rows (balance, requirements, minimum outputs,
/// binding flows, loss cuts), with Q in blocks of one generator's columns. Each iteration factorises the normal equations A·H⁻¹·Aᵀ (rows × rows, dense)
/// with H = Q + the barrier's diagonal inverted block by block, so an iteration costs about Σ (rows a block touches)² ·
/// (its columns) — a millisecond where Clp's KKT factorisation in Debian's build costs (columns + 2·rows)²
/// (BENCHMARKS.md, "Reserves in headroom form").
/// <para>Each row lower ≤ a·x ≤ upper with lower &lt; upper gets a slack w = a·x carrying the row's bounds; the solve
/// ends when the residuals are below <see cref="Tolerance"/> and <see cref="PrimalTolerance"/> and every complementarity
/// product below <see cref="Complementarity"/>, so the point passes
/// <see cref="Optimality"/> with room (a Clp barrier point stops at a relative gap and does not). Fixed columns must be
/// taken out first (<see cref="Presolve"/>): a column with equal bounds has no interior.</para>
/// </summary>
public static partial class InteriorPointQp
{
    /// <summary>Dual residuals this small end the solve ($/MWh).</summary>
    public const double Tolerance = 1e-9;

    /// <summary>Primal residuals this small, relative to the largest right-hand side, end the solve (a 70 GW balance to
    /// 7e-5 MW; 1e-12 left most of the loss iteration's solves stalled at their limit with no change to its course).</summary>
    public const double PrimalTolerance = 1e-9;

    /// <summary>Every complementarity product this small ends the solve: a tenth of what <see cref="Optimality"/> allows.</summary>
    public const double Complementarity = 0.1 * Optimality.DualTolerance;

    /// <summary>Iterations before giving up (a solve that converges takes 20–40).</summary>
    public const int MaxIterations = 100;

    /// <summary>Rows beyond this and the dense normal equations stop paying; the caller solves otherwise.</summary>
    public const int MaxRows = 800;

    /// <summary>A block of Q beyond this many columns is not inverted densely; the caller solves otherwise.</summary>
    public const int MaxBlock = 32;

    /// <summary>Multiply-adds per iteration beyond which the caller's solver is the better choice.</summary>
    public const double MaxWork = 5e7;

    /// <summary>The share of the longest step to the boundary that is taken.</summary>
    private const double StepShare = 0.995;

    /// <summary>A row with more entries than this is held dense (<see cref="Shape.Dense"/>).</summary>
    private const int DenseEntries = 64;

    /// <summary>Dense rows × columns held at most (32 MB); beyond, every row stays sparse.</summary>
    private const double MaxDenseValues = 4e6;

    /// <summary>Every product s·z at the start (at most the largest cost): columns sit mid-range, rows' slacks at their
    /// activity moved inside their bounds (on case_ACTIVSg10k's reserve QP: 43 iterations; 1: 60, 1e5: 47).</summary>
    private const double StartProduct = 1e3;

    /// <summary>Added to H's diagonal: a free column without a quadratic term keeps H invertible.</summary>
    private const double Regularisation = 1e-10;

    private static readonly bool Trace = Environment.GetEnvironmentVariable("GRIDCLEAR_TRACE") == "1";

    /// <summary>
    /// Solves <paramref name="problem"/> (no fixed columns); null when it is not of the shape this method is for (too many
    /// rows, a large block of Q, too much work per iteration, a fixed column). A solve that does not converge, or whose
    /// point misses <see cref="Optimality"/>, ends <see cref="LpStatus.Failed"/>.
    /// </summary>
    public static LpSolution? Solve(LpProblem problem)
    {
        var shape = Shape.Of(problem);
        if (shape is null)
        {
            return null;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = new Iteration(problem, shape).Run();
        if (Trace)
        {
            var dense = Enumerable.Range(0, shape.Rows).Count(k => problem.Rows[shape.RowOf[k]].Columns.Length > DenseEntries);
            Console.Error.WriteLine($"ipm: {shape.Columns} columns, {shape.Rows} rows ({dense} with over {DenseEntries} entries), {shape.Blocks.Length} blocks: {result.Status} in {result.Iterations} iterations, {watch.Elapsed.TotalMilliseconds:F1} ms");
        }

        return result;
    }
}
