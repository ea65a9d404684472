namespace Gridclear.Market;

/// <summary>
/// Price caps of one market (caps.csv, M1): the energy cap and a cap per reserve product, $/MWh or $/MW-h. No price of a
/// capped service exceeds its cap at any bus or zone: the penalty price of unserved energy, and of unserved reserve
/// (the demand curve), becomes the cap, and what congestion or reserve coupling would still price above it is capped
/// after the clearing (<see cref="PriceCapping"/>). Offers and bids above a cap are refused by the reader.
/// </summary>
/// <param name="Energy">The energy cap, or null when energy is not capped.</param>
/// <param name="Reserve">The cap of each capped reserve product, by product name.</param>
public sealed record PriceCaps(double? Energy, IReadOnlyDictionary<string, double> Reserve)
{
    /// <summary>caps.csv <c>market</c> of the day-ahead market (<c>clear</c>).</summary>
    public const string DayAhead = "day-ahead";

    /// <summary>caps.csv <c>market</c> of the real-time market (<c>rt</c>).</summary>
    public const string RealTime = "real-time";

    /// <summary>caps.csv <c>service</c> of energy; any other service is a reserve product.</summary>
    public const string EnergyService = "energy";

    public double? Energy { get; } = Energy is not { } e || (double.IsFinite(e) && e > 0) ? Energy : throw new ArgumentException($"an energy cap must be a positive number, not {Energy}");

    public IReadOnlyDictionary<string, double> Reserve { get; } = Reserve.All(p => double.IsFinite(p.Value) && p.Value > 0)
        ? new Dictionary<string, double>(Reserve, StringComparer.Ordinal)
        : throw new ArgumentException("a reserve cap must be a positive number");

    /// <summary>No caps: prices are limited by the penalty prices alone.</summary>
    public static PriceCaps None { get; } = new(null, new Dictionary<string, double>());

    public bool IsEmpty => Energy is null && Reserve.Count == 0;

    /// <summary>The cap of a reserve product, or null.</summary>
    public double? ReserveCap(string product) => Reserve.TryGetValue(product, out var cap) ? cap : null;
}
