using Gridclear.IO.Csv;
using Gridclear.IO.Files;
using Gridclear.Market;

namespace Gridclear.IO.Market;

/// <summary>
/// One folder a market is read from. <paramref name="Files"/>: the files it may provide (null: any).
/// <paramref name="IntervalOf"/>: which of its intervals applies to interval k of the run (null: k itself), e.g. the
/// day-ahead hour of a five-minute real-time interval.
/// </summary>
public sealed record MarketLayer(string Directory, IReadOnlySet<string>? Files = null, Func<int, int>? IntervalOf = null);

/// <summary>A market read over intervals, with what the reader saw on the way.</summary>
/// <param name="Market">One input per interval.</param>
/// <param name="Listed">Every resource of resources.csv, per interval (in a partial read, also those without bids).</param>
/// <param name="LastNamed">Where the largest interval is named (file, line, interval), or null when no row names one.</param>
public sealed record MarketFolderRead(MarketIntervals Market, IReadOnlyList<IReadOnlyList<Resource>> Listed, (string File, int Line, int Interval)? LastNamed);

public static partial class MarketFolderReader
{
    /// <summary>The column that puts a row in one interval (FORMATS.md "Time"); every market CSV may have it.</summary>
    public const string IntervalColumn = "interval";

    /// <summary>
    /// The files of a read, over its layers: each file parsed once, its rows split into those of every interval
    /// (no <c>interval</c>, or an empty one) and those of one interval, kept with their line numbers.
    /// </summary>
    private sealed class MarketSource(IReadOnlyList<MarketLayer> layers)
    {
        private readonly Dictionary<string, Parsed?> _parsed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, object> _shared = new(StringComparer.Ordinal);

        /// <summary>The intervals of the run: the largest named by a layer read interval by interval, at least 1.</summary>
        public int IntervalCount => Math.Max(1, _parsed.Values.Where(p => p is not null && p.Layer.IntervalOf is null).Select(p => p!.MaxInterval).DefaultIfEmpty(0).Max());

        /// <summary>Where the run's largest interval is named.</summary>
        public (string File, int Line, int Interval)? LastNamed =>
            _parsed.Values.Where(p => p is not null && p.Layer.IntervalOf is null && p.LastRow is not null)
                .OrderByDescending(p => p!.MaxInterval).ThenBy(p => p!.Table.Source, StringComparer.Ordinal)
                .Select(p => ((string, int, int)?)(p!.Table.Source, p.LastRow!.Line, p.MaxInterval)).FirstOrDefault();

        public string Describe() => string.Join(" + ", layers.Select(l => l.Directory));

        public bool Exists(string file) => Find(file) is not null;

        /// <summary>True when the file has rows of one interval only.</summary>
        public bool VariesByInterval(string file)
        {
            lock (_parsed)
            {
                return _parsed.GetValueOrDefault(file) is { } p && p.ByInterval.Count > 0;
            }
        }

        /// <summary>
        /// What a reader builds from <paramref name="files"/> alone (already requested through <see cref="Table"/>), built
        /// once and shared by every interval when no row of those files names an interval: checking 6,000 resources
        /// and their offers again for each of 24 hours only re-derives the same records. Interval 1 is read first, so
        /// its problems are the ones reported, as they would be without sharing.
        /// </summary>
        public T Shared<T>(string key, IReadOnlyList<string> files, Func<T> build)
            where T : class
        {
            if (files.Any(VariesByInterval))
            {
                return build();
            }

            lock (_shared)
            {
                if (_shared.TryGetValue(key, out var known))
                {
                    return (T)known;
                }
            }

            var built = build();
            lock (_shared)
            {
                return (T)(_shared.TryAdd(key, built) ? built : _shared[key]);
            }
        }

        public CsvTable? Table(string file, string[] required, string[]? optional, int interval)
        {
            Parsed? parsed;
            lock (_parsed)
            {
                if (!_parsed.TryGetValue(file, out parsed))
                {
                    parsed = Parse(file, required, optional);
                    _parsed[file] = parsed;
                }
            }

            if (parsed is null)
            {
                return null;
            }

            if (parsed.ByInterval.Count == 0)
            {
                return parsed.Table;
            }

            var k = parsed.Layer.IntervalOf?.Invoke(interval) ?? interval;
            if (!parsed.ByInterval.TryGetValue(k, out var own))
            {
                return parsed.Table.WithRows(parsed.Common);
            }

            // Both lists are in file order: merge them so the interval's table reads in file order too.
            var rows = new List<CsvRow>(parsed.Common.Count + own.Count);
            int a = 0, b = 0;
            while (a < parsed.Common.Count || b < own.Count)
            {
                rows.Add(b >= own.Count || (a < parsed.Common.Count && parsed.Common[a].Line < own[b].Line) ? parsed.Common[a++] : own[b++]);
            }

            return parsed.Table.WithRows(rows);
        }

        private MarketLayer? Find(string file) =>
            layers.FirstOrDefault(l => (l.Files is null || l.Files.Contains(file)) && FileKinds.Of(Path.Combine(l.Directory, file)) != FileKind.Missing);

        private Parsed? Parse(string file, string[] required, string[]? optional)
        {
            var layer = Find(file);
            if (layer is null)
            {
                return null;
            }

            var table = CsvTable.Read(Path.Combine(layer.Directory, file), required, [.. optional ?? [], IntervalColumn])
                .WithLimits(InputFiles.OfMarketFile(file)?.Limits ?? InputFiles.MarketLimits);
            var common = new List<CsvRow>();
            var byInterval = new SortedDictionary<int, List<CsvRow>>();
            CsvRow? last = null;
            var max = 0;
            foreach (var row in table.Rows)
            {
                var k = table.GetOptionalInt(row, IntervalColumn);
                if (k is null)
                {
                    common.Add(row);
                    continue;
                }

                if (k < 1)
                {
                    throw table.Error(row, $"column '{IntervalColumn}': {k} is out of range (intervals are numbered from 1)");
                }

                if (!byInterval.TryGetValue(k.Value, out var rows))
                {
                    byInterval[k.Value] = rows = [];
                }

                rows.Add(row);
                if (k > max)
                {
                    (max, last) = (k.Value, row);
                }
            }

            return new Parsed(layer, table, common, byInterval, last, max);
        }
    }

    private sealed record Parsed(MarketLayer Layer, CsvTable Table, List<CsvRow> Common, SortedDictionary<int, List<CsvRow>> ByInterval, CsvRow? LastRow, int MaxInterval);
}
