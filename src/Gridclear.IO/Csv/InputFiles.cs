namespace Gridclear.IO.Csv;

/// <summary>
/// The columns of every CSV input file, in one place (FORMATS.md and the README's extensions). To add a column to a
/// file, add it here (and to the README); a reader then reads it with the table's getters, and a header naming a
/// column that is not here is refused. Columns are matched ignoring case.
/// </summary>
public static class InputFiles
{
    /// <summary>FORMATS.md "Time": any market CSV may add <c>interval</c> (an integer from 1; empty = every interval).</summary>
    public const string Interval = "interval";

    // Declared before the schemas: static fields are initialised in order.
    /// <summary>The limits of numeric market-folder columns, by column name (<see cref="InputLimits"/>; README "Input
    /// limits"): MW quantities, prices, weights and coefficients.</summary>
    public static IReadOnlyDictionary<string, ColumnLimit> MarketLimits { get; } = new Dictionary<string, ColumnLimit>(StringComparer.OrdinalIgnoreCase)
    {
        ["mw"] = new(InputLimits.MaxMw, "MW"),
        ["min_mw"] = new(InputLimits.MaxMw, "MW"),
        ["limit"] = new(InputLimits.MaxMw, "MW"),
        ["rating"] = new(InputLimits.MaxMw, "MW"),
        ["price"] = new(InputLimits.MaxPrice, "$/MWh"),
        ["cap"] = new(InputLimits.MaxPrice, "$/MWh"),
        ["mitigated_price"] = new(InputLimits.MaxPrice, "$/MWh"),
        ["strike"] = new(InputLimits.MaxPrice, "$/MWh"),
        ["weight"] = new(InputLimits.MaxFactor, ""),
        ["coefficient"] = new(InputLimits.MaxFactor, ""),
    };

    // The market folder (--market DIR).
    public static readonly CsvSchema Zones = Market("zones.csv", ["zone", "bus"]);
    public static readonly CsvSchema Hubs = Market("hubs.csv", ["hub", "bus", "weight"], ["basis"]);
    public static readonly CsvSchema Resources = Market(
        "resources.csv",
        ["resource", "participant", "bus", "kind", "settlement"],
        ["min_mw", "metering", "must_offer", "must_run", "mitigated_price"]);
    public static readonly CsvSchema Offers = Market("offers.csv", ["resource", "segment", "mw", "price"]);
    public static readonly CsvSchema Bids = Market("bids.csv", ["resource", "segment", "mw", "price"]);
    public static readonly CsvSchema Demand = Market("demand.csv", ["resource", "mw"]);
    public static readonly CsvSchema Schedules = Market("schedules.csv", ["schedule", "participant", "bus", "mw", "balanced"], ["counterparty"]);
    public static readonly CsvSchema Adjustments = Market("adjustments.csv", ["schedule", "bus", "direction", "segment", "mw", "price"], ["participant"]);
    public static readonly CsvSchema Portfolio = Market("portfolio.csv", ["participant", "balanced"]);
    public static readonly CsvSchema Interfaces = Market("interfaces.csv", ["interface", "from_bus", "to_bus", "weight", "limit"], ["circuit"]);
    public static readonly CsvSchema Nomograms = Market("nomograms.csv", ["nomogram", "term", "coefficient", "limit"]);
    public static readonly CsvSchema Contingencies = Market("contingencies.csv", ["contingency", "from_bus", "to_bus"], ["circuit"]);
    public static readonly CsvSchema Ftrs = Market("ftrs.csv", ["ftr", "holder", "source", "sink", "mw", "kind"], ["settle_at", "term_start", "term_end"]);
    public static readonly CsvSchema Arrs = Market("arrs.csv", ["arr", "holder", "source", "sink", "mw"]);
    public static readonly CsvSchema ArrRequests = Market("arr_requests.csv", ["holder", "source", "sink", "mw", "priority"], ["request", "arr"]);
    public static readonly CsvSchema ReserveRequirements = Market("reserve_requirements.csv", ["product", "zone", "segment", "mw", "price"]);
    public static readonly CsvSchema ReserveOffers = Market("reserve_offers.csv", ["resource", "product", "segment", "mw", "price"]);
    public static readonly CsvSchema ReserveSelf = Market("reserve_self.csv", ["participant", "product", "zone", "mw"]);
    public static readonly CsvSchema Caps = Market("caps.csv", ["market", "service", "cap"]);
    public static readonly CsvSchema Owners = Market("owners.csv", ["owner", "share"]);
    public static readonly CsvSchema Cfds = Market("cfds.csv", ["cfd", "holder", "counterparty", "location", "mw", "strike", "kind"], ["term_start", "term_end"]);
    public static readonly CsvSchema FlowPaths = Market("flowpaths.csv", ["path", "from_bus", "to_bus", "weight", "rating"], ["circuit"]);
    public static readonly CsvSchema Thresholds = Market("thresholds.csv", ["parameter", "value"]);
    public static readonly CsvSchema PathRights = Market("path_rights.csv", ["holder", "path", "mw"]);
    public static readonly CsvSchema Contracts = Market("contracts.csv", ["contract", "holder", "source", "sink", "mw"]);

    // Files named on the command line.
    /// <summary><c>ftr-auction --bids</c>.</summary>
    public static readonly CsvSchema FtrBids = new("bids", ["bid", "bidder", "source", "sink", "kind", "side", "mw", "price"], ["term_start", "term_end", "settle_at"]);

    /// <summary><c>cfd-auction --offers</c>: the instruments mitigated sellers must offer (M2, M4).</summary>
    public static readonly CsvSchema CfdOffers = new("offers", ["instrument", "seller", "location", "mw", "strike", "kind"], ["term_start", "term_end", "reserve_price"]);

    /// <summary><c>cfd-auction --bids</c>.</summary>
    public static readonly CsvSchema CfdBids = new("bids", ["bid", "bidder", "instrument", "mw", "price"], []);

    /// <summary><c>cfd-auction --affiliates</c>: pairs of affiliated participants (either order).</summary>
    public static readonly CsvSchema Affiliates = new("affiliates", ["participant", "affiliate"], []);

    /// <summary><c>ftr-expansion --requests</c>.</summary>
    public static readonly CsvSchema ExpansionRequests = new("requests", ["request", "holder", "source", "sink", "mw"], ["kind"]);

    /// <summary>Every file a market folder may hold, by file name.</summary>
    public static IReadOnlyList<CsvSchema> MarketFolder { get; } =
    [
        Zones, Hubs, Resources, Offers, Bids, Demand, Schedules, Adjustments, Portfolio, Interfaces, Nomograms, Contingencies,
        Ftrs, Arrs, ArrRequests, ReserveRequirements, ReserveOffers, ReserveSelf, Caps, Cfds, Owners, FlowPaths, Thresholds, PathRights, Contracts,
    ];

    /// <summary>The schema of a market-folder file, or null for a file the folder does not define.</summary>
    public static CsvSchema? OfMarketFile(string fileName) =>
        MarketFolder.FirstOrDefault(s => string.Equals(s.File, fileName, StringComparison.OrdinalIgnoreCase));

    /// <summary>A market-folder file: <c>interval</c> is accepted in every one; numbers within <see cref="MarketLimits"/>.</summary>
    private static CsvSchema Market(string file, string[] required, string[]? optional = null) =>
        new(file, required, [.. optional ?? [], Interval], MarketLimits);
}
