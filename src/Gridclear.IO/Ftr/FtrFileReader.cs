using Gridclear.Ftr;
using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Ftr;

/// <summary>
/// Reads the FTR files: auction bids (<c>bid,bidder,source,sink,kind,side,mw,price</c>), outstanding FTRs
/// (<c>ftrs.csv</c>: <c>ftr,holder,source,sink,mw,kind</c>) and auction revenue rights
/// (<c>arrs.csv</c>: <c>arr,holder,source,sink,mw</c>). Every problem is an <see cref="InvalidInputException"/>
/// naming the file, the line and what is wrong. Sources and sinks follow <see cref="FtrLocationResolver"/>.
/// </summary>
public static class FtrFileReader
{
    public const string FtrsFile = "ftrs.csv";
    public const string ArrsFile = "arrs.csv";

    /// <summary>The largest FTR, ARR or request quantity accepted, MW: a thousand times the largest interconnections'
    /// load. Beyond it the LP's numbers lose their meaning (and 1e28 MW overflowed the solver).</summary>
    public const double MaxMw = 1e6;

    /// <summary>The largest bid price accepted, in absolute value, $/MW for the term: a year of a 10,000 $/MWh price
    /// difference is 8.8e7 $/MW. Beyond it (1e308 once crashed the auction) the objective swamps the solver.</summary>
    public const double MaxPricePerMw = 1e9;

    /// <summary>A resolver for the network and a market's hubs and zones (MATPOWER areas when it has none).</summary>
    public static FtrLocationResolver Resolver(Network.Network network, MarketInput input)
    {
        var zones = input.ZonesOf(network).ToDictionary(z => z.Id, z => z.Buses.ToHashSet(), StringComparer.Ordinal);
        return new FtrLocationResolver(
            network,
            input.Hubs.Select(h => new FtrHubDefinition(h.Id, [.. h.Buses.Select(b => b.Bus)], [.. h.Buses.Select(b => b.Weight)])),
            (zone, bus) => zones.TryGetValue(zone, out var set) && set.Contains(bus));
    }

    public static List<OutstandingFtr> ReadOutstanding(string path, FtrLocationResolver resolver) =>
        Outstanding(CsvTable.Read(path, InputFiles.Ftrs), resolver);

    public static List<OutstandingFtr> ParseOutstanding(string text, string source, FtrLocationResolver resolver) =>
        Outstanding(CsvTable.Parse(text, source, InputFiles.Ftrs), resolver);

    /// <param name="outstanding">FTRs held: every sell must be backed by the bidder's holdings on the same path and kind.</param>
    public static List<FtrBid> ReadBids(string path, FtrLocationResolver resolver, IReadOnlyList<OutstandingFtr> outstanding) =>
        Bids(CsvTable.Read(path, InputFiles.FtrBids), resolver, outstanding);

    public static List<FtrBid> ParseBids(string text, string source, FtrLocationResolver resolver, IReadOnlyList<OutstandingFtr> outstanding) =>
        Bids(CsvTable.Parse(text, source, InputFiles.FtrBids), resolver, outstanding);

    public static List<Arr> ReadArrs(string path, FtrLocationResolver resolver) =>
        Arrs(CsvTable.Read(path, InputFiles.Arrs), resolver);

    public static List<Arr> ParseArrs(string text, string source, FtrLocationResolver resolver) =>
        Arrs(CsvTable.Parse(text, source, InputFiles.Arrs), resolver);

    /// <summary>FTR requests on a transmission expansion (F6): <c>request,holder,source,sink,mw</c>, optional
    /// <c>kind</c> (<c>obligation</c> when absent or empty).</summary>
    public static List<FtrExpansionRequest> ReadExpansionRequests(string path, FtrLocationResolver resolver) =>
        ExpansionRequests(CsvTable.Read(path, InputFiles.ExpansionRequests), resolver);

    public static List<FtrExpansionRequest> ParseExpansionRequests(string text, string source, FtrLocationResolver resolver) =>
        ExpansionRequests(CsvTable.Parse(text, source, InputFiles.ExpansionRequests), resolver);

    private static List<FtrExpansionRequest> ExpansionRequests(CsvTable table, FtrLocationResolver resolver)
    {
        var list = new List<FtrExpansionRequest>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = UniqueId(table, row, "request", ids);
            var holder = table.GetString(row, "holder");
            var path = Path(table, row, resolver);
            var mw = PositiveMw(table, row);
            var kind = string.IsNullOrEmpty(table.Has("kind") ? table.GetOptionalString(row, "kind") : null) ? FtrKind.Obligation : Kind(table, row);
            list.Add(new FtrExpansionRequest(id, holder, path, mw, kind));
        }

        return list;
    }

    private static List<OutstandingFtr> Outstanding(CsvTable table, FtrLocationResolver resolver)
    {
        var list = new List<OutstandingFtr>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = UniqueId(table, row, "ftr", ids);
            var holder = table.GetString(row, "holder");
            var path = Path(table, row, resolver);
            var mw = PositiveMw(table, row);
            var kind = Kind(table, row);
            list.Add(new OutstandingFtr(id, holder, path, mw, kind));
        }

        return list;
    }

    private static List<FtrBid> Bids(CsvTable table, FtrLocationResolver resolver, IReadOnlyList<OutstandingFtr> outstanding)
    {
        var held = new Dictionary<(string, string, FtrKind), double>();
        foreach (var f in outstanding)
        {
            var key = (f.Holder, PathKey(f.Path), f.Kind);
            held[key] = held.GetValueOrDefault(key) + f.Mw;
        }

        var list = new List<FtrBid>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = UniqueId(table, row, "bid", ids);
            var bidder = table.GetString(row, "bidder");
            var path = Path(table, row, resolver);
            var kind = Kind(table, row);
            var side = table.GetString(row, "side") switch
            {
                "buy" => FtrSide.Buy,
                "sell" => FtrSide.Sell,
                var s => throw table.Error(row, $"column 'side': '{s}' is not 'buy' or 'sell'"),
            };
            var mw = PositiveMw(table, row);
            var price = table.GetDouble(row, "price");
            if (Math.Abs(price) > MaxPricePerMw)
            {
                throw table.Error(row, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"column 'price': {price:R} $/MW is beyond the limit of ±{MaxPricePerMw:0e0} $/MW"));
            }
            if (side == FtrSide.Sell)
            {
                var key = (bidder, PathKey(path), kind);
                var have = held.GetValueOrDefault(key);
                if (have < mw - 1e-9)
                {
                    throw table.Error(row, $"bid {id}: {bidder} offers {mw} MW of {Text(kind)} {path.Source.Label}→{path.Sink.Label} but holds only {have} MW of it (left unoffered) in {FtrsFile}");
                }

                held[key] = have - mw;
            }

            list.Add(new FtrBid(id, bidder, path, kind, side, mw, price));
        }

        return list;
    }

    private static List<Arr> Arrs(CsvTable table, FtrLocationResolver resolver)
    {
        var list = new List<Arr>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = UniqueId(table, row, "arr", ids);
            list.Add(new Arr(id, table.GetString(row, "holder"), Path(table, row, resolver), PositiveMw(table, row)));
        }

        return list;
    }

    private static string UniqueId(CsvTable table, CsvRow row, string column, HashSet<string> seen)
    {
        var id = table.GetString(row, column);
        if (!seen.Add(id))
        {
            throw table.Error(row, $"{column} '{id}' appears twice");
        }

        return id;
    }

    private static FtrPath Path(CsvTable table, CsvRow row, FtrLocationResolver resolver)
    {
        var source = Location(table, row, "source", resolver);
        var sink = Location(table, row, "sink", resolver);
        if (source.SameAs(sink))
        {
            throw table.Error(row, $"source '{source.Label}' and sink '{sink.Label}' are the same location");
        }

        return new FtrPath(source, sink);
    }

    private static FtrLocation Location(CsvTable table, CsvRow row, string column, FtrLocationResolver resolver) =>
        resolver.TryResolve(table.GetString(row, column), out var location, out var problem)
            ? location
            : throw table.Error(row, $"column '{column}': {problem}");

    private static double PositiveMw(CsvTable table, CsvRow row)
    {
        var mw = table.GetDouble(row, "mw");
        if (mw > MaxMw)
        {
            throw table.Error(row, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"column 'mw': {mw:R} MW is beyond the limit of {MaxMw:0e0} MW"));
        }

        return mw > 0 ? mw : throw table.Error(row, $"column 'mw': {mw} must be positive");
    }

    private static FtrKind Kind(CsvTable table, CsvRow row) => table.GetString(row, "kind") switch
    {
        "obligation" => FtrKind.Obligation,
        "option" => FtrKind.Option,
        var k => throw table.Error(row, $"column 'kind': '{k}' is not 'obligation' or 'option'"),
    };

    internal static string Text(FtrKind kind) => kind == FtrKind.Obligation ? "obligation" : "option";

    private static string PathKey(FtrPath path) => path.Key;
}
