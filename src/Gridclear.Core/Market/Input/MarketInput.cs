using System.Collections.ObjectModel;
using System.Globalization;

namespace Gridclear.Market;

/// <summary>
/// Everything a market folder says (FORMATS.md "A market folder"), checked for consistency: each record checks itself,
/// and this constructor checks the references between them (offers name generators, adjustments name schedule legs,
/// nomograms name interfaces, ids are unique…). What needs the network (buses and branches exist, zones cover every
/// bus) is checked by <see cref="CheckAgainst"/> and by the folder reader. Collections keep file order, so iterating
/// them is deterministic. Every parameter is optional: null means "none", except for <see cref="Resources"/> and
/// <see cref="Zones"/>, where null means "as in the MATPOWER case".
/// </summary>
public sealed record MarketInput
{
    /// <param name="Resources">All participating resources (resources.csv), or null when the case's generators (with
    /// their gencost) and bus loads (PD, as fixed demand) take part as in MATPOWER. When not null, the case's
    /// generators and loads take no part except through these.</param>
    /// <param name="Offers">Offer curve of every generator resource, by resource id (each generator has one).</param>
    /// <param name="Bids">Bid curve of price-responsive load resources, by resource id.</param>
    /// <param name="Demand">Fixed (price-taking) demand of load resources, MW, by resource id. A load has a bid curve,
    /// a fixed demand, or both (the fixed MW always served or relaxed at the penalty, the bids price-responsive demand on
    /// top, as an ISO load bid has a fixed and a price-sensitive part); never neither.</param>
    /// <param name="Schedules">Schedules (D1, D2), unique ids.</param>
    /// <param name="Adjustments">Inc/dec bids on schedule legs; at most one per (schedule, bus, direction).</param>
    /// <param name="Zones">Zones partitioning the buses, or null for the default (<see cref="DefaultZones"/>).</param>
    /// <param name="Hubs">Trading hubs.</param>
    /// <param name="Interfaces">Interfaces (two-sided flow limits).</param>
    /// <param name="Nomograms">Nomograms (one-sided limits); interface terms name <paramref name="Interfaces"/>.</param>
    /// <param name="Contingencies">Single-branch outages, each branch at most once.</param>
    /// <param name="PortfolioBalanced">Participants whose adjustments, over all their schedules together, must net to
    /// zero (D2a, portfolio.csv): the portfolio-balance instruction. Each has at least one schedule; no repeats.</param>
    public MarketInput(
        IReadOnlyList<Resource>? Resources = null,
        IReadOnlyDictionary<string, OfferCurve>? Offers = null,
        IReadOnlyDictionary<string, BidCurve>? Bids = null,
        IReadOnlyDictionary<string, double>? Demand = null,
        IReadOnlyList<Schedule>? Schedules = null,
        IReadOnlyList<AdjustmentBid>? Adjustments = null,
        IReadOnlyList<Zone>? Zones = null,
        IReadOnlyList<Hub>? Hubs = null,
        IReadOnlyList<Interface>? Interfaces = null,
        IReadOnlyList<Nomogram>? Nomograms = null,
        IReadOnlyList<Contingency>? Contingencies = null,
        IReadOnlyList<string>? PortfolioBalanced = null)
    {
        this.Resources = Resources is null ? null : InputChecks.Copy(Resources, "resources");
        this.Offers = CopyMap(Offers, "offers");
        this.Bids = CopyMap(Bids, "bids");
        this.Demand = CopyMap(Demand, "demand");
        this.Schedules = InputChecks.Copy(Schedules ?? [], "schedules");
        this.Adjustments = InputChecks.Copy(Adjustments ?? [], "adjustments");
        this.Zones = Zones is null ? null : InputChecks.Copy(Zones, "zones");
        this.Hubs = InputChecks.Copy(Hubs ?? [], "hubs");
        this.Interfaces = InputChecks.Copy(Interfaces ?? [], "interfaces");
        this.Nomograms = InputChecks.Copy(Nomograms ?? [], "nomograms");
        this.Contingencies = InputChecks.Copy(Contingencies ?? [], "contingencies");
        this.PortfolioBalanced = InputChecks.Copy(PortfolioBalanced ?? [], "portfolio-balanced participants");

        _resourceById = UniqueIds(this.Resources ?? [], r => r.Id, "resource");
        _scheduleById = UniqueIds(this.Schedules, s => s.Id, "schedule");
        UniqueIds(this.Zones ?? [], z => z.Id, "zone");
        UniqueIds(this.Hubs, h => h.Id, "hub");
        var interfaceById = UniqueIds(this.Interfaces, i => i.Id, "interface");
        UniqueIds(this.Nomograms, n => n.Id, "nomogram");
        UniqueIds(this.Contingencies, c => c.Id, "contingency");

        CheckParticipation();
        CheckAdjustments();
        CheckZones();
        CheckNomograms(interfaceById);
        CheckContingencies();
        CheckPortfolios();
    }

    /// <summary>The reserve market (reserve_requirements.csv, reserve_offers.csv, reserve_self.csv); empty: energy only.</summary>
    public ReserveMarket Reserves { get; init; } = ReserveMarket.Empty;

    /// <summary>The price caps of this market (caps.csv rows of its market); none: prices limited by penalties alone.</summary>
    public PriceCaps Caps { get; init; } = PriceCaps.None;

    /// <summary>A market with nothing in it: the MATPOWER case clears as a DC OPF.</summary>
    public static MarketInput Empty { get; } = new();

    /// <summary>Participating resources in file order, or null: the case's generators and loads take part as in
    /// MATPOWER.</summary>
    public IReadOnlyList<Resource>? Resources { get; }

    /// <summary>Generator offers by resource id (file order of first appearance).</summary>
    public IReadOnlyDictionary<string, OfferCurve> Offers { get; }

    /// <summary>Load bids by resource id.</summary>
    public IReadOnlyDictionary<string, BidCurve> Bids { get; }

    /// <summary>Fixed load demand, MW, by resource id (any finite number: negative PD occurs in cases).</summary>
    public IReadOnlyDictionary<string, double> Demand { get; }

    public IReadOnlyList<Schedule> Schedules { get; }

    public IReadOnlyList<AdjustmentBid> Adjustments { get; }

    /// <summary>Zones, or null for <see cref="DefaultZones"/>; see <see cref="ZonesOf"/>.</summary>
    public IReadOnlyList<Zone>? Zones { get; }

    public IReadOnlyList<Hub> Hubs { get; }

    public IReadOnlyList<Interface> Interfaces { get; }

    public IReadOnlyList<Nomogram> Nomograms { get; }

    public IReadOnlyList<Contingency> Contingencies { get; }

    /// <summary>Participants under a portfolio-balance instruction (D2a), in file order.</summary>
    public IReadOnlyList<string> PortfolioBalanced { get; }

    private readonly Dictionary<string, Resource> _resourceById;
    private readonly Dictionary<string, Schedule> _scheduleById;

    /// <summary>The zones in force: <see cref="Zones"/>, or the case's areas.</summary>
    public IReadOnlyList<Zone> ZonesOf(Network.Network network) => Zones ?? DefaultZones(network);

    public Resource? FindResource(string id) => _resourceById.GetValueOrDefault(id);

    public Schedule? FindSchedule(string id) => _scheduleById.GetValueOrDefault(id);

    /// <summary>
    /// The default zones: one per MATPOWER area, id = the area number as text, ordered by area number, buses in
    /// network order.
    /// </summary>
    public static IReadOnlyList<Zone> DefaultZones(Network.Network network) => DefaultZonesOf.GetValue(network, AreaZones);

    /// <summary>The default zones of each network, built once: every interval's settlement asks for them.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Network.Network, IReadOnlyList<Zone>> DefaultZonesOf = new();

    private static IReadOnlyList<Zone> AreaZones(Network.Network network)
    {
        var byArea = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < network.BusCount; i++)
        {
            if (!byArea.TryGetValue(network.BusArea[i], out var buses))
            {
                byArea[network.BusArea[i]] = buses = [];
            }

            buses.Add(network.BusIds[i]);
        }

        return Array.AsReadOnly(byArea.Select(a => new Zone(a.Key.ToString(CultureInfo.InvariantCulture), a.Value)).ToArray());
    }

    /// <summary>
    /// Checks what needs the network: every bus named exists, every branch index is in range, and zones (when given)
    /// put every bus in exactly one zone. Throws <see cref="ArgumentException"/>.
    /// </summary>
    public void CheckAgainst(Network.Network network)
    {
        void Bus(int bus, string where)
        {
            if (!network.TryGetBusIndex(bus, out _))
            {
                throw new ArgumentException($"{where}: bus {bus} is not in the network");
            }
        }

        void Branch(int branch, string where)
        {
            if (branch >= network.BranchCount)
            {
                throw new ArgumentException($"{where}: branch index {branch} is out of range (network has {network.BranchCount} branches)");
            }
        }

        foreach (var r in Resources ?? [])
        {
            Bus(r.Bus, $"resource {r.Id}");
        }

        foreach (var s in Schedules)
        {
            foreach (var l in s.Legs)
            {
                Bus(l.Bus, $"schedule {s.Id}");
            }
        }

        foreach (var h in Hubs)
        {
            foreach (var b in h.Buses)
            {
                Bus(b.Bus, $"hub {h.Id}");
            }
        }

        foreach (var i in Interfaces)
        {
            foreach (var t in i.Terms)
            {
                Branch(t.Branch, $"interface {i.Id}");
            }
        }

        foreach (var n in Nomograms)
        {
            foreach (var t in n.Terms)
            {
                switch (t)
                {
                    case FlowTerm f:
                        Branch(f.Branch, $"nomogram {n.Id}");
                        break;
                    case InjectionTerm j:
                        Bus(j.Bus, $"nomogram {n.Id}");
                        break;
                }
            }
        }

        foreach (var c in Contingencies)
        {
            Branch(c.Branch, $"contingency {c.Id}");
        }

        if (Zones is not null)
        {
            var zoned = new HashSet<int>();
            foreach (var z in Zones)
            {
                foreach (var b in z.Buses)
                {
                    Bus(b, $"zone {z.Id}");
                    zoned.Add(b);
                }
            }

            var missing = network.BusIds.Where(b => !zoned.Contains(b)).ToList();
            if (missing.Count > 0)
            {
                throw new ArgumentException(MissingZoneMessage(missing));
            }
        }
    }

    /// <summary>The message for buses left out of every zone (shared with the folder reader).</summary>
    public static string MissingZoneMessage(IReadOnlyList<int> missing) =>
        $"{missing.Count} bus(es) are in no zone, e.g. {string.Join(", ", missing.Take(10))}: when zones are given, every bus must be in exactly one zone";

    private void CheckParticipation()
    {
        if (Resources is null)
        {
            if (Offers.Count + Bids.Count + Demand.Count > 0)
            {
                throw new ArgumentException("offers, bids or demand are given without resources: list the resources they belong to");
            }

            return;
        }

        foreach (var (id, _) in Offers)
        {
            var r = _resourceById.GetValueOrDefault(id) ?? throw new ArgumentException($"offer for unknown resource {id}");
            if (r.Kind != ResourceKind.Generator)
            {
                throw new ArgumentException($"offer for {id}, which is a load (loads bid)");
            }
        }

        foreach (var (id, _) in Bids)
        {
            var r = _resourceById.GetValueOrDefault(id) ?? throw new ArgumentException($"bid for unknown resource {id}");
            if (r.Kind != ResourceKind.Load)
            {
                throw new ArgumentException($"bid for {id}, which is a generator (generators offer)");
            }
        }

        foreach (var (id, mw) in Demand)
        {
            var r = _resourceById.GetValueOrDefault(id) ?? throw new ArgumentException($"demand for unknown resource {id}");
            if (r.Kind != ResourceKind.Load)
            {
                throw new ArgumentException($"demand for {id}, which is a generator");
            }

            InputLimits.Mw(InputChecks.Finite(mw, $"demand of {id}"), $"demand of {id}");
        }

        foreach (var r in Resources)
        {
            if (r.Kind == ResourceKind.Generator)
            {
                var offer = Offers.GetValueOrDefault(r.Id) ?? throw new ArgumentException($"generator {r.Id} has no offer");
                if (r.MinMw > offer.CapacityMw)
                {
                    throw new ArgumentException($"generator {r.Id}: min_mw {InputChecks.Text(r.MinMw)} exceeds its offered capacity {InputChecks.Text(offer.CapacityMw)} MW");
                }

                if (r.MustRunMw > offer.CapacityMw)
                {
                    throw new ArgumentException($"generator {r.Id}: must_run {InputChecks.Text(r.MustRunMw)} exceeds its offered capacity {InputChecks.Text(offer.CapacityMw)} MW");
                }
            }
            else
            {
                var hasBid = Bids.ContainsKey(r.Id);
                var hasDemand = Demand.ContainsKey(r.Id);
                if (!hasBid && !hasDemand)
                {
                    throw new ArgumentException($"load {r.Id} has neither a bid nor a fixed demand");
                }
            }
        }
    }

    private void CheckAdjustments()
    {
        var seen = new HashSet<(string, int, AdjustmentDirection)>();
        foreach (var a in Adjustments)
        {
            var s = _scheduleById.GetValueOrDefault(a.Schedule) ?? throw new ArgumentException($"adjustment for unknown schedule {a.Schedule}");
            if (s.LegAt(a.Bus) is null)
            {
                throw new ArgumentException($"adjustment of schedule {a.Schedule} at bus {a.Bus}, which is not one of its legs");
            }

            // D3: an adjustment moves only its submitter's side; on a trade, whose side a leg is must be said.
            var owner = s.OwnerOf(s.LegAt(a.Bus)!);
            if (a.Participant is null && s.IsTrade)
            {
                throw new ArgumentException($"adjustment of trade {a.Schedule} at bus {a.Bus}: name its participant (the leg there is {owner}'s)");
            }

            if (a.Participant is not null && a.Participant != owner)
            {
                throw new ArgumentException($"adjustment of schedule {a.Schedule} at bus {a.Bus} by {a.Participant}: the leg there is {owner}'s, and an adjustment moves only its participant's own side");
            }

            if (!seen.Add((a.Schedule, a.Bus, a.Direction)))
            {
                throw new ArgumentException($"schedule {a.Schedule} has two {a.Direction.ToString().ToLowerInvariant()} adjustments at bus {a.Bus}");
            }
        }
    }

    private void CheckZones()
    {
        var zoneOfBus = new Dictionary<int, string>();
        foreach (var z in Zones ?? [])
        {
            foreach (var b in z.Buses)
            {
                if (!zoneOfBus.TryAdd(b, z.Id))
                {
                    throw new ArgumentException($"bus {b} is in zones {zoneOfBus[b]} and {z.Id}");
                }
            }
        }
    }

    private void CheckNomograms(Dictionary<string, Interface> interfaceById)
    {
        foreach (var n in Nomograms)
        {
            foreach (var t in n.Terms)
            {
                if (t is InterfaceTerm i && !interfaceById.ContainsKey(i.Interface))
                {
                    throw new ArgumentException($"nomogram {n.Id} names unknown interface {i.Interface}");
                }
            }
        }
    }

    private void CheckPortfolios()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in PortfolioBalanced)
        {
            InputChecks.Id(p, "portfolio participant");
            if (!seen.Add(p))
            {
                throw new ArgumentException($"participant {p} has two portfolio-balance instructions");
            }

            if (!Schedules.Any(s => s.Participant == p))
            {
                throw new ArgumentException($"participant {p} has a portfolio-balance instruction but submits no schedule");
            }
        }
    }

    private void CheckContingencies()
    {
        var byBranch = new Dictionary<int, string>(Contingencies.Count);
        foreach (var c in Contingencies)
        {
            if (!byBranch.TryAdd(c.Branch, c.Id))
            {
                throw new ArgumentException($"contingencies {byBranch[c.Branch]} and {c.Id} trip the same branch");
            }
        }
    }

    private static Dictionary<string, T> UniqueIds<T>(IReadOnlyList<T> items, Func<T, string> id, string what)
    {
        var map = new Dictionary<string, T>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!map.TryAdd(id(item), item))
            {
                throw new ArgumentException($"{what} {id(item)} appears twice");
            }
        }

        return map;
    }

    /// <summary>An insertion-ordered read-only copy: iteration follows the caller's (file) order.</summary>
    private static ReadOnlyDictionary<string, T> CopyMap<T>(IReadOnlyDictionary<string, T>? map, string what)
    {
        var copy = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, value) in map ?? new Dictionary<string, T>())
        {
            InputChecks.Id(key, $"a key of {what}");
            copy.Add(key, value ?? throw new ArgumentException($"{what} of {key} is null"));
        }

        return new ReadOnlyDictionary<string, T>(copy);
    }
}
