using System.Globalization;
using System.Text;
using System.Text.Json;
using Gridclear.Designs.Px;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Px;

/// <summary>How much of the post-contingency library to write out.</summary>
public enum ContingencyFactors
{
    /// <summary>Every changed row written out (factors.csv rows with a contingency) and lodf.csv.</summary>
    Full,

    /// <summary>lodf.csv only: post-contingency rows follow as base + (Σ w·LODF)·H_k (for large cases).</summary>
    Lodf,
}

/// <summary>
/// Writes a <see cref="ShiftFactorLibrary"/> (README "The published shift-factor library"): <c>factors.csv</c>
/// (<c>element,kind,contingency,bus,factor</c>), <c>lodf.csv</c> (<c>contingency,outaged,branch,lodf</c>) and
/// <c>library.json</c>. Rows stream to disk through one buffered writer per file (the library of a large case is
/// gigabytes of text and is never held as text in memory); factors print as shortest round-trip doubles.
/// </summary>
public static class LibraryWriter
{
    public const string FactorsFile = "factors.csv";
    public const string LodfFile = "lodf.csv";
    public const string ManifestFile = "library.json";
    public const string FactorsHeader = "element,kind,contingency,bus,factor";
    public const string LodfHeader = "contingency,outaged,branch,lodf";

    /// <summary>Counts of what was written.</summary>
    public sealed record Written(long BaseRows, long ContingencyRows, long LodfRows, long FactorsBytes);

    /// <param name="minFactor">Factors with |factor| below this are not written (a reader takes them as 0).</param>
    public static Written Write(string directory, ShiftFactorLibrary library, double minFactor, ContingencyFactors mode, string caseName)
    {
        var network = library.Network;
        var n = network.BusCount;
        var busText = network.BusIds.Select(b => b.ToString(CultureInfo.InvariantCulture)).ToArray();
        var elements = library.Elements;
        var prefix = elements.Select(e => $"{Text(e.Name)},{e.Kind},").ToArray();
        long baseRows = 0, contingencyRows = 0, lodfRows = 0;

        // The base rows are kept for the contingency rows (full mode): elements × buses doubles.
        var keep = mode == ContingencyFactors.Full && library.SecuredContingencies.Count > 0;
        var baseRowsKept = keep ? new double[elements.Count][] : [];
        var factorsPath = Path.Combine(directory, FactorsFile);
        using (var writer = new StreamWriter(factorsPath, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            writer.WriteLine(FactorsHeader);
            var row = new double[n];
            for (var e = 0; e < elements.Count; e++)
            {
                library.BaseRow(e, row);
                baseRows += WriteRow(writer, prefix[e], string.Empty, row, busText, minFactor);
                if (keep)
                {
                    baseRowsKept[e] = (double[])row.Clone();
                }
            }

            if (keep)
            {
                foreach (var k in library.SecuredContingencies)
                {
                    var id = Text(library.Contingencies[k].Id);
                    library.ContingencyRows(k, baseRowsKept, (e, r) => contingencyRows += WriteRow(writer, prefix[e], id, r, busText, minFactor));
                }
            }
        }

        using (var writer = new StreamWriter(Path.Combine(directory, LodfFile), false, new UTF8Encoding(false), 1 << 16))
        {
            writer.NewLine = "\n";
            writer.WriteLine(LodfHeader);
            var branches = elements.Where(e => e.Kind == "branch").Select(e => (e.Name, e.BranchWeights[0].Branch)).ToList();
            foreach (var k in library.SecuredContingencies)
            {
                var lodf = library.Lodf(k);
                var c = library.Contingencies[k];
                var outaged = library.BranchName(c.Branch);
                foreach (var (name, l) in branches)
                {
                    if (l != c.Branch && Math.Abs(lodf[l]) > ShiftFactorLibrary.UnchangedLodf)
                    {
                        writer.WriteLine($"{Text(c.Id)},{Text(outaged)},{Text(name)},{Number(lodf[l])}");
                        lodfRows++;
                    }
                }
            }
        }

        var written = new Written(baseRows, contingencyRows, lodfRows, new FileInfo(factorsPath).Length);
        File.WriteAllText(Path.Combine(directory, ManifestFile), Manifest(library, minFactor, mode, caseName, written), new UTF8Encoding(false));
        return written;
    }

    private static long WriteRow(StreamWriter writer, string prefix, string contingency, ReadOnlySpan<double> row, string[] busText, double minFactor)
    {
        long count = 0;
        Span<char> number = stackalloc char[32];
        for (var i = 0; i < row.Length; i++)
        {
            var f = row[i];
            if (f == 0 || Math.Abs(f) < minFactor)
            {
                continue;
            }

            writer.Write(prefix);
            writer.Write(contingency);
            writer.Write(',');
            writer.Write(busText[i]);
            writer.Write(',');
            f.TryFormat(number, out var chars, "R", CultureInfo.InvariantCulture);
            writer.Write(number[..chars]);
            writer.Write('\n');
            count++;
        }

        return count;
    }

    private static string Manifest(ShiftFactorLibrary library, double minFactor, ContingencyFactors mode, string caseName, Written written)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var network = library.Network;
            json.WriteStartObject();
            json.WriteString("version", library.Version);
            json.WriteString("case", caseName);
            json.WriteNumber("buses", network.BusCount);
            json.WriteNumber("branches_in_service", network.BranchCount);
            json.WriteNumber("reference_bus", network.BusIds[network.ReferenceBus]);
            json.WriteString("factor", "MW flow on the element per MW injected at the bus and withdrawn at the reference bus");
            json.WriteStartObject("elements");
            foreach (var kind in new[] { "branch", "interface", "path", "nomogram" })
            {
                json.WriteNumber(kind, library.Elements.Count(e => e.Kind == kind));
            }

            json.WriteEndObject();
            json.WriteNumber("contingencies", library.Contingencies.Count);
            json.WriteNumber("contingencies_secured", library.SecuredContingencies.Count);
            json.WriteString("contingency_factors", mode == ContingencyFactors.Full ? "full" : "lodf");
            json.WriteNumber("min_factor", minFactor);
            json.WriteNumber("base_rows", written.BaseRows);
            json.WriteNumber("contingency_rows", written.ContingencyRows);
            json.WriteNumber("lodf_rows", written.LodfRows);
            json.WriteString("rule", "a factor absent from factors.csv is below min_factor in magnitude; an element absent under a contingency keeps its base-case factors; "
                + "post-contingency factor of an element = base + (sum over its branches of weight x LODF(branch, outaged)) x base factor of the outaged branch");
            json.WriteStartArray("notes");
            foreach (var note in library.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
