using Gridclear.Store;

namespace Gridclear.Service.Files;

/// <summary>
/// Builds the market folder a run reads from what the store holds: the operator's market files and the participants'
/// submissions. Three uses, one set of rules:
/// <list type="bullet">
/// <item>the clear: every file, each bid file the operator's rows followed by every participant's, merged;</item>
/// <item>checking one participant's submission: the operator's non-bid files with that participant's own bid files;</item>
/// <item>checking an operator's market file: the operator's files alone.</item>
/// </list>
/// In each, resources.csv keeps only the resources some offer, bid or demand row names (the others become comment lines,
/// so line numbers hold): a resource that submitted nothing takes no part, rather than failing everybody's clear.
/// Merged rows are ordered as a hand-made market folder is: rows naming a resource in resources.csv order, schedule rows
/// by participant (in registration order), each participant's rows in its own order.
/// </summary>
public static class MarketFolderAssembly
{
    public static Dictionary<string, string> ForClear(IReadOnlyDictionary<string, string> marketFiles, IReadOnlyList<Submission> submissions)
    {
        var files = new Dictionary<string, string>(marketFiles, StringComparer.Ordinal);
        var resourceOrder = ResourceOrder(marketFiles);
        foreach (var file in BidFiles.All)
        {
            var parts = new List<string>();
            if (marketFiles.TryGetValue(file, out var own))
            {
                parts.Add(own);
            }

            parts.AddRange(submissions.Where(s => s.File == file).Select(s => s.Content));
            if (parts.Count == 0)
            {
                continue;
            }

            files[file] = parts.Count == 1 && !BidFiles.ByResource.Contains(file)
                ? parts[0]
                : Merge(file, parts, BidFiles.ByResource.Contains(file) ? resourceOrder : null);
        }

        return WithReferencedResources(files);
    }

    public static Dictionary<string, string> ForParticipant(IReadOnlyDictionary<string, string> marketFiles, IReadOnlyList<Submission> own)
    {
        var files = marketFiles.Where(f => !BidFiles.IsBidFile(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach (var s in own)
        {
            files[s.File] = s.Content;
        }

        return WithReferencedResources(files);
    }

    public static Dictionary<string, string> ForOperator(IReadOnlyDictionary<string, string> marketFiles) =>
        WithReferencedResources(new Dictionary<string, string>(marketFiles, StringComparer.Ordinal));

    /// <summary>Merges CSV texts of one file: the union of their columns (first appearance order), every row.</summary>
    public static string Merge(string file, IReadOnlyList<string> texts, IReadOnlyDictionary<string, int>? resourceOrder)
    {
        var tables = texts.Select(t => CsvSource.Parse(t, file)).ToList();
        var header = new List<string>();
        foreach (var t in tables)
        {
            foreach (var name in t.Header)
            {
                if (!header.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    header.Add(name);
                }
            }
        }

        var rows = new List<string[]>();
        foreach (var t in tables)
        {
            var map = header.Select(h => CsvSource.Column(t, h)).ToArray();
            rows.AddRange(t.Rows.Select(r => map.Select(i => i < 0 ? string.Empty : r.Fields[i]).ToArray()));
        }

        if (resourceOrder is not null)
        {
            var c = header.FindIndex(h => string.Equals(h, "resource", StringComparison.OrdinalIgnoreCase));
            if (c >= 0)
            {
                // OrderBy is stable: a resource's segments keep their order.
                rows = rows.OrderBy(r => resourceOrder.TryGetValue(r[c], out var k) ? k : int.MaxValue).ToList();
            }
        }

        return CsvSource.Write(header, rows);
    }

    /// <summary>Writes the case and the market folder into a new temporary folder.</summary>
    public static AssembledFolder Write(string caseText, IReadOnlyDictionary<string, string> files)
    {
        var root = Path.Combine(Path.GetTempPath(), "gridclear-service", Guid.NewGuid().ToString("N"));
        var market = Path.Combine(root, "market");
        Directory.CreateDirectory(market);
        var casePath = Path.Combine(root, "network.m");
        File.WriteAllText(casePath, caseText);
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(market, name), content);
        }

        return new AssembledFolder(root, casePath, market);
    }

    private static Dictionary<string, int> ResourceOrder(IReadOnlyDictionary<string, string> marketFiles)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        if (marketFiles.TryGetValue(BidFiles.Resources, out var text))
        {
            var table = CsvSource.Parse(text, BidFiles.Resources, "resource");
            var c = CsvSource.Column(table, "resource");
            foreach (var row in table.Rows)
            {
                order.TryAdd(row.Fields[c], order.Count);
            }
        }

        return order;
    }

    private static Dictionary<string, string> WithReferencedResources(Dictionary<string, string> files)
    {
        if (!files.TryGetValue(BidFiles.Resources, out var resources))
        {
            return files;
        }

        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in BidFiles.ByResource)
        {
            if (files.TryGetValue(file, out var text))
            {
                var table = CsvSource.Parse(text, file, "resource");
                var c = CsvSource.Column(table, "resource");
                named.UnionWith(table.Rows.Select(r => r.Fields[c]));
            }
        }

        files[BidFiles.Resources] = CsvSource.KeepRows(resources, BidFiles.Resources, "resource", named.Contains);
        return files;
    }
}

/// <summary>A temporary folder holding network.m and market/; deleted when disposed.</summary>
public sealed record AssembledFolder(string Root, string CasePath, string MarketDirectory) : IDisposable
{
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the run's result is already taken.
        }
    }
}
