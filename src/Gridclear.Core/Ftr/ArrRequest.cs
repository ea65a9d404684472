namespace Gridclear.Ftr;

/// <summary>A request for auction revenue rights (F5, 004 IV.5.b): up to <see cref="Mw"/> MW on <see cref="Path"/> for
/// <see cref="Holder"/>, allocated in <see cref="Priority"/> order (1 first).</summary>
public sealed record ArrRequest
{
    public ArrRequest(string id, string holder, FtrPath path, double mw, int priority)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        if (!(mw > 0) || double.IsInfinity(mw))
        {
            throw new ArgumentException($"request {id}: {mw} MW is not positive");
        }

        if (priority < 1)
        {
            throw new ArgumentException($"request {id}: priority {priority} is not 1 or more");
        }

        Id = id;
        Holder = holder;
        Path = path;
        Mw = mw;
        Priority = priority;
    }

    public string Id { get; }

    public string Holder { get; }

    public FtrPath Path { get; }

    public double Mw { get; }

    public int Priority { get; }
}

/// <summary>What one ARR request was allocated: <paramref name="AwardedMw"/> = <paramref name="Fraction"/> × requested MW.</summary>
/// <param name="StoppedBy">The binding constraint that stopped it below its full MW (empty when fully awarded).</param>
public sealed record ArrAward(ArrRequest Request, double AwardedMw, double Fraction, string StoppedBy);

/// <summary>One priority tier: <paramref name="UniformFraction"/> is the largest share of every request of the tier
/// that is feasible together (the tier's first pro-rata step), <paramref name="AwardedMw"/> what the tier got in all.</summary>
public sealed record ArrTier(int Priority, int Requests, double RequestedMw, double AwardedMw, double UniformFraction);

/// <summary>The allocation of ARR requests (F5), awards in request order.</summary>
public sealed record ArrAllocationResult(IReadOnlyList<ArrAward> Awards, IReadOnlyList<ArrTier> Tiers)
{
    /// <summary>The awards as ARRs (those above 0 MW), for the auction's revenue distribution.</summary>
    public IReadOnlyList<Arr> Arrs => [.. Awards.Where(a => a.AwardedMw > 0).Select(a => new Arr(a.Request.Id, a.Request.Holder, a.Request.Path, a.AwardedMw))];
}
