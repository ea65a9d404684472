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
    /// branch is reported as such.
    /// </summary>
    public static MarketInput Read(string directory, Gridclear.Network.Network network, PowerCase? powerCase)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidInputException(directory, null, "the market folder does not exist");
        }

        var folder = new Folder(directory, network, new BranchLocator(network, powerCase));
        var participation = ReadParticipation(folder);
        var schedules = ReadSchedules(folder);
        var adjustments = ReadAdjustments(folder, schedules);
        var portfolios = ReadPortfolios(folder, schedules);
        var zones = ReadZones(folder);
        var hubs = ReadHubs(folder);
        var interfaces = ReadInterfaces(folder);
        var nomograms = ReadNomograms(folder, interfaces);
        var contingencies = ReadContingencies(folder);

        try
        {
            return new MarketInput(
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
                portfolios);
        }
        catch (ArgumentException e)
        {
            // The file checks above catch all of these with a line; this keeps the promise if one slips through.
            throw new InvalidInputException(directory, null, e.Message, e);
        }
    }

    /// <summary>What every file reader needs: where the files are and the network they refer to.</summary>
    private sealed record Folder(string Directory, Gridclear.Network.Network Network, BranchLocator Branches)
    {
        public string PathOf(string file) => System.IO.Path.Combine(Directory, file);

        /// <summary>True when anything is at the file's path: a folder or device named like a market file is read
        /// (and refused), not taken for an absent file.</summary>
        public bool Exists(string file) => FileKinds.Of(PathOf(file)) != FileKind.Missing;

        /// <summary>Reads a file of the folder, or null when it is absent. Its columns are those declared in
        /// <see cref="InputFiles"/> plus the reader's own <paramref name="required"/> and <paramref name="optional"/>.</summary>
        public CsvTable? Table(string file, string[] required, string[]? optional = null)
        {
            if (!Exists(file))
            {
                return null;
            }

            var schema = InputFiles.OfMarketFile(file);
            string[] readable = [.. (schema?.Columns ?? []).Concat(optional ?? []).Where(c => !required.Contains(c, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];
            return CsvTable.Read(PathOf(file), required, readable).WithLimits(schema?.Limits ?? InputFiles.MarketLimits);
        }

        /// <summary>Reads a file of the folder with its declared columns (<see cref="InputFiles"/>), or null when it is absent.</summary>
        public CsvTable? Table(CsvSchema schema) => Exists(schema.File) ? CsvTable.Read(PathOf(schema.File), schema) : null;

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
            return Checked(table, row, () => Branches.Locate(from, to, circuit));
        }
    }

    /// <summary>Runs a record constructor, turning its <see cref="ArgumentException"/> into an error on the row.</summary>
    private static T Checked<T>(CsvTable table, CsvRow row, Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw table.Error(row, e.Message);
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
