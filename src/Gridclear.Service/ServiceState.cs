using System.Collections.Concurrent;
using Gridclear.IO.Matpower;
using Gridclear.Network;
using Gridclear.Store;

namespace Gridclear.Service;

/// <summary>What the handlers share: the store, the clear, the clock, and caches of what never changes once stored.</summary>
public sealed class ServiceState(IMarketStore store, IDayAheadClearing clearing, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Participant> _byKeyHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset PutAt, PowerCase Case, CompiledNetwork Compiled)> _networks = new(StringComparer.Ordinal);

    public IMarketStore Store { get; } = store;

    public IDayAheadClearing Clearing { get; } = clearing;

    public TimeProvider Clock { get; } = clock;

    /// <summary>One clear at a time: the solver's native models are per run, and two clears of a day must not race.</summary>
    public SemaphoreSlim ClearLock { get; } = new(1, 1);

    /// <summary>The caller named by the request's bearer key, or null (no header, or a key nobody has).</summary>
    public Participant? Caller(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var hash = ApiKeys.Hash(header[Bearer.Length..].Trim());
        if (_byKeyHash.TryGetValue(hash, out var known))
        {
            return known;
        }

        // Participants are never changed once registered, so a found one can be cached; a miss is asked again next time
        // (a participant may be added by another process while the service runs).
        var found = Store.FindByKeyHash(hash);
        if (found is not null)
        {
            _byKeyHash[hash] = found;
        }

        return found;
    }

    /// <summary>The day's network parsed and compiled, cached while the stored one is unchanged.</summary>
    public (PowerCase Case, CompiledNetwork Compiled)? Network(string day)
    {
        var stored = Store.Network(day);
        if (stored is null)
        {
            return null;
        }

        if (_networks.TryGetValue(day, out var cached) && cached.PutAt == stored.PutAt)
        {
            return (cached.Case, cached.Compiled);
        }

        var powerCase = MatpowerReader.Parse(stored.CaseText, "network.m");
        var compiled = NetworkCompiler.Compile(powerCase);
        _networks[day] = (stored.PutAt, powerCase, compiled);
        return (powerCase, compiled);
    }
}
