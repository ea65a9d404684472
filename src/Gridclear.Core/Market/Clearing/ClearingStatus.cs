namespace Gridclear.Market;

/// <summary>The outcome of a clearing.</summary>
public enum ClearingStatus
{
    /// <summary>Every constraint held.</summary>
    Optimal,

    /// <summary>Cleared, but some constraint was relaxed at its penalty price (listed in the results).</summary>
    Relaxed,
}
