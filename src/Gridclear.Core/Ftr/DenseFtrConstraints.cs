namespace Gridclear.Ftr;

/// <summary>
/// Constraints held as explicit dense rows. For small networks and tests; large networks use the day-ahead
/// market's security model, which computes rows from shift and outage factors on demand.
/// </summary>
public sealed class DenseFtrConstraints : IFtrConstraints
{
    private readonly double[][] _rows;
    private readonly (double Lower, double Upper)[] _limits;
    private readonly FtrConstraintName[] _names;

    public DenseFtrConstraints(int busCount, IReadOnlyList<double[]> rows, IReadOnlyList<(double Lower, double Upper)> limits, IReadOnlyList<FtrConstraintName> names)
    {
        if (rows.Count != limits.Count || rows.Count != names.Count)
        {
            throw new ArgumentException("rows, limits and names differ in count");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != busCount)
            {
                throw new ArgumentException($"row {i} has {rows[i].Length} coefficients for {busCount} buses");
            }

            if (limits[i].Lower > limits[i].Upper)
            {
                throw new ArgumentException($"row {i}: lower limit above upper");
            }
        }

        BusCount = busCount;
        _rows = [.. rows];
        _limits = [.. limits];
        _names = [.. names];
    }

    public int BusCount { get; }

    public int Count => _rows.Length;

    public void Activities(ReadOnlySpan<double> injections, Span<double> activity)
    {
        for (var i = 0; i < _rows.Length; i++)
        {
            var row = _rows[i];
            var s = 0.0;
            for (var b = 0; b < row.Length; b++)
            {
                s += row[b] * injections[b];
            }

            activity[i] = s;
        }
    }

    public void Coefficients(int constraint, Span<double> row) => _rows[constraint].CopyTo(row);

    public (double Lower, double Upper) Limits(int constraint) => _limits[constraint];

    public FtrConstraintName Describe(int constraint) => _names[constraint];
}
