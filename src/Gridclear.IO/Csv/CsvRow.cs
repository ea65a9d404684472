namespace Gridclear.IO.Csv;

/// <summary>One data row of a <see cref="CsvTable"/>: its fields (unquoted; unquoted fields trimmed) and the 1-based
/// line it starts on, for error messages. Read values through the table's typed getters.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);
