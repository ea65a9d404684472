namespace Gridclear.Market;

/// <summary>
/// A market resource (a row of <c>resources.csv</c>): a generator that offers or a load that bids or takes a fixed
/// demand, owned by one participant, at one bus, settled as the participant elected (D9).
/// </summary>
/// <param name="Id">The resource's name, unique in the market; results name it (dispatch.csv).</param>
/// <param name="Participant">The owning participant (settlement.csv groups by it).</param>
/// <param name="Bus">External MATPOWER bus number.</param>
/// <param name="Kind">Generator or load.</param>
/// <param name="Settlement">Bus (nodal) or zonal price.</param>
/// <param name="MinMw">A generator's minimum output, MW (≥ 0; 0 for loads). It must not exceed the offered capacity
/// (checked by <see cref="MarketInput"/>, which sees the offers).</param>
public sealed record Resource(string Id, string Participant, int Bus, ResourceKind Kind, Election Settlement, double MinMw = 0)
{
    public string Id { get; } = InputChecks.Id(Id, "resource id");

    public string Participant { get; } = InputChecks.Id(Participant, $"participant of resource {Id}");

    public ResourceKind Kind { get; } = InputChecks.Defined(Kind, $"kind of resource {Id}");

    /// <summary>The election; settable with <c>with</c> so a design comparison can settle the same resource another way.</summary>
    public Election Settlement
    {
        get => _settlement;
        init => _settlement = InputChecks.Defined(value, $"settlement of resource {Id}");
    }

    private readonly Election _settlement = InputChecks.Defined(Settlement, $"settlement of resource {Id}");

    public double MinMw { get; } = CheckMinMw(Id, Kind, MinMw);

    /// <summary>How the resource is metered in real time (resources.csv <c>metering</c>, R5); only a load may be
    /// profile-metered.</summary>
    public Metering Metering
    {
        get => _metering;
        init => _metering = value == Metering.Profile && Kind != ResourceKind.Load
            ? throw new ArgumentException($"metering 'profile' applies to loads only, but {Id} is a generator")
            : InputChecks.Defined(value, $"metering of resource {Id}");
    }

    private readonly Metering _metering = Metering.Interval;

    /// <summary>Reliability-must-run MW (resources.csv <c>must_run</c>, D14): dispatched whatever the price, as a
    /// price-taking injection; a generator's only, at most its offered capacity (checked by <see cref="MarketInput"/>).</summary>
    public double MustRunMw
    {
        get => _mustRunMw;
        init => _mustRunMw = !double.IsFinite(value) || value < 0
            ? throw new ArgumentException($"must_run of resource {Id} must be a number ≥ 0, not {InputChecks.Text(value)}")
            : value > 0 && Kind != ResourceKind.Generator
                ? throw new ArgumentException($"must_run applies to generators only, but {Id} is a load")
                : InputLimits.Mw(value, $"must_run of {Id}");
    }

    private readonly double _mustRunMw;

    /// <summary>The mitigated price (resources.csv <c>mitigated_price</c>, D14), $/MWh, or null: the generator's capacity
    /// above its must-run MW is offered at this price instead of its offer's, and can set prices.</summary>
    public double? MitigatedPrice
    {
        get => _mitigatedPrice;
        init => _mitigatedPrice = value is not { } p
            ? null
            : Kind != ResourceKind.Generator
                ? throw new ArgumentException($"mitigated_price applies to generators only, but {Id} is a load")
                : InputLimits.Price(InputChecks.Finite(p, $"mitigated_price of {Id}"), $"mitigated_price of {Id}");
    }

    private readonly double? _mitigatedPrice;

    private static double CheckMinMw(string id, ResourceKind kind, double minMw)
    {
        if (!double.IsFinite(minMw) || minMw < 0)
        {
            throw new ArgumentException($"min_mw of resource {id} must be a number ≥ 0, not {InputChecks.Text(minMw)}");
        }

        if (kind == ResourceKind.Load && minMw != 0)
        {
            throw new ArgumentException($"min_mw applies to generators only, but load {id} has min_mw {InputChecks.Text(minMw)}");
        }

        return minMw;
    }
}
