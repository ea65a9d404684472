namespace Gridclear.Market;

/// <summary>Which way an adjustment bid moves a schedule's leg.</summary>
public enum AdjustmentDirection
{
    /// <summary>Incremental: more injection or less withdrawal at the bus (sold like an offer).</summary>
    Inc,

    /// <summary>Decremental: less injection or more withdrawal at the bus (bought like a bid).</summary>
    Dec,
}
