namespace Gridclear.IO.Csv;

/// <summary>
/// The columns a CSV input file may have: <see cref="Required"/> ones must be in its header, <see cref="Optional"/>
/// ones may be. Any other column is an error naming it (a misspelled optional column, <c>coun</c> for
/// <c>counterparty</c>, must not be silently ignored), except the free-form note columns of
/// <see cref="CsvTable.FreeFormColumns"/>. Every input file has its schema in <see cref="InputFiles"/>.
/// </summary>
/// <param name="File">The file name, e.g. <c>offers.csv</c>.</param>
/// <param name="Limits">The largest magnitude of numeric columns (<see cref="InputLimits"/>): a number beyond it is
/// refused with the file and line by every getter.</param>
public sealed record CsvSchema(string File, IReadOnlyList<string> Required, IReadOnlyList<string> Optional, IReadOnlyDictionary<string, ColumnLimit>? Limits = null)
{
    /// <summary>Every column the file may have, required first.</summary>
    public IEnumerable<string> Columns => Required.Concat(Optional);

    /// <summary>The same schema with more optional columns (a reader's own, merged with the declared ones).</summary>
    public CsvSchema WithOptional(IEnumerable<string> more) =>
        this with { Optional = [.. Optional.Concat(more.Where(c => !Columns.Contains(c, StringComparer.OrdinalIgnoreCase))).Distinct(StringComparer.OrdinalIgnoreCase)] };
}

/// <summary>The largest magnitude of a numeric column and its unit, for messages.</summary>
public sealed record ColumnLimit(double Max, string Unit);
