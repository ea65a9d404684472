using System.Globalization;
using System.Text;
using Gridclear.IO.Files;

namespace Gridclear.IO.Csv;

/// <summary>
/// A small CSV table with a header row, for the CSV inputs of FORMATS.md. Errors are
/// <see cref="InvalidInputException"/>s naming the file, the 1-based line and the problem, e.g.
/// <c>offers.csv:7: column 'mw': 'abc' is not a number</c>.
/// <para>The dialect (RFC 4180 plus what spreadsheets and hand-editing produce):</para>
/// <list type="bullet">
/// <item>UTF-8, with or without a byte-order mark; line ends LF, CRLF or CR.</item>
/// <item>The first line that is neither blank nor a comment is the header. Column names are matched ignoring case and
/// surrounding spaces; a name given twice is an error; a column that is neither required nor optional is an error
/// naming it (a misspelled optional column must not be silently ignored), except the free-form note columns
/// <see cref="FreeFormColumns"/>. A file's columns are declared in one place, <see cref="InputFiles"/>.</item>
/// <item>Blank lines (only spaces) are skipped. A line whose first non-blank character is <c>#</c> is a comment and
/// skipped: hand-written market folders need them, and no id in FORMATS.md starts with <c>#</c> (quote it if one
/// does: <c>"#1"</c>). Only whole lines are comments; a <c>#</c> inside a field is data.</item>
/// <item>Fields are separated by commas. Unquoted fields are trimmed. A quoted field (<c>"a, b"</c>) keeps its
/// content exactly, may contain commas, line breaks and doubled quotes (<c>""</c> for <c>"</c>), and may be surrounded
/// by spaces; anything else after its closing quote is an error.</item>
/// <item>Every row has exactly as many fields as the header (a different count is an error naming both).</item>
/// <item>Numbers use the invariant culture (<c>1234.5</c>, <c>-3e2</c>; no thousands separators); NaN and infinities
/// are refused. Booleans are <c>true/false</c>, <c>1/0</c> or <c>yes/no</c>, ignoring case. An empty field is
/// "no value": required getters refuse it, optional getters return their default.</item>
/// </list>
/// </summary>
public sealed class CsvTable
{
    private static readonly string[] TrueWords = ["true", "1", "yes"];
    private static readonly string[] FalseWords = ["false", "0", "no"];

    private readonly Dictionary<string, int> _columnIndex;
    private IReadOnlyDictionary<string, ColumnLimit>? _limits;

    /// <summary>Columns any input file may carry for people: their content is never read.</summary>
    public static IReadOnlyList<string> FreeFormColumns { get; } = ["note", "notes", "comment", "comments", "description"];

    private CsvTable(string source, int headerLine, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows, Dictionary<string, int> columnIndex)
    {
        Source = source;
        HeaderLine = headerLine;
        Header = header;
        Rows = rows;
        _columnIndex = columnIndex;
    }

    /// <summary>The file (as the caller named it), used in every error.</summary>
    public string Source { get; }

    /// <summary>1-based line of the header row (1 unless comments or blank lines precede it).</summary>
    public int HeaderLine { get; }

    /// <summary>The column names as written (trimmed).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows in file order.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>
    /// Reads a CSV file. Every column of <paramref name="required"/> must be in the header. Only
    /// <paramref name="required"/> and <paramref name="optional"/> columns can be read: the optional ones may be absent
    /// (see <see cref="Has"/>). A file that cannot be read is an <see cref="InvalidInputException"/> too.
    /// </summary>
    public static CsvTable Read(string path, IReadOnlyCollection<string> required, IReadOnlyCollection<string>? optional = null) =>
        Parse(InputText.Read(path), path, required, optional);

    /// <summary>Reads a CSV file with the columns of <paramref name="schema"/>.</summary>
    public static CsvTable Read(string path, CsvSchema schema) => Read(path, [.. schema.Required], [.. schema.Optional]).WithLimits(schema.Limits);

    /// <summary>Parses CSV text with the columns of <paramref name="schema"/>.</summary>
    public static CsvTable Parse(string text, string source, CsvSchema schema) => Parse(text, source, [.. schema.Required], [.. schema.Optional]).WithLimits(schema.Limits);

    /// <summary>Makes every numeric getter refuse a number beyond its column's limit (file and line in the error).</summary>
    public CsvTable WithLimits(IReadOnlyDictionary<string, ColumnLimit>? limits)
    {
        _limits = limits;
        return this;
    }

    /// <summary>Parses CSV text; <paramref name="source"/> names it in errors. Same rules as reading a file.</summary>
    public static CsvTable Parse(string text, string source, IReadOnlyCollection<string> required, IReadOnlyCollection<string>? optional = null)
    {
        var records = Tokenize(text, source);
        if (records.Count == 0)
        {
            throw new InvalidInputException(source, 1, $"the file has no header row (expected columns: {string.Join(",", required)})");
        }

        var (headerLine, header) = records[0];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (name.Length == 0)
            {
                continue;
            }

            if (!index.TryAdd(name, i))
            {
                throw new InvalidInputException(source, headerLine, $"column '{name}' appears twice in the header");
            }
        }

        var known = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in required)
        {
            if (!index.TryGetValue(column, out var i))
            {
                throw new InvalidInputException(source, headerLine, $"missing column '{column}' (header: {string.Join(",", header)}; required: {string.Join(",", required)})");
            }

            known[column] = i;
        }

        foreach (var column in optional ?? [])
        {
            known[column] = index.TryGetValue(column, out var i) ? i : -1;
        }

        foreach (var name in header)
        {
            if (name.Length > 0 && !known.ContainsKey(name) && !FreeFormColumns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidInputException(
                    source,
                    headerLine,
                    $"unknown column '{name}' (columns of this file: {string.Join(",", known.Keys)}; free-form notes: {string.Join(",", FreeFormColumns)})");
            }
        }

        // Which columns hold checked text (free-form notes may hold anything), decided once for the header.
        var checkedColumn = header.Select(h => h.Length > 0 && !FreeFormColumns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToArray();
        var rows = new List<CsvRow>(records.Count - 1);
        for (var r = 1; r < records.Count; r++)
        {
            var (line, fields) = records[r];
            if (fields.Count != header.Count)
            {
                throw new InvalidInputException(source, line, $"the row has {fields.Count} field(s) but the header has {header.Count} ({string.Join(",", header)})");
            }

            for (var f = 0; f < fields.Count; f++)
            {
                if (checkedColumn[f] && InputText.UnsafeText(fields[f]) is { } problem)
                {
                    throw new InvalidInputException(source, line, $"column '{header[f]}': {problem}");
                }
            }

            rows.Add(new CsvRow(line, fields));
        }

        return new CsvTable(source, headerLine, header, rows, known);
    }

    /// <summary>
    /// The same table (source, header, declared columns) holding only <paramref name="rows"/>, which keep their line
    /// numbers, so errors about them still name the right line (one interval's rows of a file, for example).
    /// </summary>
    public CsvTable WithRows(IReadOnlyList<CsvRow> rows) => new CsvTable(Source, HeaderLine, Header, rows, _columnIndex).WithLimits(_limits);

    /// <summary>True when the (required or optional) column is in the header.</summary>
    public bool Has(string column) => ColumnIndex(column) >= 0;

    /// <summary>The error for a row: throw it (<c>throw table.Error(row, "…")</c>).</summary>
    public InvalidInputException Error(CsvRow row, string problem) => new(Source, row.Line, problem);

    /// <summary>Runs a record constructor for a row, turning the <see cref="ArgumentException"/> of a rule it checks
    /// into an error on the row (file and line).</summary>
    public T Checked<T>(CsvRow row, Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw Error(row, e.Message);
        }
    }

    /// <summary><see cref="Checked{T}(CsvRow, Func{T})"/> with the constructor's arguments passed in, so a static lambda
    /// serves every row (no closure per row in a file of thousands).</summary>
    public T Checked<TArguments, T>(CsvRow row, TArguments arguments, Func<TArguments, T> make)
    {
        try
        {
            return make(arguments);
        }
        catch (ArgumentException e)
        {
            throw Error(row, e.Message);
        }
    }

    /// <summary>The error for a line of this file, or for the file as a whole (null).</summary>
    public InvalidInputException Error(int? line, string problem) => new(Source, line, problem);

    /// <summary>The field's text, which must not be empty.</summary>
    public string GetString(CsvRow row, string column) =>
        GetOptionalString(row, column) ?? throw Error(row, $"column '{column}' is empty");

    /// <summary>The field's text, or null when the column is absent or the field empty.</summary>
    public string? GetOptionalString(CsvRow row, string column)
    {
        var i = ColumnIndex(column);
        if (i < 0)
        {
            return null;
        }

        var value = row.Fields[i];
        return value.Length == 0 ? null : value;
    }

    /// <summary>A finite number (invariant culture).</summary>
    public double GetDouble(CsvRow row, string column) => ParseDouble(row, column, GetString(row, column));

    /// <summary>A finite number, or <paramref name="whenEmpty"/> when the column is absent or the field empty.</summary>
    public double GetDouble(CsvRow row, string column, double whenEmpty) =>
        GetOptionalString(row, column) is { } text ? ParseDouble(row, column, text) : whenEmpty;

    /// <summary>A 32-bit integer.</summary>
    public int GetInt(CsvRow row, string column) => ParseInt(row, column, GetString(row, column));

    /// <summary>A 32-bit integer, or null when the column is absent or the field empty.</summary>
    public int? GetOptionalInt(CsvRow row, string column) =>
        GetOptionalString(row, column) is { } text ? ParseInt(row, column, text) : null;

    /// <summary>true/false, 1/0 or yes/no, ignoring case.</summary>
    public bool GetBool(CsvRow row, string column) => ParseBool(row, column, GetString(row, column));

    /// <summary>A boolean, or <paramref name="whenEmpty"/> when the column is absent or the field empty.</summary>
    public bool GetBool(CsvRow row, string column, bool whenEmpty) =>
        GetOptionalString(row, column) is { } text ? ParseBool(row, column, text) : whenEmpty;

    /// <summary>One of an enum's names, ignoring case (numbers are refused); the error lists the names in lower case,
    /// as FORMATS.md writes them.</summary>
    public T GetEnum<T>(CsvRow row, string column)
        where T : struct, Enum
    {
        var text = GetString(row, column);
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<T>(name);
            }
        }

        throw Error(row, $"column '{column}': '{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }

    private int ColumnIndex(string column) =>
        _columnIndex.TryGetValue(column, out var i)
            ? i
            : throw new InvalidOperationException($"column '{column}' of {Source} was not declared as required or optional when the table was read");

    private double ParseDouble(CsvRow row, string column, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(row, $"column '{column}': '{text}' is not a number");
        }

        if (!double.IsFinite(value))
        {
            throw Error(row, $"column '{column}': '{text}' is not a finite number");
        }

        if (_limits is not null && _limits.TryGetValue(column, out var limit) && InputLimits.Beyond(value, limit.Max, $"column '{column}':", limit.Unit) is { } problem)
        {
            throw Error(row, problem);
        }

        return value;
    }

    private int ParseInt(CsvRow row, string column, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(row, $"column '{column}': '{text}' is not an integer");

    private bool ParseBool(CsvRow row, string column, string text)
    {
        if (TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase)
            ? false
            : throw Error(row, $"column '{column}': '{text}' is not true or false");
    }

    /// <summary>Splits the text into records (line, fields), skipping blank and comment lines.</summary>
    private static List<(int Line, IReadOnlyList<string> Fields)> Tokenize(string text, string source)
    {
        var records = new List<(int, IReadOnlyList<string>)>();
        var pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        var field = new StringBuilder();

        while (pos < text.Length)
        {
            // At the start of a line: skip blank and comment lines whole.
            var lineEnd = pos;
            while (lineEnd < text.Length && text[lineEnd] != '\n' && text[lineEnd] != '\r')
            {
                lineEnd++;
            }

            var content = text.AsSpan(pos, lineEnd - pos).Trim();
            if (content.IsEmpty || content[0] == '#')
            {
                pos = SkipNewline(text, lineEnd);
                line++;
                continue;
            }

            var start = line;
            var fields = new List<string>();
            while (true)
            {
                // One field, starting at pos.
                var p = pos;
                while (p < text.Length && (text[p] == ' ' || text[p] == '\t'))
                {
                    p++;
                }

                field.Clear();
                if (p < text.Length && text[p] == '"')
                {
                    var quoteLine = line;
                    p++;
                    while (true)
                    {
                        if (p >= text.Length)
                        {
                            throw new InvalidInputException(source, quoteLine, "a quoted field is not closed (missing '\"')");
                        }

                        var c = text[p];
                        if (c == '"')
                        {
                            if (p + 1 < text.Length && text[p + 1] == '"')
                            {
                                field.Append('"');
                                p += 2;
                                continue;
                            }

                            p++;
                            break;
                        }

                        if (c == '\r' || c == '\n')
                        {
                            var next = SkipNewline(text, p);
                            field.Append(text, p, next - p);
                            p = next;
                            line++;
                            continue;
                        }

                        field.Append(c);
                        p++;
                    }

                    while (p < text.Length && (text[p] == ' ' || text[p] == '\t'))
                    {
                        p++;
                    }

                    if (p < text.Length && text[p] != ',' && text[p] != '\r' && text[p] != '\n')
                    {
                        throw new InvalidInputException(source, line, $"unexpected '{text[p]}' after a closing quote (a quote inside a quoted field is written \"\")");
                    }

                    fields.Add(field.ToString());
                }
                else
                {
                    var end = p;
                    while (end < text.Length && text[end] != ',' && text[end] != '\r' && text[end] != '\n')
                    {
                        end++;
                    }

                    fields.Add(text.AsSpan(p, end - p).Trim().ToString());
                    p = end;
                }

                if (p < text.Length && text[p] == ',')
                {
                    pos = p + 1;
                    continue;
                }

                // End of the record: a line break or the end of the text.
                pos = SkipNewline(text, p);
                line++;
                break;
            }

            records.Add((start, fields));
        }

        return records;
    }

    /// <summary>The position after the line break at <paramref name="p"/> (CRLF, LF or CR), or p at the end.</summary>
    private static int SkipNewline(string text, int p)
    {
        if (p >= text.Length)
        {
            return p;
        }

        return text[p] == '\r' && p + 1 < text.Length && text[p + 1] == '\n' ? p + 2 : p + 1;
    }
}
