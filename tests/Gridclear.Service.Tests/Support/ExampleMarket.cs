using Gridclear.Service.Files;

namespace Gridclear.Service.Tests.Support;

/// <summary>
/// examples/market split as a real market would receive it: the operator's files (network, zones, hubs, resources,
/// interfaces, FTRs) and each participant's own rows of the bid files (by resources.csv owner, schedule participant).
/// </summary>
public static class ExampleMarket
{
    public static string Network => File.ReadAllText(Path.Combine(Repo.ExampleMarket, "network.m"));

    /// <summary>The operator's market files: every CSV of the folder that is not a bid file.</summary>
    public static Dictionary<string, string> OperatorFiles() =>
        Directory.GetFiles(Repo.ExampleMarket, "*.csv").Where(f => !BidFiles.IsBidFile(Path.GetFileName(f)))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    /// <summary>Participants in the order the example's files name them first (resources, then schedules).</summary>
    public static List<string> Participants()
    {
        var names = new List<string>();
        foreach (var (file, column) in new[] { ("resources.csv", "participant"), ("schedules.csv", "participant") })
        {
            var t = CsvSource.Parse(Read(file), file, column);
            var c = CsvSource.Column(t, column);
            names.AddRange(t.Rows.Select(r => r.Fields[c]).Where(n => !names.Contains(n)).Distinct());
        }

        return names;
    }

    /// <summary>Each bid file's rows of one participant (header as in the example); files it has no rows in are absent.</summary>
    public static Dictionary<string, string> BidsOf(string participant)
    {
        var owner = Owners("resources.csv", "resource");
        var scheduleOwner = Owners("schedules.csv", "schedule");
        var files = new Dictionary<string, string>();
        foreach (var file in BidFiles.All)
        {
            var path = Path.Combine(Repo.ExampleMarket, file);
            if (!File.Exists(path))
            {
                continue;
            }

            var (column, owners) = file switch
            {
                "offers.csv" or "bids.csv" or "demand.csv" => ("resource", owner),
                "schedules.csv" or "portfolio.csv" => ("participant", (Dictionary<string, string>?)null),
                _ => ("schedule", scheduleOwner),
            };
            var t = CsvSource.Parse(File.ReadAllText(path), file, column);
            var c = CsvSource.Column(t, column);
            var rows = t.Rows.Where(r => (owners is null ? r.Fields[c] : owners.GetValueOrDefault(r.Fields[c])) == participant).Select(r => r.Fields).ToList();
            if (rows.Count > 0)
            {
                files[file] = CsvSource.Write(t.Header, rows);
            }
        }

        return files;
    }

    private static string Read(string file) => File.ReadAllText(Path.Combine(Repo.ExampleMarket, file));

    private static Dictionary<string, string> Owners(string file, string key)
    {
        var t = CsvSource.Parse(Read(file), file, key, "participant");
        var (k, p) = (CsvSource.Column(t, key), CsvSource.Column(t, "participant"));
        var owners = new Dictionary<string, string>();
        foreach (var r in t.Rows)
        {
            owners.TryAdd(r.Fields[k], r.Fields[p]);
        }

        return owners;
    }
}
