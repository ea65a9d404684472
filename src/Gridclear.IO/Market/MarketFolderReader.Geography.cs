using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Market;

public static partial class MarketFolderReader
{
    /// <summary>zones.csv, or null (default: MATPOWER areas). When present, every bus of the network must be in
    /// exactly one zone: a bus silently priced in a fallback zone would surprise whoever redrew the zones.</summary>
    private static List<Zone>? ReadZones(Folder folder)
    {
        var table = folder.Table(InputFiles.Zones);
        if (table is null)
        {
            return null;
        }

        var zoneOfBus = new Dictionary<int, (string Zone, int Line)>();
        var groups = GroupInFileOrder(table.Rows, row => table.GetString(row, "zone"));
        var zones = new List<Zone>();
        foreach (var (id, rows) in groups)
        {
            var buses = new List<int>();
            foreach (var row in rows)
            {
                var bus = folder.Bus(table, row, "bus");
                if (!zoneOfBus.TryAdd(bus, (id, row.Line)))
                {
                    var (other, line) = zoneOfBus[bus];
                    throw table.Error(row, other == id
                        ? $"bus {bus} is listed twice in zone {id} (first on line {line})"
                        : $"bus {bus} is in two zones: {other} (line {line}) and {id}");
                }

                buses.Add(bus);
            }

            zones.Add(table.Checked(rows[0], () => new Zone(id, buses)));
        }

        var missing = folder.Network.BusIds.Where(b => !zoneOfBus.ContainsKey(b)).ToList();
        if (missing.Count > 0)
        {
            throw table.Error((int?)null, MarketInput.MissingZoneMessage(missing));
        }

        return zones;
    }

    /// <summary>hubs.csv: named, weighted sets of buses, each priced on a basis (bus LMPs, default, or zonal prices).</summary>
    private static List<Hub> ReadHubs(Folder folder)
    {
        var table = folder.Table(InputFiles.Hubs);
        var hubs = new List<Hub>();
        if (table is null)
        {
            return hubs;
        }

        foreach (var (id, rows) in GroupInFileOrder(table.Rows, row => table.GetString(row, "hub")))
        {
            var buses = new List<HubBus>();
            var lineOfBus = new Dictionary<int, int>();
            HubBasis? basis = null;
            foreach (var row in rows)
            {
                // The basis belongs to the hub: a row may leave it empty, but two rows may not disagree.
                if (table.GetOptionalString(row, "basis") is not null)
                {
                    var rowBasis = table.GetEnum<HubBasis>(row, "basis");
                    if (basis is { } earlier && earlier != rowBasis)
                    {
                        throw table.Error(row, $"hub {id}: basis {rowBasis.ToString().ToLowerInvariant()} contradicts the basis {earlier.ToString().ToLowerInvariant()} given on an earlier row of the hub");
                    }

                    basis = rowBasis;
                }

                var bus = folder.Bus(table, row, "bus");
                if (!lineOfBus.TryAdd(bus, row.Line))
                {
                    throw table.Error(row, $"hub {id} lists bus {bus} twice (first on line {lineOfBus[bus]})");
                }

                var weight = table.GetDouble(row, "weight");
                if (weight <= 0)
                {
                    throw table.Error(row, $"hub {id}: the weight of bus {bus} must be > 0, not {StepRow.Text(weight)}");
                }

                buses.Add(new HubBus(bus, weight));
            }

            hubs.Add(table.Checked(rows[0], () => new Hub(id, buses) { Basis = basis ?? HubBasis.Bus }));
        }

        return hubs;
    }
}
