namespace Gridclear.Market;

/// <summary>The locational marginal price at one bus, $/MWh: Lmp = Energy + Congestion + Loss.</summary>
/// <param name="Bus">External bus id.</param>
public sealed record BusPrice(int Bus, double Lmp, double Energy, double Congestion, double Loss);
