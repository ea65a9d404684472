using Gridclear.Settlement;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Results;

/// <summary><c>hubs.csv</c> of a run's results: <c>hub,price</c> (FORMATS.md). Prices round-trip, as in lmp.csv.</summary>
public static class HubPricesCsv
{
    public const string FileName = "hubs.csv";

    public const string Header = "hub,price";

    public static IEnumerable<string> Rows(IEnumerable<HubPrice> prices) =>
        prices.Select(p => $"{Text(p.Hub)},{Number(p.Price)}");

    public static void Write(string directory, IEnumerable<HubPrice> prices) =>
        WriteFile(Path.Combine(directory, FileName), Header, Rows(prices));
}
