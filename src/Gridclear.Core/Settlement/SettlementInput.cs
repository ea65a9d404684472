using Gridclear.Market;

namespace Gridclear.Settlement;

/// <summary>
/// The cleared outcome of one day-ahead interval, as the settlement needs it: prices, who elected what, what cleared.
/// It does not care how the market was cleared (LP, hand, another engine): any outcome with bus prices and MW settles.
/// </summary>
/// <param name="BusLmp">Day-ahead LMP by external bus number, $/MWh (every bus a resource, schedule leg or hub uses).</param>
/// <param name="Zones">The zones in force (a bus in at most one; every zonal resource's bus in one).</param>
/// <param name="Resources">All market resources, with their participant and election.</param>
/// <param name="ResourceMw">Cleared MW by resource id, ≥ 0: a generator's injection, a load's withdrawal. A resource
/// missing here cleared 0 MW.</param>
/// <param name="Offers">Generators' offer curves by resource id: they price constrained-on/off payments. A zonal
/// generator without an offer (e.g. self-scheduled) gets none.</param>
/// <param name="FinalSchedules">Schedules as cleared: legs after adjustments.</param>
public sealed record SettlementInput(
    IReadOnlyDictionary<int, double> BusLmp,
    IReadOnlyList<Zone> Zones,
    IReadOnlyList<Resource> Resources,
    IReadOnlyDictionary<string, double> ResourceMw,
    IReadOnlyDictionary<string, OfferCurve> Offers,
    IReadOnlyList<Schedule> FinalSchedules)
{
    /// <summary>Cleared MW below which a negative value is clearing noise (read as 0) rather than an error.</summary>
    public const double NegativeNoiseMw = 1e-6;

    /// <summary>Length of the interval, hours (MWh = MW × hours). Default 1: an hourly day-ahead market.</summary>
    public double Hours { get => _hours; init => _hours = CheckHours(value); }

    /// <summary>
    /// Lines issued by other modules (e.g. FTR payments, charge <c>ftr</c>), settled in the same run: they are
    /// rounded to cents with the rest, and their money flows through the operator's <c>congestion_rent</c> row, so
    /// the run still sums to zero.
    /// </summary>
    public IReadOnlyList<SettlementLine> ExtraLines { get => _extraLines; init => _extraLines = value ?? []; }

    /// <summary>
    /// With marginal losses: the energy + loss components of each bus's LMP, $/MWh (null when lossless). The operator's
    /// <c>loss_surplus</c> row is what those components collect, −Σ (energy + loss)·injection·hours over every settled
    /// resource and schedule leg; <c>congestion_rent</c> keeps the rest of what the market left with the operator.
    /// </summary>
    public IReadOnlyDictionary<int, double>? LossPrices { get; init; }

    private readonly double _hours = 1.0;
    private readonly IReadOnlyList<SettlementLine> _extraLines = [];

    /// <summary>Cleared MW of a resource (0 when absent; clearing noise below 0 read as 0).</summary>
    public double MwOf(string resourceId) =>
        ResourceMw.TryGetValue(resourceId, out var mw) ? Math.Max(mw, 0) : 0;

    internal static double CheckHours(double hours) =>
        double.IsFinite(hours) && hours > 0 ? hours : throw new InvalidInputException("settlement", null, $"interval must be > 0 hours, not {hours}");

    /// <summary>
    /// Checks what the records cannot check alone: prices finite, resource ids unique, cleared MW for known resources
    /// and ≥ 0. Run by <see cref="DayAheadSettlement.Settle"/> (not the constructor: <c>with</c> would skip it).
    /// </summary>
    /// <exception cref="InvalidInputException">on the first problem.</exception>
    public void Check()
    {
        CheckPrices(BusLmp);
        CheckMw(ResourceMw, Resources);
    }

    private static void CheckPrices(IReadOnlyDictionary<int, double> prices)
    {
        // Sorted only to name the same bus every run, which only a failing input needs.
        if (prices.Values.All(double.IsFinite))
        {
            return;
        }

        foreach (var (bus, lmp) in prices.OrderBy(p => p.Key))
        {
            if (!double.IsFinite(lmp))
            {
                throw new InvalidInputException("prices", null, $"bus {bus} has a non-finite price {lmp}");
            }
        }
    }

    private static void CheckMw(IReadOnlyDictionary<string, double> mw, IReadOnlyList<Resource> resources)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in resources)
        {
            if (!known.Add(r.Id))
            {
                throw new InvalidInputException("resources", null, $"resource {r.Id} is listed twice");
            }
        }

        // Sorted only to name the same resource every run, which only a failing input needs.
        if (mw.All(m => known.Contains(m.Key) && double.IsFinite(m.Value) && m.Value >= -NegativeNoiseMw))
        {
            return;
        }

        foreach (var (id, value) in mw.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!known.Contains(id))
            {
                throw new InvalidInputException("dispatch", null, $"cleared MW for unknown resource {id}");
            }

            if (!double.IsFinite(value) || value < -NegativeNoiseMw)
            {
                throw new InvalidInputException("dispatch", null, $"resource {id} cleared {value} MW: must be ≥ 0 (injection for generators, withdrawal for loads)");
            }
        }
    }
}
