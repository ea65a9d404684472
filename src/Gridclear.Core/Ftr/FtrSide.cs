namespace Gridclear.Ftr;

/// <summary>Whether an auction bid buys a new FTR or offers (part of) an outstanding one for sale.</summary>
public enum FtrSide
{
    Buy,

    /// <summary>Resale of an FTR the bidder holds (the secondary market, F4): the price is the least it accepts.</summary>
    Sell,
}
