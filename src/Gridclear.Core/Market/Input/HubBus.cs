namespace Gridclear.Market;

/// <summary>One bus of a trading hub.</summary>
/// <param name="Bus">External bus number.</param>
/// <param name="Weight">Relative weight (&gt; 0). Weights are not normalised here: a hub price is
/// Σ wᵢ·LMPᵢ / Σ wᵢ, computed by whoever prices the hub.</param>
public sealed record HubBus(int Bus, double Weight)
{
    public double Weight { get; } = InputLimits.Factor(InputChecks.Positive(Weight, $"hub weight of bus {Bus}"), $"hub weight of bus {Bus}");
}
