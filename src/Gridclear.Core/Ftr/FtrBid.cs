namespace Gridclear.Ftr;

/// <summary>A bid to buy, or an offer to sell, an FTR in an auction.</summary>
/// <para>id: The bid's id, unique in the auction.</para>
/// <para>bidder: Participant.</para>
/// <para>mw: Quantity, MW (> 0); the auction may award any part of it.</para>
/// <para>price: $/MW for the auction's term: the most a buyer pays, the least a seller accepts. Negative allowed
/// (a counterflow obligation bought at a negative price is paid to take it: congestion relief sold forward, F3).</para>
public sealed record FtrBid
{
    public FtrBid(string id, string bidder, FtrPath path, FtrKind kind, FtrSide side, double mw, double price)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(bidder);
        if (!(mw > 0) || double.IsInfinity(mw))
        {
            throw new ArgumentException($"bid {id}: mw {mw} must be positive");
        }

        if (!double.IsFinite(price))
        {
            throw new ArgumentException($"bid {id}: price {price} is not finite");
        }

        Id = id;
        Bidder = bidder;
        Path = path;
        Kind = kind;
        Side = side;
        Mw = mw;
        Price = price;
    }

    public string Id { get; }

    public string Bidder { get; }

    public FtrPath Path { get; }

    public FtrKind Kind { get; }

    public FtrSide Side { get; }

    public double Mw { get; }

    public double Price { get; }

    /// <summary>The term of the FTR bid for or offered (F4); null: no term. A buy's award holds this term.</summary>
    public FtrTerm? Term { get; init; }

    /// <summary>How the FTR bought settles (F10); carried to the holdings.</summary>
    public FtrSettleAt SettleAt { get; init; }
}
