using System.Globalization;
using Gridclear.IO.Csv;
using Gridclear.IO.Files;
using Gridclear.Market;
using Gridclear.Settlement;

namespace Gridclear.IO.Market;

/// <summary>
/// cfds.csv (M2): <c>cfd,holder,counterparty,location,mw,strike,kind</c>, kind <c>cfd</c> or <c>call_option</c>,
/// optional <c>term_start</c>, <c>term_end</c> (yyyy-mm-dd, inclusive) and <c>interval</c>. The location is a bus
/// number of the network, a hub of hubs.csv or a zone (zones.csv, or the case's area); checked before anything clears.
/// </summary>
public static class CfdFileReader
{
    public const string CfdsFile = "cfds.csv";

    /// <summary>The instruments of the folder, or an empty list when it has no cfds.csv.</summary>
    public static IReadOnlyList<Cfd> Read(string marketDirectory, Gridclear.Network.Network network, MarketInput input)
    {
        var path = Path.Combine(marketDirectory, CfdsFile);
        if (FileKinds.Of(path) == FileKind.Missing)
        {
            return [];
        }

        var table = CsvTable.Read(path, InputFiles.Cfds);
        var known = KnownLocations(network, input);
        var cfds = new List<Cfd>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = table.GetString(row, "cfd");
            var interval = table.Has("interval") ? table.GetOptionalInt(row, "interval") : null;
            if (interval is < 1)
            {
                throw table.Error(row, $"column 'interval': {interval} is out of range (intervals are numbered from 1)");
            }

            var location = Location(table, row, known);
            var kind = Kind(table, row);
            var start = Day(table, row, "term_start");
            var end = Day(table, row, "term_end");
            if ((start is null) != (end is null) || start > end)
            {
                throw table.Error(row, "a term needs both term_start and term_end, the end not before the start (or neither)");
            }

            if (interval is null && lineOf.TryGetValue(id, out var first))
            {
                throw table.Error(row, $"cfd {id} is listed twice (first on line {first})");
            }

            lineOf.TryAdd(id, row.Line);
            var holder = table.GetString(row, "holder");
            var counterparty = table.GetString(row, "counterparty");
            var mw = table.GetDouble(row, "mw");
            var strike = table.GetDouble(row, "strike");
            cfds.Add(table.Checked(row, () => new Cfd(id, holder, counterparty, location, mw, strike, kind, start, end, interval)));
        }

        return cfds;
    }

    /// <summary>The day-ahead price at an instrument's location: the bus LMP, else the hub's price, else the zone's load price.</summary>
    public static Func<Cfd, double> Prices(IReadOnlyDictionary<int, double> busLmp, IReadOnlyList<HubPrice> hubs, IReadOnlyList<ZonalPrice> zonal) =>
        c => int.TryParse(c.Location, NumberStyles.None, CultureInfo.InvariantCulture, out var bus) && busLmp.TryGetValue(bus, out var lmp)
            ? lmp
            : hubs.FirstOrDefault(h => h.Hub == c.Location) is { } hub
                ? hub.Price
                : zonal.First(z => z.Zone == c.Location).LoadPrice;

    /// <summary>Whether a location names a bus of the network, a hub or a zone.</summary>
    internal static Func<string, bool> KnownLocations(Gridclear.Network.Network network, MarketInput input)
    {
        var hubs = input.Hubs.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var zones = input.ZonesOf(network).Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        return location => (int.TryParse(location, NumberStyles.None, CultureInfo.InvariantCulture, out var bus) && network.TryGetBusIndex(bus, out _))
            || hubs.Contains(location) || zones.Contains(location);
    }

    /// <summary>The row's <c>location</c>, which must be known.</summary>
    internal static string Location(CsvTable table, CsvRow row, Func<string, bool> known)
    {
        var location = table.GetString(row, "location");
        return known(location)
            ? location
            : throw table.Error(row, $"column 'location': '{location}' is neither a bus of the network, a hub ({MarketFolderReader.HubsFile}) nor a zone");
    }

    /// <summary>The row's <c>kind</c>: <c>cfd</c> or <c>call_option</c>.</summary>
    internal static CfdKind Kind(CsvTable table, CsvRow row) => table.GetString(row, "kind") switch
    {
        "cfd" => CfdKind.Cfd,
        "call_option" => CfdKind.CallOption,
        var other => throw table.Error(row, $"column 'kind': '{other}' is not cfd or call_option"),
    };

    /// <summary>The text cfds.csv writes for a kind.</summary>
    public static string Text(CfdKind kind) => kind == CfdKind.CallOption ? "call_option" : "cfd";

    internal static DateOnly? Day(CsvTable table, CsvRow row, string column)
    {
        var text = table.Has(column) ? table.GetOptionalString(row, column) : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw table.Error(row, $"column '{column}': '{text}' is not a date (yyyy-mm-dd)");
    }
}
