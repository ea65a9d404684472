using Gridclear.IO.Csv;
using Gridclear.IO.Results;

namespace Gridclear.Service.Files;

/// <summary>CSV text handled as rows with the project's own CSV reader (same dialect and messages as the CLI).</summary>
public static class CsvSource
{
    /// <summary>Parses <paramref name="text"/> requiring <paramref name="required"/>; errors name <paramref name="file"/>.
    /// Every column of the header can be read (the service reads rows to route and merge them; which columns a file may
    /// have is the market-folder reader's check, run on the assembled folder).</summary>
    public static CsvTable Parse(string text, string file, params string[] required) => CsvTable.Parse(text, file, required, HeaderOf(text));

    /// <summary>The names of the first line that is neither blank nor a comment (quotes removed), as the reader finds it.</summary>
    private static string[] HeaderOf(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim().TrimStart('\uFEFF');
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                return trimmed.Split(',').Select(n => n.Trim().Trim('"').Trim()).Where(n => n.Length > 0).ToArray();
            }
        }

        return [];
    }

    /// <summary>The index of a column in a table's header (case-insensitive, as the reader matches), or -1.</summary>
    public static int Column(CsvTable table, string column)
    {
        for (var i = 0; i < table.Header.Count; i++)
        {
            if (string.Equals(table.Header[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes a header and rows as CSV text (\n line ends, fields quoted only when they must be).</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendJoin(',', header.Select(CsvText.Text)).Append('\n');
        foreach (var row in rows)
        {
            sb.AppendJoin(',', row.Select(CsvText.Text)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// The rows of <paramref name="text"/> whose <paramref name="column"/> passes <paramref name="keep"/>, as CSV text with the
    /// same header; the others become comment lines, so every kept row stays on its line and errors still name it.
    /// </summary>
    public static string KeepRows(string text, string file, string column, Func<string, bool> keep)
    {
        var table = Parse(text, file, column);
        var c = Column(table, column);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var dropped = table.Rows.Where(r => !keep(r.Fields[c])).ToList();
        if (dropped.Count == 0)
        {
            return text;
        }

        foreach (var row in dropped)
        {
            // A record spanning lines (a quoted line break) is rewritten from its fields instead: rare, and correct.
            var span = 1 + row.Fields.Sum(f => f.Count(ch => ch == '\n'));
            for (var k = 0; k < span && row.Line - 1 + k < lines.Length; k++)
            {
                lines[row.Line - 1 + k] = "# (left out)";
            }
        }

        return string.Join('\n', lines);
    }
}
