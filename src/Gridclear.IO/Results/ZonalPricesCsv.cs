using Gridclear.Settlement;

namespace Gridclear.IO.Results;

/// <summary><c>zonal.csv</c>: <c>zone,load_price,generation_price</c> (FORMATS.md), then <c>load_basis,generation_basis</c>.</summary>
public static class ZonalPricesCsv
{
    public const string FileName = "zonal.csv";

    public static void Write(TextWriter writer, IEnumerable<ZonalPrice> prices)
    {
        writer.Write("zone,load_price,generation_price,load_basis,generation_basis\n");
        foreach (var p in prices)
        {
            writer.Write($"{CsvText.Field(p.Zone)},{CsvText.Price(p.LoadPrice)},{CsvText.Price(p.GenerationPrice)},{p.LoadBasis},{p.GenerationBasis}\n");
        }
    }

    public static void Write(string path, IEnumerable<ZonalPrice> prices)
    {
        using var writer = new StreamWriter(path);
        Write(writer, prices);
    }
}
