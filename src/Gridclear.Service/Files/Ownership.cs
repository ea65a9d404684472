using Gridclear.IO.Csv;
using Gridclear.Store;

namespace Gridclear.Service.Files;

/// <summary>
/// Who may submit which rows: a resource's rows only the participant resources.csv assigns it to; a schedule's rows only
/// the participant the row names, and a schedule id only one participant; adjustment bids only on one's own schedules;
/// a portfolio instruction only for oneself. The first row that breaks this is reported with its line.
/// </summary>
public static class Ownership
{
    /// <summary>Throws <see cref="ForbiddenRowException"/> for the first row of <paramref name="text"/> that is not
    /// <paramref name="participant"/>'s to submit.</summary>
    public static void Check(string file, string text, string participant, string? resourcesCsv, IReadOnlyList<Submission> daySubmissions)
    {
        switch (file)
        {
            case BidFiles.Offers or BidFiles.Bids or BidFiles.Demand:
                {
                    var owners = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (resourcesCsv is not null)
                    {
                        var r = CsvSource.Parse(resourcesCsv, BidFiles.Resources, "resource", "participant");
                        var (ri, pi) = (CsvSource.Column(r, "resource"), CsvSource.Column(r, "participant"));
                        foreach (var row in r.Rows)
                        {
                            owners.TryAdd(row.Fields[ri], row.Fields[pi]);
                        }
                    }

                    ForEachRow(text, file, "resource", (row, resource) =>
                        owners.TryGetValue(resource, out var owner) && owner == participant
                            ? null
                            : $"resource '{resource}' is not assigned to {participant} in resources.csv");
                    break;
                }

            case BidFiles.Schedules:
                {
                    var taken = ScheduleOwners(daySubmissions);
                    var t = CsvSource.Parse(text, file, "schedule", "participant");
                    var (si, pi) = (CsvSource.Column(t, "schedule"), CsvSource.Column(t, "participant"));
                    foreach (var row in t.Rows)
                    {
                        if (row.Fields[pi] != participant)
                        {
                            throw new ForbiddenRowException(file, row.Line, $"the row is for participant '{row.Fields[pi]}': {participant} submits only its own schedules");
                        }

                        if (taken.TryGetValue(row.Fields[si], out var owner) && owner != participant)
                        {
                            throw new ForbiddenRowException(file, row.Line, $"schedule '{row.Fields[si]}' belongs to another participant");
                        }
                    }

                    break;
                }

            case BidFiles.Adjustments:
                {
                    var mine = ScheduleOwners(daySubmissions).Where(p => p.Value == participant).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                    ForEachRow(text, file, "schedule", (row, schedule) =>
                        mine.Contains(schedule) ? null : $"schedule '{schedule}' is not one of {participant}'s submitted schedules (submit schedules.csv first)");
                    break;
                }

            case BidFiles.Portfolio:
                ForEachRow(text, file, "participant", (row, name) =>
                    name == participant ? null : $"the row is for participant '{name}': {participant} gives only its own instruction");
                break;

            default:
                throw new ArgumentException($"{file} is not a bid file", nameof(file));
        }
    }

    private static Dictionary<string, string> ScheduleOwners(IReadOnlyList<Submission> daySubmissions)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in daySubmissions.Where(s => s.File == BidFiles.Schedules))
        {
            var t = CsvSource.Parse(s.Content, s.File, "schedule");
            var si = CsvSource.Column(t, "schedule");
            foreach (var row in t.Rows)
            {
                owners.TryAdd(row.Fields[si], s.Participant);
            }
        }

        return owners;
    }

    private static void ForEachRow(string text, string file, string column, Func<CsvRow, string, string?> problem)
    {
        var t = CsvSource.Parse(text, file, column);
        var c = CsvSource.Column(t, column);
        foreach (var row in t.Rows)
        {
            if (problem(row, row.Fields[c]) is { } p)
            {
                throw new ForbiddenRowException(file, row.Line, p);
            }
        }
    }
}

/// <summary>A row the caller may not submit: the service answers 403 naming the file and line.</summary>
public sealed class ForbiddenRowException(string file, int line, string problem) : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
