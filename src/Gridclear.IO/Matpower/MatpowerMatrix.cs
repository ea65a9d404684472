namespace Gridclear.IO.Matpower;

/// <summary>
/// A numeric matrix literal as written in a case file (<c>mpc.bus = [ … ];</c>), row-major, with the 1-based
/// line of every value so that a bad value is reported where the user will find it. The values may run past
/// <see cref="Rows"/> × <see cref="Columns"/> (the scanner's spare capacity); only that prefix is read.
/// </summary>
internal sealed class MatpowerMatrix
{
    private readonly double[] _values;
    private readonly Lines _lines;

    public MatpowerMatrix(string field, int startLine, int rows, int columns, double[] values, Lines lines)
    {
        Field = field;
        StartLine = startLine;
        Rows = rows;
        Columns = columns;
        _values = values;
        _lines = lines;
    }

    /// <summary>The mpc field it was assigned to, e.g. <c>bus</c>.</summary>
    public string Field { get; }

    /// <summary>Line of the <c>mpc.field = [</c> that opens it.</summary>
    public int StartLine { get; }

    public int Rows { get; }

    public int Columns { get; }

    public double this[int row, int column] => _values[(row * Columns) + column];

    /// <summary>Line of the first value of a row.</summary>
    public int RowLine(int row) => _lines.RowFirst[row];

    public int ValueLine(int row, int column)
    {
        // The last move to a later line at or before this value, if it is inside the row.
        var index = (row * Columns) + column;
        var moves = _lines.Moves;
        var lo = 0;
        var hi = moves.Count - 1;
        var found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (moves[mid].Index <= index)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && moves[found].Index >= row * Columns ? moves[found].Line : RowLine(row);
    }

    /// <summary>Where the values are: the line of each row's first value, and each value (by index) where a row moves to
    /// a later line (a '...' continuation), in order.</summary>
    internal sealed record Lines(int[] RowFirst, List<(int Index, int Line)> Moves);

    /// <summary>Collects <see cref="Lines"/> value by value as the scanner reads them.</summary>
    internal sealed class LineBook
    {
        private readonly List<int> _rowFirst = [];
        private readonly List<(int Index, int Line)> _moves = [];
        private int _current;

        /// <param name="index">The value's index in the matrix, row-major.</param>
        /// <param name="startsRow">Whether it is its row's first value.</param>
        public void Add(int index, bool startsRow, int line)
        {
            if (startsRow)
            {
                _rowFirst.Add(line);
            }
            else if (line != _current)
            {
                _moves.Add((index, line));
            }

            _current = line;
        }

        public Lines Done() => new([.. _rowFirst], _moves);
    }
}
