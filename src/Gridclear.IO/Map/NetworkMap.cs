using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Gridclear.Network;

namespace Gridclear.IO.Map;

/// <summary>A bus placed on the map (x, y in [0, 1], y downwards).</summary>
public sealed record MapBus(int Bus, double X, double Y);

/// <summary>A branch of the map, named by its end buses (and its circuit among parallel branches, from 1).</summary>
public sealed record MapBranch(int FromBus, int ToBus, int Circuit, bool InService);

/// <summary>What the page draws: where the buses are and which branches join them. <paramref name="Source"/> is
/// "case" when the case gave coordinates, "layout" when they were computed.</summary>
public sealed record NetworkMap(string Source, IReadOnlyList<MapBus> Buses, IReadOnlyList<MapBranch> Branches)
{
    /// <summary>The map of a case: the case's own bus coordinates when it has them (<c>mpc.bus_geo</c>: one row per bus,
    /// in bus order, x and y, or bus, x and y), otherwise a force layout. Computed once, when the network is put.</summary>
    public static NetworkMap Of(PowerCase powerCase, string caseText)
    {
        var ids = powerCase.Buses.Select(b => b.Id).ToArray();
        var pairs = new Dictionary<(int, int), int>();
        var branches = new List<MapBranch>();
        foreach (var b in powerCase.Branches)
        {
            var key = (Math.Min(b.FromBus, b.ToBus), Math.Max(b.FromBus, b.ToBus));
            pairs[key] = pairs.GetValueOrDefault(key) + 1;
            branches.Add(new MapBranch(b.FromBus, b.ToBus, pairs[key], b.InService));
        }

        var coordinates = CaseCoordinates(caseText, ids);
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var edges = powerCase.Branches.Where(b => index.ContainsKey(b.FromBus) && index.ContainsKey(b.ToBus) && b.FromBus != b.ToBus)
            .Select(b => (index[b.FromBus], index[b.ToBus])).ToArray();
        var (xs, ys) = coordinates ?? ForceLayout.Place(ids.Length, edges);
        Normalise(xs, ys);
        var buses = ids.Select((id, i) => new MapBus(id, Math.Round(xs[i], 5), Math.Round(ys[i], 5))).ToList();
        return new NetworkMap(coordinates is null ? "layout" : "case", buses, branches);
    }

    public string ToJson() => JsonSerializer.Serialize(this, NetworkMapJsonContext.Default.NetworkMap);

    private static (double[] X, double[] Y)? CaseCoordinates(string caseText, int[] ids)
    {
        var m = Regex.Match(caseText, @"mpc\.bus_geo\s*=\s*\[(?<rows>[^\]]*)\]", RegexOptions.Singleline, TimeSpan.FromSeconds(2));
        if (!m.Success)
        {
            return null;
        }

        var rows = m.Groups["rows"].Value.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(r => Regex.Replace(r, "%.*$", string.Empty).Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
            .Where(r => r.Length > 0).ToList();
        if (rows.Count != ids.Length || rows.Any(r => r.Length is not (2 or 3)))
        {
            return null;
        }

        var xs = new double[ids.Length];
        var ys = new double[ids.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var k = r.Length - 2;
            if (!double.TryParse(r[k], NumberStyles.Float, CultureInfo.InvariantCulture, out xs[i])
                || !double.TryParse(r[k + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out ys[i]))
            {
                return null;
            }

            // Geographic rows are (longitude, latitude): north is up on the map, y grows downwards on screen.
            ys[i] = -ys[i];
        }

        return (xs, ys);
    }

    private static void Normalise(double[] xs, double[] ys)
    {
        if (xs.Length == 0)
        {
            return;
        }

        var (x0, x1, y0, y1) = (xs.Min(), xs.Max(), ys.Min(), ys.Max());
        var span = Math.Max(Math.Max(x1 - x0, y1 - y0), 1e-9);
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = (xs[i] - x0) / span;
            ys[i] = (ys[i] - y0) / span;
        }
    }
}

/// <summary>The map's JSON (snake_case names), generated at compile time so the CLI runs ahead-of-time compiled.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NetworkMap))]
internal sealed partial class NetworkMapJsonContext : JsonSerializerContext;
