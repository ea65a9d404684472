namespace Gridclear.Market;

/// <summary>
/// A market over several intervals (FORMATS.md "Time: several intervals in one run"): the input of interval k at
/// index k − 1. Intervals are an index over inputs (and, cleared, over results), not a loop in each verb: every
/// interval is a complete <see cref="MarketInput"/>, checked on its own.
/// </summary>
/// <param name="Inputs">One input per interval, at least one.</param>
/// <param name="SecurityVaries">True when interfaces, nomograms or contingencies differ between intervals (their files
/// name intervals): each interval then needs its own security model (over the same shift factors).</param>
public sealed record MarketIntervals(IReadOnlyList<MarketInput> Inputs, bool SecurityVaries = false)
{
    public IReadOnlyList<MarketInput> Inputs { get; } = Inputs.Count > 0 ? Inputs : throw new ArgumentException("a market has at least one interval");

    public int Count => Inputs.Count;

    /// <summary>The input of interval <paramref name="interval"/> (1-based).</summary>
    public MarketInput this[int interval] => Inputs[interval - 1];

    /// <summary>One interval.</summary>
    public static MarketIntervals Single(MarketInput input) => new([input]);
}
