using System.Text.Json;
using Gridclear.IO.Matpower;
using Gridclear.Network;
using Gridclear.Service.Files;
using Gridclear.IO.Map;
using Microsoft.AspNetCore.Http;

namespace Gridclear.Service.Endpoints;

/// <summary>What only the operator does: put the day's network and market files, set the gate, clear.</summary>
internal static class OperatorEndpoints
{
    public static async Task<IResult> PutNetwork(HttpContext context, ServiceState state, string day)
    {
        if (Access.Operator(context, state, out var denied) is null)
        {
            return denied!;
        }

        var text = await Body(context);
        PowerCase powerCase;
        try
        {
            powerCase = MatpowerReader.Parse(text, "network.m");
            NetworkCompiler.Compile(powerCase);
        }
        catch (InvalidInputException e)
        {
            return Problems.Invalid(e);
        }

        var map = NetworkMap.Of(powerCase, text);
        var at = state.Clock.GetUtcNow();
        state.Store.PutNetwork(day, text, map.ToJson(), at);
        return Results.Ok(new StoredFileResponse(day, "network.m", null, powerCase.Buses.Count, at));
    }

    public static IResult GetNetwork(HttpContext context, ServiceState state, string day)
    {
        if (Access.Anyone(context, state, out var denied) is null)
        {
            return denied!;
        }

        return state.Store.Network(day) is { } n ? Results.Text(n.CaseText, "text/plain; charset=utf-8") : Problems.NotFound($"day {day} has no network");
    }

    public static async Task<IResult> PutMarketFile(HttpContext context, ServiceState state, string day, string file)
    {
        if (Access.Operator(context, state, out var denied) is null)
        {
            return denied!;
        }

        if (!BidFiles.IsCsvName(file))
        {
            return Problems.BadRequest($"'{file}' is not a market-folder file name (lower-case, ending .csv)");
        }

        if (state.Network(day) is not { } network)
        {
            return Problems.Conflict($"day {day} has no network yet: PUT /api/days/{day}/network first");
        }

        var text = await Body(context);
        var files = new Dictionary<string, string>(state.Store.MarketFiles(day), StringComparer.Ordinal) { [file] = text };
        try
        {
            CsvSource.Parse(text, file);
            FolderCheck.Validate(state.Store.Network(day)!.CaseText, network.Case, network.Compiled, MarketFolderAssembly.ForOperator(files));
        }
        catch (InvalidInputException e)
        {
            return Problems.Invalid(e);
        }

        var at = state.Clock.GetUtcNow();
        state.Store.PutMarketFile(day, file, text, at);
        return Results.Ok(new StoredFileResponse(day, file, null, CsvSource.Parse(text, file).Rows.Count, at));
    }

    public static IResult GetMarketFile(HttpContext context, ServiceState state, string day, string file)
    {
        if (Access.Operator(context, state, out var denied) is null)
        {
            return denied!;
        }

        return state.Store.MarketFiles(day).TryGetValue(file, out var text)
            ? Results.Text(text, "text/csv; charset=utf-8")
            : Problems.NotFound($"day {day} has no market file {file}");
    }

    public static async Task<IResult> PutGate(HttpContext context, ServiceState state, string day)
    {
        if (Access.Operator(context, state, out var denied) is null)
        {
            return denied!;
        }

        var text = (await Body(context)).Trim();
        DateTimeOffset? closesAt;
        try
        {
            closesAt = ParseGate(text);
        }
        catch (FormatException e)
        {
            return Problems.BadRequest($"the gate closure is not a time: {e.Message} (send {{\"closes_at\": \"2026-12-02T10:00:00Z\"}} or the time alone)");
        }

        state.Store.SetGate(day, closesAt);
        return Results.Ok(new GateResponse(day, closesAt));
    }

    public static IResult GetGate(ServiceState state, string day) =>
        state.Store.Day(day) is { } d ? Results.Ok(new GateResponse(day, d.GateClosure)) : Problems.NotFound($"no day {day}");

    public static async Task<IResult> Clear(HttpContext context, ServiceState state, string day)
    {
        if (Access.Operator(context, state, out var denied) is null)
        {
            return denied!;
        }

        if (state.Store.Network(day) is not { } network)
        {
            return Problems.Conflict($"day {day} has no network yet: PUT /api/days/{day}/network first");
        }

        await state.ClearLock.WaitAsync();
        try
        {
            Dictionary<string, string> files;
            try
            {
                files = MarketFolderAssembly.ForClear(state.Store.MarketFiles(day), state.Store.Submissions(day));
            }
            catch (InvalidInputException e)
            {
                return Problems.Invalid(e);
            }

            using var folder = MarketFolderAssembly.Write(network.CaseText, files);
            var outDir = Path.Combine(folder.Root, "out");
            try
            {
                state.Clearing.Clear(folder.CasePath, folder.MarketDirectory, outDir);
            }
            catch (InvalidInputException e)
            {
                return Problems.Invalid(FolderCheck.Relative(e, folder));
            }

            var results = Directory.GetFiles(outDir).Order(StringComparer.Ordinal)
                .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
            var at = state.Clock.GetUtcNow();
            var id = state.Store.SaveClear(day, at, results);
            var (status, notes) = Summary(results.GetValueOrDefault("summary.json"));
            return Results.Ok(new ClearResponse(day, id, at, status, [.. results.Keys], notes));
        }
        finally
        {
            state.ClearLock.Release();
        }
    }

    internal static async Task<string> Body(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync();
    }

    private static DateTimeOffset? ParseGate(string text)
    {
        if (text.Length == 0 || text == "null")
        {
            return null;
        }

        if (text.StartsWith('{') || text.StartsWith('"'))
        {
            using var json = JsonDocument.Parse(text);
            var value = json.RootElement;
            if (value.ValueKind == JsonValueKind.Object)
            {
                value = value.TryGetProperty("closes_at", out var c) ? c : value.TryGetProperty("time", out var t) ? t : default;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => Time(value.GetString()!),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => throw new FormatException($"'{value}'"),
            };
        }

        return Time(text);
    }

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    private static (string Status, IReadOnlyList<string> Notes) Summary(string? json)
    {
        if (json is null)
        {
            return ("unknown", []);
        }

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var status = root.TryGetProperty("status", out var s) ? s.GetString() ?? "unknown" : "unknown";
        var notes = root.TryGetProperty("notes", out var n) && n.ValueKind == JsonValueKind.Array
            ? n.EnumerateArray().Select(x => x.ToString()).ToList()
            : [];
        return (status, notes);
    }
}
