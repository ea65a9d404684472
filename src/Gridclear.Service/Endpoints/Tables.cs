using System.Globalization;
using Gridclear.Service.Files;
using Microsoft.AspNetCore.Http;

namespace Gridclear.Service.Endpoints;

/// <summary>Result files go out as the CLI wrote them (text/csv), or as JSON records when the client asks for JSON
/// (<c>Accept: application/json</c> or <c>?format=json</c>): numbers as numbers, empty fields as null.</summary>
internal static class Tables
{
    public static IResult Respond(HttpContext context, string csv, string file)
    {
        if (!WantsJson(context))
        {
            return Results.Text(csv, "text/csv; charset=utf-8");
        }

        var table = CsvSource.Parse(csv, file);
        var rows = table.Rows.Select(r =>
        {
            var record = new Dictionary<string, object?>();
            for (var i = 0; i < table.Header.Count; i++)
            {
                var text = r.Fields[i];
                record[table.Header[i]] = text.Length == 0 ? null
                    : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
                    : text;
            }

            return record;
        });
        return Results.Json(rows.ToList());
    }

    /// <summary>The rows of a CSV whose <paramref name="column"/> equals <paramref name="value"/>, with the header.</summary>
    public static string RowsWhere(string csv, string file, string column, string value)
    {
        var table = CsvSource.Parse(csv, file, column);
        var c = CsvSource.Column(table, column);
        return CsvSource.Write(table.Header, table.Rows.Where(r => r.Fields[c] == value).Select(r => r.Fields));
    }

    private static bool WantsJson(HttpContext context) =>
        string.Equals(context.Request.Query["format"], "json", StringComparison.OrdinalIgnoreCase)
        || context.Request.Headers.Accept.ToString().StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
}
