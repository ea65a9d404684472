namespace Gridclear.Market;

/// <summary>What a resource does on the grid: <c>generator</c> injects (offers), <c>load</c> withdraws (bids or fixed demand).</summary>
public enum ResourceKind
{
    Generator,
    Load,
}
