using System.Text;
using Spectre.Console;

namespace Gridclear.Cli;

/// <summary>
/// A table of plain-text cells with thousands of rows (the settlement by participant of a 10,000-bus case: 6,000 rows),
/// written exactly as Spectre writes it, without Spectre measuring and rendering every row: on plain output (a pipe or a
/// file) Spectre lays out a sample — the header, the row holding each column's widest cell, the closing row — and every
/// row is then padded into that layout. Rendering each row through Spectre was half of a market run's whole time on that
/// case (BENCHMARKS.md). Whenever the sample's layout is not the plain one-line-per-row grid (a cell wrapped, the table
/// shrank to the console, a character of unusual width, a terminal with styles), the table goes through Spectre whole.
/// </summary>
/// <param name="Title">The title, as markup.</param>
/// <param name="Columns">Header text (plain) and whether the column is right-aligned.</param>
/// <param name="Rows">Cells as plain text.</param>
/// <param name="Closing">A last row, as markup (a total in bold).</param>
internal sealed record LongTable(string Title, IReadOnlyList<(string Header, bool Right)> Columns, IReadOnlyList<string[]> Rows, string[] Closing)
{
    /// <summary>Below this many rows Spectre renders the whole table: the sample would be most of it.</summary>
    private const int MinimumRows = 64;

    public Table ToTable() => Build(Rows);

    /// <summary>Writes the table to <paramref name="console"/>, or as the same text straight to its <paramref name="writer"/>.</summary>
    public void Write(IAnsiConsole console, TextWriter writer)
    {
        if (Rows.Count < MinimumRows || console.Profile.Capabilities.Ansi || !Rows.All(r => r.All(Plain)) || !Columns.All(c => Plain(c.Header))
            || Layout(console.Profile.Width) is not { } layout)
        {
            console.Write(ToTable());
            return;
        }

        var (head, widths, tail) = layout;
        var text = new StringBuilder(head.Length + tail.Length + (Rows.Count * (widths.Sum() + (3 * widths.Length) + 2)));
        text.Append(head);
        foreach (var row in Rows)
        {
            Line(text, row, widths);
        }

        text.Append(tail);
        writer.Write(text.ToString());
    }

    /// <summary>ASCII letters, digits, punctuation and spaces: one column each, no markup to escape beyond what Spectre escapes.</summary>
    private static bool Plain(string cell)
    {
        foreach (var c in cell)
        {
            if (c < ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }

    private Table Build(IEnumerable<string[]> rows)
    {
        var table = new Table().Title(Title);
        foreach (var (header, right) in Columns)
        {
            var column = new TableColumn(Markup.Escape(header));
            table.AddColumn(right ? column.RightAligned() : column);
        }

        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        table.AddRow(Closing);
        return table;
    }

    /// <summary>
    /// Spectre's rendering of the sample, cut into what comes before the rows (title, borders, header), the column widths
    /// and what comes after (the closing row, the bottom border); null unless every sample row is one line that
    /// <see cref="Line"/> reproduces character for character.
    /// </summary>
    private (string Head, int[] Widths, string Tail)? Layout(int width)
    {
        var sample = new SortedSet<int>();
        for (var c = 0; c < Columns.Count; c++)
        {
            var widest = -1;
            for (var r = 0; r < Rows.Count; r++)
            {
                if (widest < 0 || Rows[r][c].Length > Rows[widest][c].Length)
                {
                    widest = r;
                }
            }

            sample.Add(widest);
        }

        var rows = sample.Select(r => Rows[r]).ToList();
        using var rendered = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(rendered),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Write(Build(rows));
        var lines = rendered.ToString().Split('\n');

        var separator = Array.FindIndex(lines, l => l.StartsWith('├'));
        var top = Array.FindIndex(lines, l => l.StartsWith('┌'));
        if (separator < 0 || top < 0 || separator + rows.Count + 2 >= lines.Length || !lines[separator + rows.Count + 2].StartsWith('└'))
        {
            return null;
        }

        // Column widths from the top border: ┌─…─┬─…─┐ with one space of padding either side of each cell.
        var widths = lines[top][1..^1].Split('┬').Select(s => s.Length - 2).ToArray();
        if (widths.Length != Columns.Count || widths.Any(w => w < 0))
        {
            return null;
        }

        var check = new StringBuilder();
        for (var k = 0; k < rows.Count; k++)
        {
            check.Clear();
            Line(check, rows[k], widths);
            if (check.ToString() != lines[separator + 1 + k] + "\n")
            {
                return null;
            }
        }

        var head = string.Join('\n', lines[..(separator + 1)]) + "\n";
        var tail = string.Join('\n', lines[(separator + 1 + rows.Count)..]);
        return (head, widths, tail);
    }

    /// <summary>One row as Spectre draws it on plain output: │ cell │ cell │, padded to the column widths.</summary>
    private void Line(StringBuilder text, string[] row, int[] widths)
    {
        text.Append('│');
        for (var c = 0; c < widths.Length; c++)
        {
            text.Append(' ');
            var cell = row[c];
            var pad = widths[c] - cell.Length;
            if (Columns[c].Right)
            {
                text.Append(' ', Math.Max(0, pad)).Append(cell);
            }
            else
            {
                text.Append(cell).Append(' ', Math.Max(0, pad));
            }

            text.Append(" │");
        }

        text.Append('\n');
    }
}
