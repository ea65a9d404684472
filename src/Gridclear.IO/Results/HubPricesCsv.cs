using Gridclear.Settlement;

namespace Gridclear.IO.Results;

/// <summary><c>hubs.csv</c> of a run's results: <c>hub,price</c> (FORMATS.md).</summary>
public static class HubPricesCsv
{
    public const string FileName = "hubs.csv";

    public static void Write(TextWriter writer, IEnumerable<HubPrice> prices)
    {
        writer.Write("hub,price\n");
        foreach (var p in prices)
        {
            writer.Write($"{CsvText.Field(p.Hub)},{CsvText.Price(p.Price)}\n");
        }
    }

    public static void Write(string path, IEnumerable<HubPrice> prices)
    {
        using var writer = new StreamWriter(path);
        Write(writer, prices);
    }
}
