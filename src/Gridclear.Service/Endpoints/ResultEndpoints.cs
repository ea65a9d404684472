using Microsoft.AspNetCore.Http;

namespace Gridclear.Service.Endpoints;

/// <summary>The latest clear's files: prices, constraints, zonal and hub prices and the summary are public; a statement
/// is its participant's own rows of settlement.csv (the operator gets the whole file).</summary>
internal static class ResultEndpoints
{
    public static IResult Public(HttpContext context, ServiceState state, string day, string file)
    {
        if (state.Store.LatestClear(day) is not { } clear)
        {
            return Problems.NotFound($"day {day} has not been cleared");
        }

        if (!clear.Files.TryGetValue(file, out var text))
        {
            return Problems.NotFound($"the clear of {day} wrote no {file}");
        }

        return file.EndsWith(".json", StringComparison.Ordinal) ? Results.Text(text, "application/json") : Tables.Respond(context, text, file);
    }

    public static IResult Statement(HttpContext context, ServiceState state, string day)
    {
        if (Access.Anyone(context, state, out var denied) is not { } caller)
        {
            return denied!;
        }

        if (state.Store.LatestClear(day) is not { } clear)
        {
            return Problems.NotFound($"day {day} has not been cleared");
        }

        if (!clear.Files.TryGetValue("settlement.csv", out var settlement))
        {
            return Problems.NotFound($"the clear of {day} has no settlement (no market folder)");
        }

        var rows = caller.IsOperator ? settlement : Tables.RowsWhere(settlement, "settlement.csv", "participant", caller.Name);
        return Tables.Respond(context, rows, "settlement.csv");
    }
}
