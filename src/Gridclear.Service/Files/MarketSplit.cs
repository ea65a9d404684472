namespace Gridclear.Service.Files;

/// <summary>
/// A market folder split as a market receives it: the operator's files (every CSV that is not a bid file) and each
/// participant's own rows of the bid files (offers, bids and demand by resources.csv owner; schedules and portfolio by
/// their participant column; adjustments by the owner of their schedule). Used to load a market folder into the service.
/// </summary>
public static class MarketSplit
{
    /// <summary>The operator's files by name.</summary>
    public static Dictionary<string, string> OperatorFiles(string folder) =>
        Directory.GetFiles(folder, "*.csv").Where(f => !BidFiles.IsBidFile(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);

    /// <summary>The participants in the order the folder names them first (resources.csv, then schedules.csv).</summary>
    public static List<string> Participants(string folder)
    {
        var names = new List<string>();
        foreach (var file in new[] { BidFiles.Resources, BidFiles.Schedules })
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                continue;
            }

            var t = CsvSource.Parse(File.ReadAllText(path), file, "participant");
            var c = CsvSource.Column(t, "participant");
            foreach (var name in t.Rows.Select(r => r.Fields[c]))
            {
                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <summary>Each bid file's rows of one participant, with the file's header; files it has no rows in are absent.</summary>
    public static Dictionary<string, string> BidsOf(string folder, string participant)
    {
        var resourceOwner = Owners(folder, BidFiles.Resources, "resource");
        var scheduleOwner = Owners(folder, BidFiles.Schedules, "schedule");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in BidFiles.All)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                continue;
            }

            var (column, owners) = file switch
            {
                BidFiles.Offers or BidFiles.Bids or BidFiles.Demand => ("resource", resourceOwner),
                BidFiles.Schedules or BidFiles.Portfolio => ("participant", null),
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

    private static Dictionary<string, string> Owners(string folder, string file, string key)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return owners;
        }

        var t = CsvSource.Parse(File.ReadAllText(path), file, key, "participant");
        var (k, p) = (CsvSource.Column(t, key), CsvSource.Column(t, "participant"));
        foreach (var r in t.Rows)
        {
            owners.TryAdd(r.Fields[k], r.Fields[p]);
        }

        return owners;
    }
}
