using Gridclear.Solvers;

namespace Gridclear.Market;

/// <summary>How the day-ahead market is cleared.</summary>
/// <param name="Tolerance">A constraint counts as violated beyond this many MW (the full flow check).</param>
/// <param name="MaxRounds">Rounds of constraint generation before giving up.</param>
/// <param name="MaxAddedPerRound">Most violated constraints added per round (largest overloads first).</param>
/// <param name="Losses">Whether the balance carries DC losses (<c>--losses</c>): none (MATPOWER's lossless DC OPF) or marginal.</param>
public sealed record ClearingOptions(
    PenaltyPrices? Penalties = null,
    PriceReference? Reference = null,
    double Tolerance = 1e-6,
    int MaxRounds = 60,
    int MaxAddedPerRound = 400,
    LpOptions? Solver = null,
    LossModel Losses = LossModel.None)
{
    public static ClearingOptions Default { get; } = new();

    public PenaltyPrices PenaltyPrices => Penalties ?? PenaltyPrices.Default;

    public PriceReference PriceReference => Reference ?? PriceReference.CaseReference;

    public LpOptions LpOptions => Solver ?? LpOptions.Default;
}
