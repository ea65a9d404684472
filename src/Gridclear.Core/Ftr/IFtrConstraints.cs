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

    /// <summary>The monitored element the constraint watches (a branch, interface or nomogram, whatever the
    /// contingency): the auction adds at most one row per element a round. By default each constraint is its own.</summary>
    int Element(int constraint) => constraint;

    /// <summary>Adds what options put on every constraint: per path, mw·max(0, flow) to <see cref="FtrLoads.Upper"/>
    /// and mw·min(0, flow) to <see cref="FtrLoads.Lower"/> (mw &lt; 0 releases a path). By default one
    /// <see cref="Activities"/> per path; implementations may cache per-path factors.</summary>
    void AddOptionLoads(IReadOnlyList<(FtrPath Path, double Mw)> options, FtrLoads loads)
    {
        var q = new double[BusCount];
        var flow = new double[Count];
        foreach (var (path, mw) in options)
        {
            if (mw == 0)
            {
                continue;
            }

            Array.Clear(q);
            path.AddInjection(q, 1.0);
            Activities(q, flow);
            for (var i = 0; i < flow.Length; i++)
            {
                var f = flow[i];
                if (f > 0)
                {
                    loads.Upper[i] += mw * f;
                }
                else
                {
                    loads.Lower[i] += mw * f;
                }
            }
        }
    }
}

/// <summary>A constraint's name for results: <paramref name="Name"/> e.g. <c>4-5</c>, kind <c>branch</c>,
/// <c>interface</c> or <c>nomogram</c>, and the contingency (empty for the base case).</summary>
public sealed record FtrConstraintName(string Name, string Kind, string Contingency);
