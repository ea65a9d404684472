namespace Gridclear.Ftr;

/// <summary>An auction revenue right (F5): its holder receives the auction value of its path,
/// Mw × (price(sink) − price(source)) at auction prices, out of the auction's revenue.</summary>
public sealed record Arr
{
    public Arr(string id, string holder, FtrPath path, double mw)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        if (!(mw > 0) || double.IsInfinity(mw))
        {
            throw new ArgumentException($"arr {id}: mw {mw} must be positive");
        }

        Id = id;
        Holder = holder;
        Path = path;
        Mw = mw;
    }

    public string Id { get; }

    public string Holder { get; }

    public FtrPath Path { get; }

    public double Mw { get; }
}
