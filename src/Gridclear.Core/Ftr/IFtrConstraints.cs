namespace Gridclear.Ftr;

/// <summary>
/// The security constraints an FTR set must respect, numbered 0…Count−1: each is
/// <c>lower ≤ Σ_bus a[bus]·q[bus] ≤ upper</c> over the FTRs' net bus injections q (MW, internal bus index), for the
/// base case and every contingency, over branches, interfaces and nomograms. It is the day-ahead market's own
/// security model (N1) with each limit less the constant flow the market's model adds (phase shifters).
/// </summary>
public interface IFtrConstraints
{
    int BusCount { get; }

    int Count { get; }

    /// <summary>Writes a·q of every constraint for injections q into <paramref name="activity"/> (length Count).</summary>
    void Activities(ReadOnlySpan<double> injections, Span<double> activity);

    /// <summary>Writes the per-bus coefficients a of one constraint into <paramref name="row"/> (length BusCount).</summary>
    void Coefficients(int constraint, Span<double> row);

    /// <summary>The bounds on a·q at 100% release; −∞/+∞ when a side is open.</summary>
    (double Lower, double Upper) Limits(int constraint);

    /// <summary>How results name the constraint.</summary>
    FtrConstraintName Describe(int constraint);
}

/// <summary>A constraint's name for results: <paramref name="Name"/> e.g. <c>4-5</c>, kind <c>branch</c>,
/// <c>interface</c> or <c>nomogram</c>, and the contingency (empty for the base case).</summary>
public sealed record FtrConstraintName(string Name, string Kind, string Contingency);
