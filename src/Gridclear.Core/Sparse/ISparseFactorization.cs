namespace Gridclear.Sparse;

/// <summary>A factorised square sparse matrix A that solves A·x = b and Aᵀ·x = b in place.</summary>
public interface ISparseFactorization : IDisposable
{
    int Dimension { get; }

    /// <summary>Overwrites <paramref name="rhs"/> (b) with x, where A·x = b.</summary>
    void Solve(Span<double> rhs);

    /// <summary>
    /// Overwrites <paramref name="count"/> right-hand sides stored one after another in <paramref name="rhs"/> (each of
    /// length <see cref="Dimension"/>) with their solutions, each the same bits as <see cref="Solve(Span{double})"/>
    /// gives it alone. A factorisation may solve them together, reading its factors once for several.
    /// </summary>
    void Solve(Span<double> rhs, int count)
    {
        for (var c = 0; c < count; c++)
        {
            Solve(rhs.Slice(c * Dimension, Dimension));
        }
    }

    /// <summary>Overwrites <paramref name="rhs"/> (b) with x, where Aᵀ·x = b.</summary>
    void SolveTransposed(Span<double> rhs);

    /// <summary>
    /// The factors themselves, when this factorisation can give them in the form <see cref="LuFactors"/> holds (its solves
    /// then being the bits <see cref="LuFactors.SolveTwoEntry(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{double}, Span{double})"/> repeats); null otherwise. A copy, made on each call.
    /// </summary>
    LuFactors? Factors() => null;
}
