namespace Gridclear.Ftr;

/// <summary>
/// One end of an FTR: a bus, a trading hub (weighted buses, weights normalised to sum 1), or a zone
/// defined by its reference bus (F8), as internal bus indices. Injecting 1 MW here injects
/// <c>Weights[k]</c> MW at <c>Buses[k]</c>.
/// </summary>
public sealed record FtrLocation
{
    public FtrLocation(string label, IReadOnlyList<int> buses, IReadOnlyList<double> weights)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (buses.Count == 0 || buses.Count != weights.Count)
        {
            throw new ArgumentException($"location {label}: needs as many weights as buses, at least one");
        }

        var sum = 0.0;
        foreach (var w in weights)
        {
            if (!(w > 0) || double.IsInfinity(w))
            {
                throw new ArgumentException($"location {label}: weight {w} is not positive");
            }

            sum += w;
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new ArgumentException($"location {label}: weights sum to {sum}, not 1");
        }

        Label = label;
        Buses = buses;
        Weights = weights;
    }

    /// <summary>How the location was written in the input, e.g. <c>5</c>, <c>WEST_HUB</c>, <c>zone:NORTH@101</c>.</summary>
    public string Label { get; }

    public IReadOnlyList<int> Buses { get; }

    public IReadOnlyList<double> Weights { get; }

    /// <summary>For <c>zone:NAME@BUS</c>: NAME as written (a label: the reference bus defines the location, F8); else null.</summary>
    public string? ZoneLabel { get; init; }

    public static FtrLocation Bus(string label, int busIndex) => new(label, [busIndex], [1.0]);

    /// <summary>The weighted average of bus values (e.g. prices) at this location.</summary>
    public double Average(IReadOnlyList<double> busValues)
    {
        var v = 0.0;
        for (var k = 0; k < Buses.Count; k++)
        {
            v += Weights[k] * busValues[Buses[k]];
        }

        return v;
    }

    /// <summary>The weighted sum of a row of per-bus coefficients (a shift-factor row) at this location.</summary>
    public double Dot(ReadOnlySpan<double> row)
    {
        var v = 0.0;
        for (var k = 0; k < Buses.Count; k++)
        {
            v += Weights[k] * row[Buses[k]];
        }

        return v;
    }

    /// <summary>Adds <paramref name="mw"/> of injection spread over the location's buses.</summary>
    public void AddInjection(Span<double> injections, double mw)
    {
        for (var k = 0; k < Buses.Count; k++)
        {
            injections[Buses[k]] += Weights[k] * mw;
        }
    }

    public bool SameAs(FtrLocation other) =>
        Buses.SequenceEqual(other.Buses) && Weights.SequenceEqual(other.Weights);
}
