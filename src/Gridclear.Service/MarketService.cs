using System.Text.Json;
using Gridclear.Service.Endpoints;
using Gridclear.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gridclear.Service;

/// <summary>
/// The HTTP service of FORMATS "The market service": the endpoints (grouped by what they serve, each a static handler)
/// and the web page at <c>/</c>. Listens on the given URLs (loopback in the tests; port 0 picks a free one).
/// </summary>
public static class MarketService
{
    public static WebApplication Build(IMarketStore store, IDayAheadClearing clearing, IEnumerable<string> urls, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. urls]);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(new ServiceState(store, clearing, clock ?? TimeProvider.System));
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        Map(app);
        return app;
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/", () => WebAssets.Serve("index.html"));
        app.MapGet("/app.js", () => WebAssets.Serve("app.js"));
        app.MapGet("/style.css", () => WebAssets.Serve("style.css"));

        var api = app.MapGroup("/api");
        api.MapGet("/me", DayEndpoints.Me);
        api.MapGet("/days", DayEndpoints.Days);

        var day = api.MapGroup("/days/{day}").AddEndpointFilter(async (context, next) =>
        {
            var name = context.HttpContext.GetRouteValue("day") as string ?? string.Empty;
            return DayName.IsValid(name) ? await next(context) : Problems.BadRequest($"'{name}' is not a day name (letters, digits, '-' and '_', at most 64)");
        });
        day.MapGet("/map", DayEndpoints.Map);
        day.MapPut("/network", OperatorEndpoints.PutNetwork);
        day.MapGet("/network", OperatorEndpoints.GetNetwork);
        day.MapPut("/market/{file}", OperatorEndpoints.PutMarketFile);
        day.MapGet("/market/{file}", OperatorEndpoints.GetMarketFile);
        day.MapPut("/gate", OperatorEndpoints.PutGate);
        day.MapGet("/gate", OperatorEndpoints.GetGate);
        day.MapPost("/clear", OperatorEndpoints.Clear);
        day.MapPut("/bids/{file}", BidEndpoints.Put);
        day.MapGet("/bids/{file}", BidEndpoints.Get);
        day.MapGet("/submissions", BidEndpoints.List);
        day.MapGet("/prices", IResult (HttpContext c, ServiceState s, string day) => ResultEndpoints.Public(c, s, day, "lmp.csv"));
        day.MapGet("/constraints", IResult (HttpContext c, ServiceState s, string day) => ResultEndpoints.Public(c, s, day, "constraints.csv"));
        day.MapGet("/zonal", IResult (HttpContext c, ServiceState s, string day) => ResultEndpoints.Public(c, s, day, "zonal.csv"));
        day.MapGet("/hubs", IResult (HttpContext c, ServiceState s, string day) => ResultEndpoints.Public(c, s, day, "hubs.csv"));
        day.MapGet("/summary", IResult (HttpContext c, ServiceState s, string day) => ResultEndpoints.Public(c, s, day, "summary.json"));
        day.MapGet("/statement", ResultEndpoints.Statement);
    }
}

/// <summary>Day names: what fits in a URL segment and a file name without escaping.</summary>
internal static class DayName
{
    public static bool IsValid(string day) =>
        day.Length is > 0 and <= 64 && day.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>The page's files, embedded in the assembly (no folder to deploy beside the binary).</summary>
internal static class WebAssets
{
    public static IResult Serve(string name)
    {
        var stream = typeof(WebAssets).Assembly.GetManifestResourceStream("wwwroot/" + name);
        if (stream is null)
        {
            return Problems.NotFound(name);
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }
}
