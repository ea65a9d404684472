using Gridclear.Service.Files;
using Gridclear.Store;
using Microsoft.AspNetCore.Http;

namespace Gridclear.Service.Endpoints;

/// <summary>A participant's bid files: submit (replacing its earlier one), read back its own; the operator reads all.</summary>
internal static class BidEndpoints
{
    public static async Task<IResult> Put(HttpContext context, ServiceState state, string day, string file)
    {
        if (Access.Anyone(context, state, out var denied) is not { } caller)
        {
            return denied!;
        }

        if (caller.IsOperator)
        {
            return Problems.Forbidden("the operator submits no bids: market-wide files go to PUT /api/days/{day}/market/{file}");
        }

        if (!BidFiles.IsBidFile(file))
        {
            return Problems.NotFound($"'{file}' is not a bid file ({string.Join(", ", BidFiles.All)})");
        }

        var text = await OperatorEndpoints.Body(context);
        var at = state.Clock.GetUtcNow();
        if (state.Store.Day(day) is { GateClosure: { } gate } && gate <= at)
        {
            return GateClosed(day, gate);
        }

        if (state.Network(day) is not { } network)
        {
            return Problems.Conflict($"day {day} is not open for bids: it has no network yet");
        }

        var marketFiles = state.Store.MarketFiles(day);
        var daySubmissions = state.Store.Submissions(day);
        try
        {
            Ownership.Check(file, text, caller.Name, marketFiles.GetValueOrDefault(BidFiles.Resources), daySubmissions);
            var own = daySubmissions.Where(s => s.Participant == caller.Name && s.File != file)
                .Append(new Submission(day, caller.Name, file, text, at)).ToList();
            FolderCheck.Validate(state.Store.Network(day)!.CaseText, network.Case, network.Compiled, MarketFolderAssembly.ForParticipant(marketFiles, own));
        }
        catch (ForbiddenRowException e)
        {
            return Problems.Forbidden(e.Message, e.File, e.Line);
        }
        catch (InvalidInputException e)
        {
            return Problems.Invalid(e);
        }

        var outcome = state.Store.PutSubmission(day, caller.Id, file, text, at);
        if (outcome == SubmissionOutcome.GateClosed)
        {
            return GateClosed(day, state.Store.Day(day)?.GateClosure ?? at);
        }

        return Results.Ok(new StoredFileResponse(day, file, caller.Name, CsvSource.Parse(text, file).Rows.Count, at));
    }

    public static IResult Get(HttpContext context, ServiceState state, string day, string file)
    {
        if (Access.Anyone(context, state, out var denied) is not { } caller)
        {
            return denied!;
        }

        if (!BidFiles.IsBidFile(file))
        {
            return Problems.NotFound($"'{file}' is not a bid file ({string.Join(", ", BidFiles.All)})");
        }

        if (caller.IsOperator)
        {
            var all = state.Store.Submissions(day).Where(s => s.File == file).Select(s => s.Content).ToList();
            return all.Count == 0
                ? Problems.NotFound($"nobody has submitted {file} for {day}")
                : Results.Text(MarketFolderAssembly.Merge(file, all, null), "text/csv; charset=utf-8");
        }

        var mine = state.Store.Submissions(day, caller.Id).FirstOrDefault(s => s.File == file);
        return mine is null
            ? Problems.NotFound($"{caller.Name} has not submitted {file} for {day}")
            : Results.Text(mine.Content, "text/csv; charset=utf-8");
    }

    /// <summary>Who submitted what when: a participant sees its own, the operator everyone's.</summary>
    public static IResult List(HttpContext context, ServiceState state, string day)
    {
        if (Access.Anyone(context, state, out var denied) is not { } caller)
        {
            return denied!;
        }

        var list = state.Store.Submissions(day, caller.IsOperator ? null : caller.Id)
            .Select(s => new StoredFileResponse(day, s.File, s.Participant, CsvSource.Parse(s.Content, s.File).Rows.Count, s.SubmittedAt));
        return Results.Ok(list.ToList());
    }

    private static IResult GateClosed(string day, DateTimeOffset gate) =>
        Problems.Conflict($"the gate of {day} closed at {gate:yyyy-MM-dd'T'HH:mm:ss'Z'}: no more submissions");
}
