using Gridclear.Market;

namespace Gridclear.Designs.FlowPaths;

/// <summary>
/// The zonal commercial model of the flow-path design (001): the day-ahead market sees zones connected by the flow
/// paths and nothing else. Each zone's flow distribution factor on a path is the load-weighted average of its buses'
/// factors, so an injection anywhere in a zone flows on the paths as the zone's load does; only the path ratings are
/// enforced (no branch limit, contingency, other interface or nomogram). Written for the engine as a network without
/// limits plus two one-sided limits per path on the net bus injections, Σ FDF(path, zone of bus)·P(bus) ≤ rating and
/// its reverse: with Σ P = 0 the reference drops out. Bus prices come out uniform within each zone (the zone's FDFs
/// are its buses'), λ − Σ μ·FDF(zone): the design's zonal prices. What the model misses, the operator redispatches
/// (<see cref="OperatorRedispatch"/>).
/// </summary>
public sealed class CommercialModel
{
    /// <summary>Suffix of the nomogram holding a path in its reverse direction.</summary>
    public const string ReverseSuffix = ":reverse";

    private readonly Dictionary<string, (FlowPath Path, int Sign)> _byNomogram = new(StringComparer.Ordinal);

    /// <param name="factors">The paths' bus factors on the real network.</param>
    /// <param name="zones">Zones partitioning the buses (external ids).</param>
    /// <param name="busWeights">Load at each bus (internal order, MW ≥ 0): a zone's factor is its buses' average by
    /// these weights; a zone with no load averages its buses equally.</param>
    public CommercialModel(FlowDistributionFactors factors, IReadOnlyList<Zone> zones, IReadOnlyList<double> busWeights)
    {
        var network = factors.Network;
        Zones = zones;
        var zoneOf = new int[network.BusCount];
        Array.Fill(zoneOf, -1);
        for (var z = 0; z < zones.Count; z++)
        {
            foreach (var bus in zones[z].Buses)
            {
                zoneOf[network.BusIndex(bus)] = z;
            }
        }

        if (Array.IndexOf(zoneOf, -1) is var missing and >= 0)
        {
            throw new ArgumentException($"bus {network.BusIds[missing]} is in no zone", nameof(zones));
        }

        var weight = new double[network.BusCount];
        var zoneLoad = new double[zones.Count];
        var zoneBuses = new int[zones.Count];
        for (var b = 0; b < weight.Length; b++)
        {
            weight[b] = Math.Max(0, busWeights[b]);
            zoneLoad[zoneOf[b]] += weight[b];
            zoneBuses[zoneOf[b]]++;
        }

        ZoneFactors = new double[factors.Paths.Count][];
        var nomograms = new List<Nomogram>();
        for (var p = 0; p < factors.Paths.Count; p++)
        {
            var row = factors.Row(p);
            var zf = ZoneFactors[p] = new double[zones.Count];
            for (var b = 0; b < row.Length; b++)
            {
                var z = zoneOf[b];
                zf[z] += zoneLoad[z] > 0 ? weight[b] / zoneLoad[z] * row[b] : row[b] / zoneBuses[z];
            }

            var path = factors.Paths[p];
            var terms = new List<NomogramTerm>();
            var reverse = new List<NomogramTerm>();
            for (var b = 0; b < row.Length; b++)
            {
                var f = zf[zoneOf[b]];
                if (f != 0)
                {
                    terms.Add(new InjectionTerm(network.BusIds[b], f));
                    reverse.Add(new InjectionTerm(network.BusIds[b], -f));
                }
            }

            // A path no injection moves (every zone's factor 0) constrains nothing.
            if (terms.Count == 0)
            {
                continue;
            }

            nomograms.Add(new Nomogram(path.Id, terms, path.Rating));
            nomograms.Add(new Nomogram(path.Id + ReverseSuffix, reverse, path.Rating));
            _byNomogram[path.Id] = (path, 1);
            _byNomogram[path.Id + ReverseSuffix] = (path, -1);
        }

        Nomograms = nomograms;
        var unlimited = network.Branches.Select(br => br with
        {
            RatingMw = double.PositiveInfinity,
            AngleMinRad = double.NegativeInfinity,
            AngleMaxRad = double.PositiveInfinity,
        }).ToList();
        Network = new Network.Network(network.Name, network.BaseMva, network.BusIds, network.BusLoadMw, network.BusArea, unlimited, network.Generators, network.ReferenceBus, network.BusNames)
        {
            Source = network.Source,
        };
    }

    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>FDF of each path (file order) at each zone (zones order), MW per MW.</summary>
    public double[][] ZoneFactors { get; }

    /// <summary>The real network's topology and impedances without any limit.</summary>
    public Network.Network Network { get; }

    /// <summary>The path limits as the engine's nomograms (two per path).</summary>
    public IReadOnlyList<Nomogram> Nomograms { get; }

    /// <summary>
    /// The commercial clearing as the design reports it: each path limit that bound becomes an <c>interface</c> row
    /// named by the path, flow and limit in the path's direction (limit −rating when it bound in reverse), as
    /// <c>path-rights --prices</c> reads it.
    /// </summary>
    public DayAheadResult Relabel(DayAheadResult commercial) => commercial with
    {
        Constraints = [.. commercial.Constraints.Select(c =>
            c.Kind == ConstraintKind.Nomogram && _byNomogram.TryGetValue(c.Constraint, out var p)
                ? c with { Constraint = p.Path.Id, Kind = ConstraintKind.Interface, Flow = p.Sign * c.Flow, Limit = p.Sign * c.Limit }
                : c)],
    };
}
