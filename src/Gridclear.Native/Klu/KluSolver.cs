using Gridclear.Sparse;

namespace Gridclear.Native.Klu;

/// <summary>SuiteSparse KLU (libklu.so.1): sparse LU with BTF and AMD ordering, made for circuit matrices.</summary>
public sealed class KluSolver : ISparseSolver
{
    public string Name => "KLU";

    /// <inheritdoc />
    public ISparseFactorization Factor(SparseMatrix matrix) => new KluFactorization(matrix);
}
