namespace Gridclear.Ftr;

/// <summary>A request for FTRs on the capability a transmission expansion adds (F6): up to <see cref="Mw"/> MW of
/// <see cref="Kind"/> on <see cref="Path"/> for <see cref="Holder"/>, the party that funds the expansion.</summary>
public sealed record FtrExpansionRequest
{
    public FtrExpansionRequest(string id, string holder, FtrPath path, double mw, FtrKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        if (!(mw > 0) || double.IsInfinity(mw))
        {
            throw new ArgumentException($"request {id}: {mw} MW is not positive");
        }

        Id = id;
        Holder = holder;
        Path = path;
        Mw = mw;
        Kind = kind;
    }

    public string Id { get; }

    public string Holder { get; }

    public FtrPath Path { get; }

    public double Mw { get; }

    public FtrKind Kind { get; }
}
