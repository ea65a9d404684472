using Gridclear.Ftr;
using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Ftr;

/// <summary>
/// Reads the FTR files: auction bids (<c>bid,bidder,source,sink,kind,side,mw,price</c>), outstanding FTRs
/// (<c>ftrs.csv</c>: <c>ftr,holder,source,sink,mw,kind</c>, optional <c>term_start,term_end</c> (yyyy-mm-dd, inclusive,
/// at most a year; both or neither) and <c>settle_at</c> (<c>bus</c>, the default, or <c>zone</c>); bids take the same
/// optional columns) and auction revenue rights
/// (<c>arrs.csv</c>: <c>arr,holder,source,sink,mw</c>). Every problem is an <see cref="InvalidInputException"/>
/// naming the file, the line and what is wrong. Sources and sinks follow <see cref="FtrLocationResolver"/>.
/// </summary>
public static class FtrFileReader
{
    public const string FtrsFile = "ftrs.csv";
    public const string ArrsFile = "arrs.csv";

    /// <summary>The largest FTR, ARR or request quantity accepted, MW: the input limit of every MW column
    /// (<see cref="InputLimits.MaxMw"/>); beyond it the LP's numbers lose their meaning (1e28 MW overflowed the solver).</summary>
    public const double MaxMw = InputLimits.MaxMw;

    /// <summary>The largest bid price accepted, in absolute value, $/MW for the term: a year of a 10,000 $/MWh price
    /// difference is 8.8e7 $/MW. Beyond it (1e308 once crashed the auction) the objective swamps the solver.</summary>
    public const double MaxPricePerMw = 1e9;

    /// <summary>A resolver for the network and a market's hubs and zones (MATPOWER areas when it has none).</summary>
    public static FtrLocationResolver Resolver(Network.Network network, MarketInput input)
    {
        var zones = input.ZonesOf(network).ToDictionary(z => z.Id, z => z.Buses.ToHashSet(), StringComparer.Ordinal);
        var zoneOf = new Dictionary<int, string>();
        foreach (var z in input.ZonesOf(network))
        {
            foreach (var b in z.Buses)
            {
                zoneOf.TryAdd(b, z.Id);
            }
        }

        return new FtrLocationResolver(
            network,
            input.Hubs.Select(h => new FtrHubDefinition(h.Id, [.. h.Buses.Select(b => b.Bus)], [.. h.Buses.Select(b => b.Weight)])),
            (zone, bus) => zones.TryGetValue(zone, out var set) && set.Contains(bus),
            bus => zoneOf.GetValueOrDefault(bus));
    }

    /// <param name="flowgates">The paths and nomograms that rights of kind <c>flowgate</c> and <c>nomogram</c> may name
    /// (F9); null: such rows are refused.</param>
    public static List<OutstandingFtr> ReadOutstanding(string path, FtrLocationResolver resolver, FtrFlowgates? flowgates = null) =>
        Outstanding(CsvTable.Read(path, InputFiles.Ftrs), resolver, flowgates);

    public static List<OutstandingFtr> ParseOutstanding(string text, string source, FtrLocationResolver resolver, FtrFlowgates? flowgates = null) =>
        Outstanding(CsvTable.Parse(text, source, InputFiles.Ftrs), resolver, flowgates);

    /// <param name="outstanding">FTRs held: every sell must be backed by the bidder's holdings on the same path and
    /// kind, for a term covering the offer's.</param>
    /// <param name="period">The auction's period (F4), or null. A bid without a term takes it; a bid with another term
    /// is refused (the auction tests feasibility for its period only).</param>
    /// <param name="flowgates">As for <see cref="ReadOutstanding"/>.</param>
    public static List<FtrBid> ReadBids(string path, FtrLocationResolver resolver, IReadOnlyList<OutstandingFtr> outstanding, FtrTerm? period = null, FtrFlowgates? flowgates = null) =>
        Bids(CsvTable.Read(path, InputFiles.FtrBids), resolver, outstanding, period, flowgates);

    public static List<FtrBid> ParseBids(string text, string source, FtrLocationResolver resolver, IReadOnlyList<OutstandingFtr> outstanding, FtrTerm? period = null, FtrFlowgates? flowgates = null) =>
        Bids(CsvTable.Parse(text, source, InputFiles.FtrBids), resolver, outstanding, period, flowgates);

    public static List<Arr> ReadArrs(string path, FtrLocationResolver resolver) =>
        Arrs(CsvTable.Read(path, InputFiles.Arrs), resolver);

    public static List<Arr> ParseArrs(string text, string source, FtrLocationResolver resolver) =>
        Arrs(CsvTable.Parse(text, source, InputFiles.Arrs), resolver);

    /// <summary>ARR requests (F5): <c>holder,source,sink,mw,priority</c> (priority an integer ≥ 1, 1 allocated first),
    /// optional id column <c>request</c> (or <c>arr</c>); without one the id is <c>arr</c> and the row number.</summary>
    public static List<ArrRequest> ReadArrRequests(string path, FtrLocationResolver resolver) =>
        ArrRequests(CsvTable.Read(path, InputFiles.ArrRequests), resolver);

    public static List<ArrRequest> ParseArrRequests(string text, string source, FtrLocationResolver resolver) =>
        ArrRequests(CsvTable.Parse(text, source, InputFiles.ArrRequests), resolver);

    private static List<ArrRequest> ArrRequests(CsvTable table, FtrLocationResolver resolver)
    {
        var list = new List<ArrRequest>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var idColumn = table.Has("request") ? "request" : table.Has("arr") ? "arr" : null;
        foreach (var row in table.Rows)
        {
            var id = idColumn is null ? $"arr{list.Count + 1}" : table.GetString(row, idColumn);
            if (!ids.Add(id))
            {
                throw table.Error(row, $"{idColumn ?? "request"} '{id}' appears twice");
            }

            var holder = table.GetString(row, "holder");
            var path = Path(table, row, resolver);
            var mw = PositiveMw(table, row);
            var priority = table.GetInt(row, "priority");
            if (priority < 1)
            {
                throw table.Error(row, $"column 'priority': {priority} is not 1 or more (1 is allocated first)");
            }

            list.Add(new ArrRequest(id, holder, path, mw, priority));
        }

        return list;
    }

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

    private static List<OutstandingFtr> Outstanding(CsvTable table, FtrLocationResolver resolver, FtrFlowgates? flowgates)
    {
        var list = new List<OutstandingFtr>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = UniqueId(table, row, "ftr", ids);
            var holder = table.GetString(row, "holder");
            var (path, kind) = PathAndKind(table, row, resolver, flowgates);
            var mw = PositiveMw(table, row);
            list.Add(new OutstandingFtr(id, holder, path, mw, kind) { Term = Term(table, row), SettleAt = SettleAt(table, row, path) });
        }

        return list;
    }

    private static List<FtrBid> Bids(CsvTable table, FtrLocationResolver resolver, IReadOnlyList<OutstandingFtr> outstanding, FtrTerm? period, FtrFlowgates? flowgates)
    {
        var offered = new List<(string Bidder, string Path, FtrKind Kind, FtrTerm? Term, double Mw)>();
        var list = new List<FtrBid>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = UniqueId(table, row, "bid", ids);
            var bidder = table.GetString(row, "bidder");
            var (path, kind) = PathAndKind(table, row, resolver, flowgates);
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
            var term = Term(table, row);
            if (period is not null)
            {
                if (term is not null && term != period)
                {
                    throw table.Error(row, $"bid {id}: its term {term} is not the auction's period {period} (leave term_start and term_end empty to bid for the period)");
                }

                term = period;
            }

            if (side == FtrSide.Sell)
            {
                // Backed by FTRs of the same holder, path and kind held for a term covering the offer's (an offer
                // without a term sells FTRs as held, whatever their terms), less what earlier offers took.
                var key = PathKey(path);
                var have = outstanding.Where(f => f.Holder == bidder && PathKey(f.Path) == key && f.Kind == kind && Backs(f.Term, term)).Sum(f => f.Mw)
                    - offered.Where(o => o.Bidder == bidder && o.Path == key && o.Kind == kind && (o.Term is null || term is null || o.Term.Overlaps(term))).Sum(o => o.Mw);
                if (have < mw - 1e-9)
                {
                    throw table.Error(row, $"bid {id}: {bidder} offers {mw} MW of {Text(path, kind)} {path.Label}{(term is null ? "" : $" for {term}")} but holds only {Math.Max(0, have)} MW of it (left unoffered) in {FtrsFile}{(term is null ? "" : " for a term covering that")}");
                }

                offered.Add((bidder, key, kind, term, mw));
            }

            list.Add(new FtrBid(id, bidder, path, kind, side, mw, price) { Term = term, SettleAt = SettleAt(table, row, path) });
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

    /// <summary>
    /// A right's path and kind: a point-to-point obligation or option, or (F9) a flowgate right (<c>kind</c>
    /// <c>flowgate</c>, <c>source</c> a flow path or interface) or nomogram right (<c>nomogram</c>, <c>source</c> a
    /// nomogram), held in the constraint's upper direction, with an empty <c>sink</c>: an option on
    /// <see cref="FtrFlowgates"/>' virtual buses.
    /// </summary>
    private static (FtrPath Path, FtrKind Kind) PathAndKind(CsvTable table, CsvRow row, FtrLocationResolver resolver, FtrFlowgates? flowgates)
    {
        var text = table.GetString(row, "kind");
        var gateKind = text switch
        {
            "flowgate" => FtrFlowgateKind.Path,
            "nomogram" => FtrFlowgateKind.Nomogram,
            _ => (FtrFlowgateKind?)null,
        };
        if (gateKind is not { } gate)
        {
            return (Path(table, row, resolver), Kind(table, row));
        }

        if (flowgates is null)
        {
            throw table.Error(row, $"column 'kind': '{text}' rights are auctioned (ftr-auction) and settled (clear) only; here give 'obligation' or 'option'");
        }

        var name = table.GetString(row, "source");
        if (!flowgates.TryFind(gate, name, out var path))
        {
            throw table.Error(row, gate == FtrFlowgateKind.Path
                ? $"column 'source': '{name}' is not a flow path of flowpaths.csv or an interface of interfaces.csv (a flowgate right names its path)"
                : $"column 'source': '{name}' is not a nomogram of nomograms.csv (a nomogram right names its nomogram)");
        }

        if (table.GetOptionalString(row, "sink") is { } sink)
        {
            throw table.Error(row, $"column 'sink': '{sink}': a {text} right has no sink (it holds {name} in its own direction); leave it empty");
        }

        return (path, FtrKind.Option);
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

    private static FtrLocation Location(CsvTable table, CsvRow row, string column, FtrLocationResolver resolver)
    {
        var warned = resolver.Warnings.Count;
        if (!resolver.TryResolve(table.GetString(row, column), out var location, out var problem))
        {
            throw table.Error(row, $"column '{column}': {problem}");
        }

        resolver.Attribute(warned, $"{table.Source}:{row.Line}");
        return location;
    }

    /// <summary>Whether an FTR held for <paramref name="held"/> can back an offer for <paramref name="offer"/>: an
    /// offer without a term sells the FTR as held; an offer for a term needs an FTR held for a term covering it (a
    /// holding without a term cannot be cut into periods).</summary>
    internal static bool Backs(FtrTerm? held, FtrTerm? offer) => offer is null || (held is not null && held.Covers(offer));

    /// <summary>Optional <c>term_start</c>, <c>term_end</c>: both empty (no term) or both dates, yyyy-mm-dd, at most a year.</summary>
    private static FtrTerm? Term(CsvTable table, CsvRow row)
    {
        var start = table.Has("term_start") ? table.GetOptionalString(row, "term_start") : null;
        var end = table.Has("term_end") ? table.GetOptionalString(row, "term_end") : null;
        if (string.IsNullOrWhiteSpace(start) && string.IsNullOrWhiteSpace(end))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(start) || string.IsNullOrWhiteSpace(end))
        {
            throw table.Error(row, "a term needs both term_start and term_end (or neither)");
        }

        var from = Day(table, row, "term_start", start);
        var to = Day(table, row, "term_end", end);
        return table.Checked(row, () => new FtrTerm(from, to));
    }

    private static DateOnly Day(CsvTable table, CsvRow row, string column, string text) =>
        FtrTerm.TryParseDay(text, out var day) ? day : throw table.Error(row, $"column '{column}': '{text}' is not a date yyyy-mm-dd");

    /// <summary>Optional <c>settle_at</c>: <c>bus</c> (default) or <c>zone</c>, which needs a zone:NAME@BUS end.</summary>
    private static FtrSettleAt SettleAt(CsvTable table, CsvRow row, FtrPath path)
    {
        var text = table.Has("settle_at") ? table.GetOptionalString(row, "settle_at") : null;
        switch (text?.Trim())
        {
            case null or "" or "bus":
                return FtrSettleAt.Bus;
            case "zone":
                return path.Source.ZoneLabel is not null || path.Sink.ZoneLabel is not null
                    ? FtrSettleAt.Zone
                    : throw table.Error(row, $"column 'settle_at': 'zone' needs a zone:NAME@BUS source or sink ({path.Source.Label}→{path.Sink.Label} has none)");
            default:
                throw table.Error(row, $"column 'settle_at': '{text}' is not 'bus' or 'zone'");
        }
    }

    private static double PositiveMw(CsvTable table, CsvRow row)
    {
        var mw = table.GetDouble(row, "mw");
        if (mw > MaxMw)
        {
            throw table.Error(row, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"column 'mw': {mw:R} MW is beyond the limit of {InputLimits.Text(MaxMw)} MW"));
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

    /// <summary>The <c>kind</c> column of a right: <c>flowgate</c> or <c>nomogram</c> for those (F9), else its kind.</summary>
    public static string Text(FtrPath path, FtrKind kind) => path.Flowgate?.KindText ?? Text(kind);

    internal static string Text(FtrSettleAt settleAt) => settleAt == FtrSettleAt.Zone ? "zone" : "bus";

    private static string PathKey(FtrPath path) => path.Key;
}
