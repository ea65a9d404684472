namespace Gridclear.Ftr;

/// <summary>An FTR already held (awarded in an earlier auction or allocated): honoured by every later auction and
/// settled against day-ahead prices.</summary>
/// <para>mw: Quantity, MW (> 0).</para>
public sealed record OutstandingFtr
{
    public OutstandingFtr(string id, string holder, FtrPath path, double mw, FtrKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        if (!(mw > 0) || double.IsInfinity(mw))
        {
            throw new ArgumentException($"ftr {id}: mw {mw} must be positive");
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
