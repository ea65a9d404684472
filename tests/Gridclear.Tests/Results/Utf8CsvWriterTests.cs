using System.Text;
using Gridclear.IO.Results;

namespace Gridclear.Tests.Results;

/// <summary>The UTF-8 writer gives the bytes of CsvText's strings: numbers of every size and sign, names that need quotes
/// or are not ASCII, a name longer than its buffer, and enough rows to cross many flushes.</summary>
public sealed class Utf8CsvWriterTests
{
    [Fact]
    public void WritesTheBytesOfTheStringWriter()
    {
        var random = new Random(7);
        double[] special = [0.0, -0.0, 1, -1, 0.1, 1e-300, -1.2345678901234567E-308, double.MaxValue, double.Epsilon, 20.737728695662103, double.NaN, double.PositiveInfinity];
        string[] names = ["g1", "a,b", "say \"hi\"", "Zürich Süd", "línea\nnueva", new string('x', 40_000)];
        var rows = Enumerable.Range(0, 20_000).Select(i => (
            Name: names[i % names.Length],
            Bus: i % 3 == 0 ? -i : i,
            Value: i < special.Length ? special[i] : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12)))).ToList();

        var folder = Directory.CreateTempSubdirectory("utf8csv");
        try
        {
            var strings = Path.Combine(folder.FullName, "strings.csv");
            var bytes = Path.Combine(folder.FullName, "bytes.csv");
            CsvText.WriteFile(strings, "name,bus,value,kind", rows.Select(r => $"{CsvText.Text(r.Name)},{r.Bus.ToString(System.Globalization.CultureInfo.InvariantCulture)},{CsvText.Number(r.Value)},generator"));
            IntervalCsv.Write(bytes, "name,bus,value,kind", [rows], (writer, r) => writer.Text(r.Name).Comma().Integer(r.Bus).Comma().Number(r.Value).Comma().Ascii("generator"));

            Assert.Equal(File.ReadAllBytes(strings), File.ReadAllBytes(bytes));
            Assert.Contains("Zürich Süd", Encoding.UTF8.GetString(File.ReadAllBytes(bytes)), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void SeveralIntervalsAddTheIntervalColumnAsTheStringWriterDoes()
    {
        IReadOnlyList<IReadOnlyList<double>> byInterval = [[1.5, 0], [], [-2.25]];
        var folder = Directory.CreateTempSubdirectory("utf8csv");
        try
        {
            var strings = Path.Combine(folder.FullName, "strings.csv");
            var bytes = Path.Combine(folder.FullName, "bytes.csv");
            IntervalCsv.Write(strings, "lmp", byInterval.Select(i => i.Select(CsvText.Number)).ToList());
            IntervalCsv.Write(bytes, "lmp", byInterval, (writer, v) => writer.Number(v));

            Assert.Equal("interval,lmp\n1,1.5\n1,0\n3,-2.25\n", File.ReadAllText(bytes));
            Assert.Equal(File.ReadAllBytes(strings), File.ReadAllBytes(bytes));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
