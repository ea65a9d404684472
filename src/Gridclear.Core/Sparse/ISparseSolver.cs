namespace Gridclear.Sparse;

/// <summary>Factorises square sparse matrices (KLU in production).</summary>
public interface ISparseSolver
{
    string Name { get; }

    /// <summary>Factorises <paramref name="matrix"/>; throws <see cref="InvalidOperationException"/> when it is singular.</summary>
    ISparseFactorization Factor(SparseMatrix matrix);
}
