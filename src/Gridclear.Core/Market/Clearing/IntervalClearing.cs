namespace Gridclear.Market;

/// <summary>
/// Clears every interval of a market on one network model (FORMATS.md "Time"): the same shift factors and, when the
/// security inputs do not change between intervals, the same security model, each interval's LP starting from the
/// rows and basis the interval before it ended with (<see cref="WarmStart"/>). Each interval's result is the one a
/// clear of that interval alone gives: warm starts change the path to the optimum, not the optimum.
/// </summary>
public static class IntervalClearing
{
    /// <param name="securityOf">The security model of interval k (1-based); intervals sharing one model warm-start.</param>
    /// <param name="progress">Told the number of intervals cleared so far, after each.</param>
    /// <param name="cleared">Given each interval's result (k, 1-based) as soon as it is cleared, so a caller can settle
    /// interval k on the other core while interval k + 1 clears.</param>
    public static IReadOnlyList<DayAheadResult> Clear(
        Func<int, SecurityModel> securityOf,
        MarketIntervals market,
        Solvers.ILpSolver solver,
        ClearingOptions? options = null,
        IProgress<int>? progress = null,
        Action<int, DayAheadResult>? cleared = null)
    {
        var results = new List<DayAheadResult>(market.Count);
        SecurityModel? previous = null;
        WarmStart? warm = null;
        for (var k = 1; k <= market.Count; k++)
        {
            var security = securityOf(k);
            var (result, _, _, next) = DayAheadMarket.ClearWarm(security, market[k], solver, options, ReferenceEquals(security, previous) ? warm : null);
            results.Add(result);
            cleared?.Invoke(k, result);
            (previous, warm) = (security, next);
            progress?.Report(k);
        }

        return results;
    }
}
