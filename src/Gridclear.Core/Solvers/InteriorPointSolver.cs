namespace Gridclear.Solvers;

/// <summary>
/// A solver that takes the quadratic problems <see cref="InteriorPointQp"/> is for (few rows, Q in small blocks: the
/// dispatch with quadratic costs, its reserve and marginal-loss forms) and leaves the rest to <paramref name="native"/>:
/// linear problems, problems of another shape, and any solve the interior point does not finish at an optimum that
/// passes <see cref="Optimality"/>. Clp's QP barrier pays for a KKT factorisation of columns + 2·rows whose cost in
/// Debian's build grows with its square (BENCHMARKS.md, "Reserves in headroom form"); this one factorises the rows'
/// normal equations.
/// </summary>
public sealed class InteriorPointSolver(ILpSolver native) : ILpSolver
{
    public string Name => native.Name;

    /// <summary>The solver of <paramref name="options"/>: this one over <paramref name="native"/> when
    /// <see cref="LpOptions.InteriorPointQp"/> is on (the default), the native solver alone otherwise.</summary>
    public static ILpSolver Over(ILpSolver native, LpOptions options) =>
        options.InteriorPointQp && native is not InteriorPointSolver ? new InteriorPointSolver(native) : native;

    public ILpModel Load(LpProblem problem, LpOptions options) =>
        problem.IsQuadratic && options.InteriorPointQp ? new Model(native, problem, options) : native.Load(problem, options);

    /// <summary>A quadratic model solved by the interior point where it can, by the native solver otherwise.</summary>
    private sealed class Model(ILpSolver native, LpProblem problem, LpOptions options) : CopiedQuadraticModel(problem)
    {
        public override LpSolution Solve()
        {
            var reduction = Presolve.Of(Problem);
            if (InteriorPointQp.Solve(reduction?.Reduced ?? Problem) is { Status: LpStatus.Optimal } own
                && (reduction?.Expand(own) ?? own) is { Status: LpStatus.Optimal } solution)
            {
                return solution;
            }

            using var model = native.Load(Problem, options);
            return model.Solve();
        }
    }
}
