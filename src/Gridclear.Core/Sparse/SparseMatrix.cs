namespace Gridclear.Sparse;

/// <summary>A square or rectangular matrix in compressed sparse column form (row indices sorted within a column).</summary>
public sealed record SparseMatrix(int Rows, int Columns, int[] ColumnStarts, int[] RowIndices, double[] Values)
{
    public int NonZeros => ColumnStarts[Columns];
}
