using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Market;

public static partial class MarketFolderReader
{
    public const string ReserveRequirementsFile = "reserve_requirements.csv";
    public const string ReserveOffersFile = "reserve_offers.csv";
    public const string ReserveSelfFile = "reserve_self.csv";

    /// <summary>
    /// reserve_requirements.csv, reserve_offers.csv and reserve_self.csv (README "Reserves"): demand curves by product
    /// and zone (a zone in force or <c>system</c>), generators' reserve offers (a generator of resources.csv, or
    /// <c>gen&lt;k&gt;</c> of the case without one), self-provision by participant.
    /// </summary>
    private static ReserveMarket ReadReserves(Folder folder, Participation participation, IReadOnlyList<Zone>? zones)
    {
        var requirementsTable = folder.Table(InputFiles.ReserveRequirements);
        var offersTable = folder.Table(InputFiles.ReserveOffers);
        var selfTable = folder.Table(InputFiles.ReserveSelf);
        if (requirementsTable is null && offersTable is null && selfTable is null)
        {
            return ReserveMarket.Empty;
        }

        var zoneIds = (zones ?? Gridclear.Market.MarketInput.DefaultZones(folder.Network)).Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        string Zone(CsvTable table, CsvRow row)
        {
            var zone = table.GetString(row, "zone");
            return zone == ReserveDemand.System || zoneIds.Contains(zone)
                ? zone
                : throw table.Error(row, $"column 'zone': '{zone}' is not a zone ({(zones is null ? "the case's areas" : ZonesFile)}: {string.Join(", ", zoneIds.Order(StringComparer.Ordinal))}) or '{ReserveDemand.System}'");
        }

        var demands = new List<ReserveDemand>();
        if (requirementsTable is not null)
        {
            var groups = GroupInFileOrder(requirementsTable.Rows, row => (Product: requirementsTable.GetString(row, "product"), Zone: Zone(requirementsTable, row)));
            foreach (var ((product, zone), rows) in groups)
            {
                var owner = $"reserve requirement {product} in {zone}";
                var steps = StepRow.ToSteps(requirementsTable, rows.Select(r => StepRow.Read(requirementsTable, r, owner)).ToList(), owner, rising: false);
                demands.Add(requirementsTable.Checked(rows[0], () => new ReserveDemand(product, zone, steps)));
            }
        }

        var generators = participation.Resources is { } resources
            ? resources.Where(r => r.Kind == ResourceKind.Generator).Select(r => r.Id).ToHashSet(StringComparer.Ordinal)
            : folder.Network.Generators.Select(g => $"gen{g.CaseRow + 1}").ToHashSet(StringComparer.Ordinal);
        var offers = new List<ReserveOffer>();
        if (offersTable is not null)
        {
            var groups = GroupInFileOrder(offersTable.Rows, row => (Resource: offersTable.GetString(row, "resource"), Product: offersTable.GetString(row, "product")));
            foreach (var ((resource, product), rows) in groups)
            {
                if (!generators.Contains(resource))
                {
                    throw offersTable.Error(rows[0], participation.Resources is null
                        ? $"resource {resource} is not a generator of the case (gen<k> for the k-th generator row in service; or list resources in {ResourcesFile})"
                        : $"resource {resource} is not a generator of {ResourcesFile}: only generators offer reserve");
                }

                var owner = $"reserve offer {resource} {product}";
                var steps = StepRow.ToSteps(offersTable, rows.Select(r => StepRow.Read(offersTable, r, owner)).ToList(), owner, rising: true);
                offers.Add(offersTable.Checked(rows[0], () => new ReserveOffer(resource, product, steps)));
            }
        }

        var self = new List<ReserveSelfProvision>();
        if (selfTable is not null)
        {
            var participants = participation.Resources?.Select(r => r.Participant).ToHashSet(StringComparer.Ordinal);
            foreach (var row in selfTable.Rows)
            {
                var participant = selfTable.GetString(row, "participant");
                if (participants is not null && !participants.Contains(participant))
                {
                    throw selfTable.Error(row, $"participant {participant} has no resource in {ResourcesFile}");
                }

                var product = selfTable.GetString(row, "product");
                var zone = Zone(selfTable, row);
                if (!demands.Any(d => d.Product == product))
                {
                    throw selfTable.Error(row, $"product {product} has no requirement in {ReserveRequirementsFile}: self-provision counts toward a requirement");
                }

                var mw = selfTable.GetDouble(row, "mw");
                self.Add(selfTable.Checked(row, () => new ReserveSelfProvision(participant, product, zone, mw)));
            }
        }

        return new ReserveMarket(demands, offers, self);
    }
}
