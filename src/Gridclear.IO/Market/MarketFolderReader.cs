using Gridclear.IO.Csv;
using Gridclear.IO.Files;
using Gridclear.Market;
using Gridclear.Network;

namespace Gridclear.IO.Market;

/// <summary>
/// Reads a market folder (FORMATS.md "A market folder") into a <see cref="MarketInput"/>. Every file is optional.
/// Everything is checked before anything is returned: the result is a complete, consistent market or an
/// <see cref="InvalidInputException"/> naming the file, the line and the problem. ftrs.csv is not read here.
/// Files are read in dependency order (resources before offers, schedules before adjustments, interfaces before
/// nomograms); the first problem found is reported.
/// </summary>
public static partial class MarketFolderReader
{
    public const string ZonesFile = "zones.csv";
    public const string HubsFile = "hubs.csv";
    public const string ResourcesFile = "resources.csv";
    public const string OffersFile = "offers.csv";
    public const string BidsFile = "bids.csv";
    public const string DemandFile = "demand.csv";
    public const string SchedulesFile = "schedules.csv";
    public const string AdjustmentsFile = "adjustments.csv";
    public const string InterfacesFile = "interfaces.csv";
    public const string NomogramsFile = "nomograms.csv";
    public const string ContingenciesFile = "contingencies.csv";
    public const string PortfolioFile = "portfolio.csv";

    /// <summary>Reads the folder; branch circuits count the network's in-service branches only (pass the case to
    /// <see cref="Read(string, Gridclear.Network.Network, PowerCase?)"/> to count every case branch).</summary>
    public static MarketInput Read(string directory, Gridclear.Network.Network network) => Read(directory, network, null);

    /// <summary>
    /// Reads the folder against the compiled network. With <paramref name="powerCase"/> (the case the network was
    /// compiled from), branch circuits are numbered among all the case's branches and naming an out-of-service
    /// branch is reported as such. A folder whose files name intervals is read for interval 1 (see
    /// <see cref="ReadIntervals(string, Gridclear.Network.Network, PowerCase?)"/> for all of them).
    /// </summary>
    public static MarketInput Read(string directory, Gridclear.Network.Network network, PowerCase? powerCase)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidInputException(directory, null, "the market folder does not exist");
        }

        var source = new MarketSource([new MarketLayer(directory)]);
        return ReadInterval(new Folder(source, 1, network, new BranchLocator(network, powerCase)), complete: true).Input;
    }

    /// <summary>
    /// Reads every interval of the folder (FORMATS.md "Time"): a row with an <c>interval</c> applies to that interval
    /// only, a row without one to every interval; the number of intervals is the largest one named (1 when none is).
    /// Each file is parsed once; each interval is then checked as a complete market of its own.
    /// </summary>
    public static MarketIntervals ReadIntervals(string directory, Gridclear.Network.Network network, PowerCase? powerCase) =>
        ReadIntervals([new MarketLayer(directory)], network, powerCase, complete: true).Market;

    /// <summary>
    /// Reads a market from layered folders: each file comes from the first layer that has it (and lists it, when the
    /// layer restricts its files); a layer with an interval map reads its rows of interval map(k) for interval k.
    /// The number of intervals is the largest named by a layer without a map. With <paramref name="complete"/>
    /// false (the real-time market, where a resource without real-time bids keeps its day-ahead MW), a generator
    /// needs no offer and a load neither bids nor demand: each interval's input holds only the resources that have
    /// them, and <see cref="MarketFolderRead.Listed"/> every resource of resources.csv.
    /// </summary>
    /// <param name="known">When given, every resource of resources.csv must be known to it (the real-time market
    /// knows only the day-ahead run's resources).</param>
    /// <param name="market">The market read, as caps.csv names it (<see cref="PriceCaps.DayAhead"/> or <see cref="PriceCaps.RealTime"/>).</param>
    public static MarketFolderRead ReadIntervals(IReadOnlyList<MarketLayer> layers, Gridclear.Network.Network network, PowerCase? powerCase, bool complete, Func<string, bool>? known = null, string market = PriceCaps.DayAhead)
    {
        foreach (var layer in layers)
        {
            if (!Directory.Exists(layer.Directory))
            {
                throw new InvalidInputException(layer.Directory, null, "the market folder does not exist");
            }
        }

        var source = new MarketSource(layers);
        var locator = new BranchLocator(network, powerCase);
        var first = ReadInterval(new Folder(source, 1, network, locator) { Known = known, Market = market }, complete);
        var count = source.IntervalCount;

        // The later intervals are built on both cores: each reads only parsed rows (the source parses a file once, under
        // its lock) and builds its own records. The problem reported is the lowest interval's, as a sequential read
        // would report it, so errors stay deterministic.
        var reads = new (MarketInput Input, IReadOnlyList<Resource> Listed)[count];
        reads[0] = first;
        ParallelInOrder.For(2, count + 1, k =>
            reads[k - 1] = ReadInterval(new Folder(source, k, network, locator) { Known = known, Market = market }, complete));

        var inputs = reads.Select(r => r.Input).ToList();
        var listed = reads.Select(r => r.Listed).ToList();

        var varies = new[] { InterfacesFile, NomogramsFile, ContingenciesFile }.Any(source.VariesByInterval);
        return new MarketFolderRead(new MarketIntervals(inputs, varies), listed, source.LastNamed);
    }

    private static (MarketInput Input, IReadOnlyList<Resource> Listed) ReadInterval(Folder folder, bool complete)
    {
        var participation = ReadParticipation(folder, complete);
        var schedules = ReadSchedules(folder);
        var adjustments = ReadAdjustments(folder, schedules);
        var portfolios = ReadPortfolios(folder, schedules);
        var zones = ReadZones(folder);
        var hubs = ReadHubs(folder);
        var interfaces = ReadInterfaces(folder);
        var nomograms = ReadNomograms(folder, interfaces);
        var contingencies = ReadContingencies(folder);
        var reserves = ReadReserves(folder, participation, zones);
        var caps = ReadCaps(folder);
        CheckCaps(folder, caps, participation);

        try
        {
            var input = new MarketInput(
                participation.Resources,
                participation.Offers,
                participation.Bids,
                participation.Demand,
                schedules,
                adjustments,
                zones,
                hubs,
                interfaces,
                nomograms,
                contingencies,
                portfolios) { Reserves = reserves, Caps = caps };
            return (input, participation.Listed ?? participation.Resources ?? []);
        }
        catch (ArgumentException e)
        {
            // The file checks above catch all of these with a line; this keeps the promise if one slips through.
            throw new InvalidInputException(folder.Source.Describe(), null, e.Message, e);
        }
    }

    /// <summary>What every file reader needs: where the files are, which interval is read, the network they refer to.</summary>
    private sealed record Folder(MarketSource Source, int Interval, Gridclear.Network.Network Network, BranchLocator Branches)
    {
        /// <summary>The resources a resources.csv may name (null: any).</summary>
        public Func<string, bool>? Known { get; init; }

        /// <summary>The market read (caps.csv <c>market</c>): its caps apply.</summary>
        public string Market { get; init; } = PriceCaps.DayAhead;

        public bool Exists(string file) => Source.Exists(file);

        /// <summary>The file's rows that apply to this interval, or null when no layer has the file. Its columns are
        /// those declared in <see cref="InputFiles"/> plus the reader's own <paramref name="required"/> and
        /// <paramref name="optional"/>.</summary>
        public CsvTable? Table(string file, string[] required, string[]? optional = null)
        {
            var schema = InputFiles.OfMarketFile(file);
            string[] readable = [.. (schema?.Columns ?? []).Concat(optional ?? []).Where(c => !required.Contains(c, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];
            return Source.Table(file, required, readable, Interval);
        }

        /// <summary>The file's rows that apply to this interval, with its declared columns (<see cref="InputFiles"/>),
        /// or null when no layer has the file.</summary>
        public CsvTable? Table(CsvSchema schema) => Source.Table(schema.File, [.. schema.Required], [.. schema.Optional], Interval);

        /// <summary>The bus column of a row, which must be an in-service bus of the network.</summary>
        public int Bus(CsvTable table, CsvRow row, string column)
        {
            var bus = table.GetInt(row, column);
            return Network.TryGetBusIndex(bus, out _)
                ? bus
                : throw table.Error(row, $"column '{column}': bus {bus} is not in the network (unknown or out of service)");
        }

        /// <summary>The branch named by from_bus, to_bus and the optional circuit column, with its orientation sign.</summary>
        public (int Branch, int Sign) Branch(CsvTable table, CsvRow row)
        {
            var from = table.GetInt(row, "from_bus");
            var to = table.GetInt(row, "to_bus");
            var circuit = table.GetOptionalInt(row, "circuit");
            return table.Checked(row, (Branches, from, to, circuit), static a => a.Branches.Locate(a.from, a.to, a.circuit));
        }
    }

    /// <summary>Groups rows by a key in order of first appearance (so results follow file order).</summary>
    private static OrderedDictionary<TKey, List<TRow>> GroupInFileOrder<TKey, TRow>(IEnumerable<TRow> rows, Func<TRow, TKey> key)
        where TKey : notnull
    {
        var groups = new OrderedDictionary<TKey, List<TRow>>();
        foreach (var row in rows)
        {
            var k = key(row);
            if (!groups.TryGetValue(k, out var list))
            {
                groups.Add(k, list = []);
            }

            list.Add(row);
        }

        return groups;
    }
}
