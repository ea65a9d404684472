using Microsoft.AspNetCore.Http;

namespace Gridclear.Service.Endpoints;

/// <summary>Public facts about days and the map, and who a key belongs to.</summary>
internal static class DayEndpoints
{
    public static IResult Days(ServiceState state) =>
        Results.Ok(state.Store.Days().Select(d => new DayResponse(d.Day, d.HasNetwork, d.GateClosure, d.ClearedAt)).ToList());

    public static IResult Map(ServiceState state, string day) =>
        state.Store.Network(day) is { } n ? Results.Text(n.LayoutJson, "application/json") : Problems.NotFound($"day {day} has no network");

    public static IResult Me(HttpContext context, ServiceState state) =>
        Access.Anyone(context, state, out var denied) is { } caller ? Results.Ok(new CallerResponse(caller.Name, caller.IsOperator)) : denied!;
}
