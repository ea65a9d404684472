namespace Gridclear.Ftr;

/// <summary>
/// A point-to-point path: 1 MW of FTR from <see cref="Source"/> to <see cref="Sink"/> is a 1 MW injection at the
/// source and a 1 MW withdrawal at the sink; it is worth price(sink) − price(source) per MW.
/// </summary>
public sealed record FtrPath
{
    public FtrPath(FtrLocation source, FtrLocation sink)
    {
        if (source.SameAs(sink))
        {
            throw new ArgumentException($"path {source.Label}→{sink.Label}: source and sink are the same");
        }

        Source = source;
        Sink = sink;
        Key = LocationKey(source) + ">" + LocationKey(sink);
    }

    public FtrLocation Source { get; }

    public FtrLocation Sink { get; }

    public string Label => Flowgate is null ? Source.Label + "→" + Sink.Label : Flowgate.KindText + " " + Flowgate.Name;

    /// <summary>Non-null for a flowgate or nomogram right (F9): its source is a virtual bus whose only coefficient is 1
    /// in the right's constraint, its sink a virtual bus with none (see <see cref="FtrFlowgates"/>).</summary>
    public FtrFlowgate? Flowgate { get; init; }

    /// <summary>The <c>source</c> column as written: the location, or the right's path or nomogram.</summary>
    public string SourceText => Flowgate?.Name ?? Source.Label;

    /// <summary>The <c>sink</c> column as written: the location, or empty for a flowgate or nomogram right.</summary>
    public string SinkText => Flowgate is null ? Sink.Label : string.Empty;

    /// <summary>Text equal for paths with the same buses and weights at both ends, however they were written.</summary>
    public string Key { get; }

    private static string LocationKey(FtrLocation l) =>
        l.Buses.Count == 1 ? l.Buses[0].ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Join(',', l.Buses.Select((b, k) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{b}:{l.Weights[k]:R}")));

    /// <summary>Price(sink) − price(source) per MW for bus prices <paramref name="busPrices"/>.</summary>
    public double Value(IReadOnlyList<double> busPrices) => Sink.Average(busPrices) - Source.Average(busPrices);

    /// <summary>The flow that 1 MW of this path puts on a constraint with per-bus coefficients <paramref name="row"/>.</summary>
    public double Flow(ReadOnlySpan<double> row) => Source.Dot(row) - Sink.Dot(row);

    /// <summary>Adds <paramref name="mw"/> of this path to net bus injections.</summary>
    public void AddInjection(Span<double> injections, double mw)
    {
        Source.AddInjection(injections, mw);
        Sink.AddInjection(injections, -mw);
    }

    /// <summary>True when both ends are the same locations (same buses and weights).</summary>
    public bool SameAs(FtrPath other) => Source.SameAs(other.Source) && Sink.SameAs(other.Sink);
}
