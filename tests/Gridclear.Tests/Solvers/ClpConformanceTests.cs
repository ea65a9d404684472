using Gridclear.Native.Clp;
using Gridclear.Solvers;

namespace Gridclear.Tests.Solvers;

/// <summary>Clp passes the conformance suite, plus checks of what only Clp does.</summary>
public sealed class ClpConformanceTests : LpSolverConformance
{
    protected override ILpSolver CreateSolver() => new ClpSolver();

    [Fact]
    public void Name_carries_the_library_version() => Assert.Matches(@"^clp \d+\.\d+", new ClpSolver().Name);
}
