using System.Globalization;
using System.Text;
using Gridclear.Tests.MarketFolder;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.RealTime;

/// <summary>
/// Seeded market days on the shared case5 (two congested lines): five generators of three participants with three
/// offer steps each, three fixed loads and one price-responsive load, two zones, nodal and zonal elections. Demand
/// varies by interval (the <c>interval</c> column of demand.csv), offers do not.
/// </summary>
internal static class DayMarkets
{
    public static string Case => TestPaths.Case("case5");

    public static readonly (string Id, string Participant, int Bus, string Kind, string Settlement)[] Resources =
    [
        ("G1", "Alta", 1, "generator", "nodal"),
        ("G2", "Alta", 1, "generator", "zonal"),
        ("G3", "Brighton", 3, "generator", "nodal"),
        ("G4", "Coast", 4, "generator", "nodal"),
        ("G5", "Brighton", 5, "generator", "zonal"),
        ("L2", "Delta", 2, "load", "nodal"),
        ("L3", "Echo", 3, "load", "zonal"),
        ("L4", "Delta", 4, "load", "nodal"),
        ("B4", "Echo", 4, "load", "nodal"),
    ];

    private static readonly double[] Capacity = [40, 170, 520, 200, 600];

    /// <summary>Cheap generation at buses 1 and 5 loads lines 1-2 and 4-5 to their limits as demand grows.</summary>
    private static readonly double[] BasePrice = [8, 12, 30, 40, 10];
    private static readonly double[] BaseLoad = [300, 300, 330];

    /// <summary>The files of a day: <paramref name="intervals"/> intervals (no interval column when 0: one interval).
    /// <paramref name="demandScale"/> multiplies every load (a real-time day differs from the day ahead that way).</summary>
    public static Dictionary<string, string> Files(int seed, int intervals, double demandScale = 1.0, string? metering = null)
    {
        var random = new Random(seed);
        var files = new Dictionary<string, string>();
        var resources = new StringBuilder(metering is null ? "resource,participant,bus,kind,settlement\n" : "resource,participant,bus,kind,settlement,metering\n");
        foreach (var r in Resources)
        {
            resources.Append(CultureInfo.InvariantCulture, $"{r.Id},{r.Participant},{r.Bus},{r.Kind},{r.Settlement}");
            resources.Append(metering is null ? "\n" : r.Id == "L3" ? $",{metering}\n" : ",interval\n");
        }

        files["resources.csv"] = resources.ToString();
        var offers = new StringBuilder("resource,segment,mw,price\n");
        for (var g = 0; g < Capacity.Length; g++)
        {
            var price = BasePrice[g] + (5 * random.NextDouble());
            foreach (var (share, k) in new[] { (0.5, 1), (0.3, 2), (0.2, 3) })
            {
                offers.Append(CultureInfo.InvariantCulture, $"G{g + 1},{k},{Capacity[g] * share:0.###},{price:0.###}\n");
                price += 1 + (10 * random.NextDouble());
            }
        }

        files["offers.csv"] = offers.ToString();
        files["bids.csv"] = "resource,segment,mw,price\nB4,1,60,80\nB4,2,40,35\nB4,3,40,20\n";
        var demand = new StringBuilder(intervals > 0 ? "resource,mw,interval\n" : "resource,mw\n");
        for (var k = 1; k <= Math.Max(1, intervals); k++)
        {
            var scale = (0.6 + (0.7 * random.NextDouble())) * demandScale;
            string[] loads = ["L2", "L3", "L4"];
            for (var i = 0; i < loads.Length; i++)
            {
                demand.Append(CultureInfo.InvariantCulture, $"{loads[i]},{BaseLoad[i] * scale:0.###}");
                demand.Append(intervals > 0 ? $",{k}\n" : "\n");
            }
        }

        files["demand.csv"] = demand.ToString();
        files["zones.csv"] = "zone,bus\nNorth,1\nNorth,2\nNorth,3\nSouth,4\nSouth,5\n";
        return files;
    }

    /// <summary>The rows of interval <paramref name="k"/> of a file with an interval column, as a file without one.</summary>
    public static string OnlyInterval(string csv, int k)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var at = Array.IndexOf(header, "interval");
        var sb = new StringBuilder(string.Join(",", header.Where((_, i) => i != at)) + "\n");
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f[at] == k.ToString(CultureInfo.InvariantCulture))
            {
                sb.Append(string.Join(",", f.Where((_, i) => i != at))).Append('\n');
            }
        }

        return sb.ToString();
    }

    public static TempFolder Folder(Dictionary<string, string> files) => new(files);

    /// <summary>A CSV result file as rows of named fields.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => SplitCsv(l)).Select(f => header.Select((h, i) => (h, f[i])).ToDictionary(p => p.h, p => p.Item2)).ToList();
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return [.. fields];
    }

    public static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    public static decimal M(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
