using Gridclear.Store;
using Microsoft.AspNetCore.Http;

namespace Gridclear.Service.Endpoints;

/// <summary>The access rules of every endpoint in one place: no key or an unknown key is 401, a participant's key on an
/// operator's endpoint is 403.</summary>
internal static class Access
{
    public static Participant? Anyone(HttpContext context, ServiceState state, out IResult? denied)
    {
        var caller = state.Caller(context);
        denied = caller is null ? Problems.Unauthorized() : null;
        return caller;
    }

    public static Participant? Operator(HttpContext context, ServiceState state, out IResult? denied)
    {
        var caller = Anyone(context, state, out denied);
        if (caller is not null && !caller.IsOperator)
        {
            denied = Problems.Forbidden($"{caller.Name} is a participant: only the operator may do this");
            return null;
        }

        return caller;
    }
}
