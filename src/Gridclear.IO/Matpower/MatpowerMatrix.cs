namespace Gridclear.IO.Matpower;

/// <summary>
/// A numeric matrix literal as written in a case file (<c>mpc.bus = [ … ];</c>), row-major, with the 1-based
/// line of every value so that a bad value is reported where the user will find it. The arrays may run past
/// <see cref="Rows"/> × <see cref="Columns"/> (the scanner's spare capacity); only that prefix is read.
/// </summary>
internal sealed class MatpowerMatrix
{
    private readonly double[] _values;
    private readonly int[] _valueLines;

    public MatpowerMatrix(string field, int startLine, int rows, int columns, double[] values, int[] valueLines)
    {
        Field = field;
        StartLine = startLine;
        Rows = rows;
        Columns = columns;
        _values = values;
        _valueLines = valueLines;
    }

    /// <summary>The mpc field it was assigned to, e.g. <c>bus</c>.</summary>
    public string Field { get; }

    /// <summary>Line of the <c>mpc.field = [</c> that opens it.</summary>
    public int StartLine { get; }

    public int Rows { get; }

    public int Columns { get; }

    public double this[int row, int column] => _values[(row * Columns) + column];

    /// <summary>Line of the first value of a row.</summary>
    public int RowLine(int row) => _valueLines[row * Columns];

    public int ValueLine(int row, int column) => _valueLines[(row * Columns) + column];
}
