using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>
/// Reserves co-optimised with energy (D16, M3, X3): the piece of the clearing problem that adds reserve columns and
/// rows to the one dispatch LP (<see cref="DispatchProblem"/>); constraint generation and pricing run over it unchanged.
/// <list type="bullet">
/// <item>Columns: one per reserve offer step (0 ≤ r ≤ step MW, cost = its price) and one per segment of each demand curve
/// (0 ≤ d ≤ segment MW, cost = −its price: buying it is worth its price).</item>
/// <item>Requirement rows, one per demand curve (product, zone): Σ awards of the product by resources in the zone (every
/// zone for <c>system</c>) − Σ d ≥ −self-provision. Its dual y ≥ 0 is the reserve price; when supply falls short the
/// marginal segment of the curve sets it (scarcity).</item>
/// <item>Capacity rows, one per generator with a reserve offer: energy + Σ reserve awards ≤ capacity (the sum of its
/// offer steps, or Pmax). A binding capacity row carries the reserve price into the energy price (the generator's
/// energy forgoes reserve), which is how energy prices reflect reserve scarcity.</item>
/// </list>
/// </summary>
internal sealed class ReserveProblem
{
    private readonly List<(int Resource, string Product, int Column, double Price)> _offerColumns = [];
    private readonly List<(ReserveDemand Demand, int Row, int[] Columns, double SelfMw)> _requirements = [];
    private readonly List<CapacityCoupling> _couplings = [];
    private readonly string[] _zoneOfResource;

    private ReserveProblem(string[] zoneOfResource) => _zoneOfResource = zoneOfResource;

    /// <summary>Adds the reserve market to the problem (before it is loaded); null when there is none.</summary>
    public static ReserveProblem? Add(DispatchProblem problem, Participation participation, MarketInput input)
    {
        var market = input.Reserves;
        if (market.IsEmpty)
        {
            return null;
        }

        var network = participation.Network;
        var zoneOfBus = new string[network.BusCount];
        foreach (var zone in input.ZonesOf(network))
        {
            foreach (var bus in zone.Buses)
            {
                zoneOfBus[network.BusIndex(bus)] = zone.Id;
            }
        }

        var resources = participation.Resources;
        var zoneOfResource = resources.Select(r => zoneOfBus[r.Bus] ?? string.Empty).ToArray();
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < resources.Count; i++)
        {
            indexOf[resources[i].Name] = i;
        }

        var reserve = new ReserveProblem(zoneOfResource);
        var reserveColumnsOf = new Dictionary<int, List<int>>();
        foreach (var offer in market.Offers)
        {
            var r = indexOf.TryGetValue(offer.Resource, out var found) && resources[found].Kind == ResourceKind.Generator
                ? found
                : throw new InvalidInputException("reserve_offers", null, $"resource {offer.Resource} is not a generator of the market");
            if (!reserveColumnsOf.TryGetValue(r, out var list))
            {
                reserveColumnsOf[r] = list = [];
            }

            foreach (var step in offer.Steps)
            {
                var column = problem.AddColumn(0, step.Mw, step.Price);
                reserve._offerColumns.Add((r, offer.Product, column, step.Price));
                list.Add(column);
            }
        }

        // Energy + reserves ≤ capacity, per generator that offers reserve (in the order the offers came).
        foreach (var (r, reserveColumns) in reserveColumnsOf)
        {
            var energy = resources[r].Columns;
            var capacity = energy.Sum(j => participation.Columns[j].Upper);
            int[] columns = [.. energy, .. reserveColumns];
            var row = problem.AddRow(LpRow.AtMost(capacity, columns, [.. columns.Select(_ => 1.0)]));
            if (energy.Length == 1)
            {
                reserve._couplings.Add(new CapacityCoupling(row, energy[0], [.. reserveColumns]));
            }
        }

        // Offer columns by product and by (product, zone), in offer order: each requirement row takes one list instead of
        // scanning every offer (65 requirements × 3,874 offer steps on case_ACTIVSg10k).
        var byProduct = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byZone = new Dictionary<(string Product, string Zone), List<int>>();
        foreach (var o in reserve._offerColumns)
        {
            if (!byProduct.TryGetValue(o.Product, out var all))
            {
                byProduct[o.Product] = all = [];
            }

            all.Add(o.Column);
            var key = (o.Product, zoneOfResource[o.Resource]);
            if (!byZone.TryGetValue(key, out var inZone))
            {
                byZone[key] = inZone = [];
            }

            inZone.Add(o.Column);
        }

        foreach (var bid in market.Demands)
        {
            // M1: a capped product's curve is worth no more than the cap (the penalty price of unserved reserve).
            var demand = input.Caps.ReserveCap(bid.Product) is { } cap && bid.Steps.Any(s => s.Price > cap)
                ? new ReserveDemand(bid.Product, bid.Zone, [.. bid.Steps.Select(s => new PriceStep(s.Mw, Math.Min(s.Price, cap)))])
                : bid;
            var self = market.SelfProvision
                .Where(s => s.Product == demand.Product && (demand.IsSystem || s.Zone == demand.Zone))
                .Sum(s => s.Mw);
            var segments = demand.Steps.Select(step => problem.AddColumn(0, step.Mw, -step.Price)).ToArray();
            int[] supply = [.. (demand.IsSystem ? byProduct.GetValueOrDefault(demand.Product) : byZone.GetValueOrDefault((demand.Product, demand.Zone))) ?? []];
            int[] columns = [.. supply, .. segments];
            double[] values = [.. supply.Select(_ => 1.0), .. segments.Select(_ => -1.0)];
            var row = problem.AddRow(LpRow.AtLeast(-self, columns, values));
            reserve._requirements.Add((demand, row, segments, self));
        }

        return reserve;
    }

    /// <summary>
    /// The solver to clear with: <paramref name="inner"/> behind a <see cref="HeadroomSolver"/>, which solves a quadratic
    /// dispatch with its capacity rows as column bounds (the answer is the same optimum, checked).
    /// </summary>
    public ILpSolver Solver(ILpSolver inner) => _couplings.Count == 0 ? inner : new HeadroomSolver(inner, _couplings);

    /// <summary>Reserve prices (row duals), awards and the reserve part of the objective at a solution.</summary>
    public ReserveResult Result(Participation participation, LpSolution solution)
    {
        var x = solution.Primal;
        var y = solution.RowDual;

        // A requirement row's dual is ≥ 0 (an AtLeast row); a barrier solve leaves ~1e-9 on slack rows.
        double Dual(int row) => Math.Max(0, y[row]);
        var system = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (demand, row, _, _) in _requirements.Where(q => q.Demand.IsSystem))
        {
            system[demand.Product] = system.GetValueOrDefault(demand.Product) + Dual(row);
        }

        var zonal = new Dictionary<(string, string), double>();
        foreach (var (demand, row, _, _) in _requirements.Where(q => !q.Demand.IsSystem))
        {
            zonal[(demand.Product, demand.Zone)] = Dual(row);
        }

        double SupplierPrice(string product, string zone) =>
            zonal.GetValueOrDefault((product, zone)) + system.GetValueOrDefault(product);

        var prices = new List<ReservePrice>(_requirements.Count);
        var demandValue = 0.0;
        foreach (var (demand, row, columns, self) in _requirements)
        {
            var cleared = 0.0;
            for (var k = 0; k < columns.Length; k++)
            {
                cleared += x[columns[k]];
                demandValue += demand.Steps[k].Price * x[columns[k]];
            }

            var price = Dual(row);
            prices.Add(new ReservePrice(demand.Product, demand.Zone, price, demand.IsSystem ? price : SupplierPrice(demand.Product, demand.Zone), cleared, self));
        }

        var awards = new List<ReserveAward>();
        var offerCost = 0.0;
        foreach (var group in _offerColumns.GroupBy(o => (o.Resource, o.Product)))
        {
            var (r, product) = group.Key;
            var mw = group.Sum(o => x[o.Column]);
            var cost = group.Sum(o => o.Price * x[o.Column]);
            offerCost += cost;
            var resource = participation.Resources[r];
            var zone = _zoneOfResource[r];
            awards.Add(new ReserveAward(resource.Name, participation.Network.BusIds[resource.Bus], product, zone, mw, SupplierPrice(product, zone), cost));
        }

        return new ReserveResult(prices, awards, offerCost, demandValue);
    }
}
