using System.Globalization;

namespace Gridclear.IO.Results;

/// <summary>
/// A result file over a run's intervals (FORMATS.md "Time"): with one interval, the header and rows as they are; with
/// more, the column <c>interval</c> first and the rows of every interval, interval 1 first. Written at once, as
/// <see cref="CsvText.WriteFile(string, string, IEnumerable{string})"/> does.
/// </summary>
public static class IntervalCsv
{
    public const string Column = "interval";

    public static void Write(string path, string header, IReadOnlyList<IEnumerable<string>> rowsByInterval)
    {
        if (rowsByInterval.Count == 1)
        {
            CsvText.WriteFile(path, header, rowsByInterval[0]);
            return;
        }

        CsvText.WriteFile(path, writer =>
        {
            writer.Write(Column);
            writer.Write(',');
            writer.Write(header);
            writer.Write('\n');
            for (var k = 0; k < rowsByInterval.Count; k++)
            {
                var number = (k + 1).ToString(CultureInfo.InvariantCulture);
                foreach (var row in rowsByInterval[k])
                {
                    writer.Write(number);
                    writer.Write(',');
                    writer.Write(row);
                    writer.Write('\n');
                }
            }
        });
    }

    /// <summary><see cref="Write(string, string, IReadOnlyList{IEnumerable{string}})"/> for the large files: each row's values
    /// written by <paramref name="writeRow"/> straight to UTF-8 (the same bytes).</summary>
    public static void Write<T>(string path, string header, IReadOnlyList<IReadOnlyList<T>> rowsByInterval, Action<Utf8CsvWriter, T> writeRow) =>
        Utf8CsvWriter.WriteFile(path, writer =>
        {
            var several = rowsByInterval.Count != 1;
            if (several)
            {
                writer.Ascii(Column).Comma();
            }

            writer.Ascii(header).EndRow();
            for (var k = 0; k < rowsByInterval.Count; k++)
            {
                foreach (var row in rowsByInterval[k])
                {
                    if (several)
                    {
                        writer.Integer(k + 1).Comma();
                    }

                    writeRow(writer, row);
                    writer.EndRow();
                }
            }
        });
}
