using System.Text;
using Gridclear.IO.Files;
using Gridclear.Network;

namespace Gridclear.IO.Matpower;

/// <summary>
/// Reads MATPOWER case files (format version 2, as written by MATPOWER's savecase and by PGLib-OPF) into a
/// <see cref="PowerCase"/>: bus, gen, branch, and optionally gencost and bus_name; other fields are skipped.
/// Every problem with the input is an <see cref="InvalidInputException"/> naming the file and the 1-based line.
/// </summary>
public static class MatpowerReader
{
    /// <summary>Reads a case file. The path, as given, names the file in error messages.</summary>
    public static PowerCase ReadFile(string path)
    {
        // Scanned as the file's bytes where they lie: no copy, no decoded text (BENCHMARKS.md, "page faults").
        MatpowerFile file;
        using (var input = MappedInput.Open(path, "the case file"))
        {
            file = MatpowerScanner.Scan(input.Bytes, path);
        }

        return MatpowerCaseBuilder.Build(file, path);
    }

    /// <summary>Parses the text of a case file; <paramref name="sourceName"/> names it in error messages.</summary>
    public static PowerCase Parse(string text, string sourceName)
    {
        var file = MatpowerScanner.Scan(Encoding.UTF8.GetBytes(text), sourceName);
        return MatpowerCaseBuilder.Build(file, sourceName);
    }
}
