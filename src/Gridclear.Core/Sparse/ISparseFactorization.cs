namespace Gridclear.Sparse;

/// <summary>A factorised square sparse matrix A that solves A·x = b and Aᵀ·x = b in place.</summary>
public interface ISparseFactorization : IDisposable
{
    int Dimension { get; }

    /// <summary>Overwrites <paramref name="rhs"/> (b) with x, where A·x = b.</summary>
    void Solve(Span<double> rhs);

    /// <summary>Overwrites <paramref name="rhs"/> (b) with x, where Aᵀ·x = b.</summary>
    void SolveTransposed(Span<double> rhs);
}
