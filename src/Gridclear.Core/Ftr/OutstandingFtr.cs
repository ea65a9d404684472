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

    /// <summary>The days it is in force (F4); null: no term, in force on every day (as before terms existed).</summary>
    public FtrTerm? Term { get; init; }

    /// <summary>Bus (default) or zonal settlement (F10).</summary>
    public FtrSettleAt SettleAt { get; init; }

    /// <summary>Whether it settles on <paramref name="day"/>: no term, or a term holding the day.</summary>
    public bool InForceOn(DateOnly day) => Term is null || Term.Contains(day);

    /// <summary>Whether it is in force on some day of <paramref name="period"/> (no term: always).</summary>
    public bool InForceDuring(FtrTerm period) => Term is null || Term.Overlaps(period);
}
