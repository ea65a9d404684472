namespace Gridclear.Market;

/// <summary>What the marginal-loss iteration ended with (<c>--losses marginal</c>).</summary>
/// <param name="LossMw">L = Σ_k r_k·f_k²/baseMVA at the final flows, MW.</param>
/// <param name="BalanceLossMw">The losses the final balance carried (the linearised estimate), MW: generation − load.</param>
/// <param name="Iterations">Dispatches solved, the lossless first one included: 1 when it already had L below the tolerance.</param>
/// <param name="Converged">Whether the iteration converged within its limit (L met and the estimate settled, MarginalLosses).</param>
/// <param name="LossFactors">∂L/∂P_i at the final flows, by bus in network order (0 at the reference bus).</param>
public sealed record LossSummary(double LossMw, double BalanceLossMw, int Iterations, bool Converged, IReadOnlyList<double> LossFactors);
