namespace Gridclear.Ftr;

/// <summary>
/// The simultaneous-feasibility test: a set of FTRs is feasible when, taken as injections at the sources and
/// withdrawals at the sinks, it respects every security constraint (options counted only where they load one).
/// Then, by the simultaneous-feasibility theorem, a lossless DC day-ahead market on the same constraints collects
/// congestion rent at least equal to the FTR payments.
/// </summary>
public static class SimultaneousFeasibility
{
    /// <summary>The constraints that <paramref name="loads"/> violate at <paramref name="releaseShare"/> of capability,
    /// by more than <paramref name="toleranceMw"/>, most violated first (ties by constraint index).</summary>
    public static List<FtrViolation> Violations(IFtrConstraints constraints, FtrLoads loads, double releaseShare, double toleranceMw)
    {
        var found = new List<FtrViolation>();
        for (var i = 0; i < constraints.Count; i++)
        {
            var (lo, up) = ReleasedLimits(constraints, i, releaseShare);
            if (loads.Upper[i] > up + toleranceMw)
            {
                found.Add(new FtrViolation(i, +1, loads.Upper[i], up, loads.Upper[i] - up));
            }

            if (loads.Lower[i] < lo - toleranceMw)
            {
                found.Add(new FtrViolation(i, -1, loads.Lower[i], lo, lo - loads.Lower[i]));
            }
        }

        found.Sort((a, b) => b.Excess != a.Excess ? b.Excess.CompareTo(a.Excess) : a.Constraint != b.Constraint ? a.Constraint.CompareTo(b.Constraint) : a.Direction.CompareTo(b.Direction));
        return found;
    }

    /// <summary>A constraint's limits scaled by the share of capability released.</summary>
    public static (double Lower, double Upper) ReleasedLimits(IFtrConstraints constraints, int constraint, double releaseShare)
    {
        var (lo, up) = constraints.Limits(constraint);
        return (lo * releaseShare, up * releaseShare);
    }

    /// <summary>The violations of a set of outstanding FTRs.</summary>
    public static List<FtrViolation> Check(IFtrConstraints constraints, IEnumerable<OutstandingFtr> ftrs, double releaseShare, double toleranceMw) =>
        Violations(constraints, FtrLoads.Of(constraints, ftrs.Select(f => (f.Path, f.Kind, f.Mw))), releaseShare, toleranceMw);
}
