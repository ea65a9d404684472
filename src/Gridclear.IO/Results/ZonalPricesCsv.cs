using Gridclear.Settlement;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Results;

/// <summary><c>zonal.csv</c>: <c>zone,load_price,generation_price</c> (FORMATS.md), then <c>load_basis,generation_basis</c>
/// (which weights each price came from, <see cref="PriceBasis"/>). Prices as lmp.csv writes them (round-trip).</summary>
public static class ZonalPricesCsv
{
    public const string FileName = "zonal.csv";

    public const string Header = "zone,load_price,generation_price,load_basis,generation_basis";

    public static IEnumerable<string> Rows(IEnumerable<ZonalPrice> prices) =>
        prices.Select(p => $"{Text(p.Zone)},{Number(p.LoadPrice)},{Number(p.GenerationPrice)},{p.LoadBasis},{p.GenerationBasis}");

    public static void Write(string directory, IEnumerable<ZonalPrice> prices) =>
        WriteFile(Path.Combine(directory, FileName), Header, Rows(prices));
}
