using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Market;

public static partial class MarketFolderReader
{
    private sealed record Participation(
        IReadOnlyList<Resource>? Resources,
        IReadOnlyDictionary<string, OfferCurve> Offers,
        IReadOnlyDictionary<string, BidCurve> Bids,
        IReadOnlyDictionary<string, double> Demand)
    {
        /// <summary>Every resource of resources.csv, when a partial read kept only some in <see cref="Resources"/>.</summary>
        public IReadOnlyList<Resource>? Listed { get; init; }
    }

    /// <summary>resources.csv read and checked: the resources in file order, and each with its row.</summary>
    private sealed record ResourceList(IReadOnlyList<Resource> Resources, IReadOnlyDictionary<string, (Resource Resource, CsvRow Row)> ById);

    /// <summary>resources.csv, offers.csv, bids.csv and demand.csv, checked together. Not <paramref name="complete"/>: a
    /// resource needs no offer, bid or demand, and only those with one take part (real-time data). Resources, offers
    /// and bids that no interval changes are read once for the whole run (<see cref="MarketSource.Shared"/>).</summary>
    private static Participation ReadParticipation(Folder folder, bool complete)
    {
        var resourcesTable = folder.Table(InputFiles.Resources);
        var offersTable = folder.Table(InputFiles.Offers);
        var bidsTable = folder.Table(InputFiles.Bids);
        var demandTable = folder.Table(InputFiles.Demand);

        if (resourcesTable is null)
        {
            foreach (var t in new[] { offersTable, bidsTable, demandTable })
            {
                if (t is not null)
                {
                    throw t.Error((int?)null, $"there is no {ResourcesFile}: offers, bids and demand belong to resources listed there (resource,participant,bus,kind,settlement); without it the case's generators and loads take part as in MATPOWER");
                }
            }

            return new Participation(null, new Dictionary<string, OfferCurve>(), new Dictionary<string, BidCurve>(), new Dictionary<string, double>());
        }

        var (resources, byId) = folder.Source.Shared("participation:resources", [ResourcesFile], () => ReadResources(folder, resourcesTable));
        IReadOnlyDictionary<string, OfferCurve> offers = offersTable is null
            ? new Dictionary<string, OfferCurve>()
            : folder.Source.Shared("participation:offers", [ResourcesFile, OffersFile], () => ReadCurves(offersTable, byId, ResourceKind.Generator, "offer", steps => new OfferCurve(steps)));
        IReadOnlyDictionary<string, BidCurve> bids = bidsTable is null
            ? new Dictionary<string, BidCurve>()
            : folder.Source.Shared("participation:bids", [ResourcesFile, BidsFile], () => ReadCurves(bidsTable, byId, ResourceKind.Load, "bid", steps => new BidCurve(steps)));

        var demand = new OrderedDictionary<string, double>(StringComparer.Ordinal);
        if (demandTable is not null)
        {
            var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in demandTable.Rows)
            {
                var id = Owner(demandTable, row, byId, ResourceKind.Load).Id;
                if (lineOf.TryGetValue(id, out var firstLine))
                {
                    throw demandTable.Error(row, $"load {id} has a second demand (first on line {firstLine})");
                }

                lineOf[id] = row.Line;
                demand.Add(id, demandTable.GetDouble(row, "mw"));
            }
        }

        var taking = new List<Resource>(resources.Count);
        foreach (var resource in resources)
        {
            var row = byId[resource.Id].Row;
            if (!complete && !offers.ContainsKey(resource.Id) && !bids.ContainsKey(resource.Id) && !demand.ContainsKey(resource.Id))
            {
                continue;
            }

            taking.Add(resource);
            if (resource.Kind == ResourceKind.Generator)
            {
                if (!offers.TryGetValue(resource.Id, out var offer))
                {
                    throw resourcesTable.Error(row, $"generator {resource.Id} has no offer in {OffersFile}");
                }

                if (resource.MinMw > offer.CapacityMw)
                {
                    throw resourcesTable.Error(row, $"generator {resource.Id}: min_mw {StepRow.Text(resource.MinMw)} exceeds its capacity {StepRow.Text(offer.CapacityMw)} MW (the sum of its offer steps)");
                }

                if (resource.MustRunMw > offer.CapacityMw)
                {
                    throw resourcesTable.Error(row, $"generator {resource.Id}: must_run {StepRow.Text(resource.MustRunMw)} exceeds its capacity {StepRow.Text(offer.CapacityMw)} MW (the sum of its offer steps)");
                }
            }
            else if (!bids.ContainsKey(resource.Id) && !demand.ContainsKey(resource.Id))
            {
                throw resourcesTable.Error(row, $"load {resource.Id} has neither bids ({BidsFile}) nor a fixed demand ({DemandFile})");
            }
        }

        return new Participation(taking, offers, bids, demand) { Listed = resources };
    }

    private static ResourceList ReadResources(Folder folder, CsvTable resourcesTable)
    {
        var resources = new List<Resource>();
        var byId = new Dictionary<string, (Resource Resource, CsvRow Row)>(StringComparer.Ordinal);
        foreach (var row in resourcesTable.Rows)
        {
            var id = resourcesTable.GetString(row, "resource");
            var participant = resourcesTable.GetString(row, "participant");
            if (byId.TryGetValue(id, out var first))
            {
                throw resourcesTable.Error(row, first.Resource.Participant == participant
                    ? $"resource {id} is listed twice (first on line {first.Row.Line})"
                    : $"resource {id} is owned by two participants: {first.Resource.Participant} (line {first.Row.Line}) and {participant}");
            }

            if (folder.Known is { } known && !known(id))
            {
                throw resourcesTable.Error(row, $"resource {id} is not a resource of the day-ahead run (not in its dispatch.csv)");
            }

            var bus = folder.Bus(resourcesTable, row, "bus");
            var kind = resourcesTable.GetEnum<ResourceKind>(row, "kind");
            var settlement = resourcesTable.GetEnum<Election>(row, "settlement");
            var minMw = resourcesTable.GetDouble(row, "min_mw", 0);
            var metering = resourcesTable.GetOptionalString(row, "metering") is null ? Metering.Interval : resourcesTable.GetEnum<Metering>(row, "metering");
            var mustRun = resourcesTable.GetDouble(row, "must_run", 0);
            var mitigated = resourcesTable.GetOptionalString(row, "mitigated_price") is null ? (double?)null : resourcesTable.GetDouble(row, "mitigated_price");
            var resource = resourcesTable.Checked(row, () => new Resource(id, participant, bus, kind, settlement, minMw) { Metering = metering, MustRunMw = mustRun, MitigatedPrice = mitigated });
            resources.Add(resource);
            byId[id] = (resource, row);
        }

        return new ResourceList(resources, byId);
    }

    /// <summary>The resource a row of offers.csv, bids.csv or demand.csv belongs to, which must be of the expected kind.</summary>
    private static Resource Owner(CsvTable table, CsvRow row, IReadOnlyDictionary<string, (Resource Resource, CsvRow Row)> byId, ResourceKind expected)
    {
        var id = table.GetString(row, "resource");
        if (!byId.TryGetValue(id, out var r))
        {
            throw table.Error(row, $"unknown resource {id} (not in {ResourcesFile})");
        }

        if (r.Resource.Kind != expected)
        {
            throw table.Error(row, expected == ResourceKind.Generator
                ? $"resource {id} is a load ({ResourcesFile} line {r.Row.Line}): loads bid in {BidsFile} or take a fixed demand in {DemandFile}, they do not offer"
                : $"resource {id} is a generator ({ResourcesFile} line {r.Row.Line}): generators offer in {OffersFile}, they do not bid or demand");
        }

        return r.Resource;
    }

    /// <summary>offers.csv or bids.csv: each resource's steps, checked, as one curve (resources in file order).</summary>
    private static OrderedDictionary<string, T> ReadCurves<T>(CsvTable table, IReadOnlyDictionary<string, (Resource Resource, CsvRow Row)> byId, ResourceKind kind, string what, Func<IReadOnlyList<PriceStep>, T> curve)
    {
        var curves = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        var rising = kind == ResourceKind.Generator;
        foreach (var (id, rows) in GroupInFileOrder(table.Rows, row => Owner(table, row, byId, kind).Id))
        {
            var owner = $"{what} of {id}";
            var steps = StepRow.ToSteps(table, rows.Select(r => StepRow.Read(table, r, owner)).ToList(), owner, rising);
            curves.Add(id, table.Checked(rows[0], () => curve(steps)));
        }

        return curves;
    }
}
