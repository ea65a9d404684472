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

    /// <summary>Writes a whole file at once (UTF-8, no BOM, \n line ends) so a failed run leaves no half-written file.</summary>
    public static void WriteFile(string path, string header, IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        sb.Append(header).Append('\n');
        foreach (var line in lines)
        {
            sb.Append(line).Append('\n');
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }
}
