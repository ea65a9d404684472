using System.Globalization;
using System.Text;

namespace Gridclear.IO.Results;

/// <summary>How result files write values: invariant culture, shortest round-trip doubles, quoted text when needed.</summary>
public static class CsvText
{
    /// <summary>Shortest text that reads back to the same double, so identities (lmp = energy + congestion) hold exactly.</summary>
    public static string Number(double value) =>
        value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Text(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>Writes a CSV file: the header, then one line each (UTF-8, no BOM, \n line ends), as <see cref="WriteFile(string, Action{TextWriter})"/> does.</summary>
    public static void WriteFile(string path, string header, IEnumerable<string> lines) =>
        WriteFile(path, writer =>
        {
            writer.Write(header);
            writer.Write('\n');
            foreach (var line in lines)
            {
                writer.Write(line);
                writer.Write('\n');
            }
        });

    /// <summary>
    /// Streams a file (UTF-8, no BOM) into a temporary file beside <paramref name="path"/> and renames it into place
    /// when complete, so a failed run leaves no half-written file, and a day's 600,000 rows never sit in memory
    /// as one string.
    /// </summary>
    public static void WriteFile(string path, Action<TextWriter> write) =>
        WriteFile(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            write(writer);
        });

    /// <summary><see cref="WriteFile(string, Action{TextWriter})"/> for a writer of bytes.</summary>
    public static void WriteFile(string path, Action<Stream> write)
    {
        var partial = path + ".partial";
        try
        {
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }
}
