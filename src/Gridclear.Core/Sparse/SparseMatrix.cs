namespace Gridclear.Sparse;

/// <summary>A square or rectangular matrix in compressed sparse column form (row indices sorted within a column); the
/// index and value arrays may run past <see cref="NonZeros"/> (a builder that compacted them in place).</summary>
public sealed record SparseMatrix(int Rows, int Columns, int[] ColumnStarts, int[] RowIndices, double[] Values)
{
    public int NonZeros => ColumnStarts[Columns];
}
