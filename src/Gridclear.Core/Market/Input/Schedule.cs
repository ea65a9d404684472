namespace Gridclear.Market;

/// <summary>
/// A participant's schedule (D1, D2): fixed injections and withdrawals by bus, settled by usage charges (D12).
/// A <paramref name="Balanced"/> schedule sums to zero (within <see cref="BalanceToleranceMw"/>) and its adjustments
/// must keep it so.
/// </summary>
/// <param name="Id">Unique schedule id.</param>
/// <param name="Participant">Owner (the scheduling coordinator).</param>
/// <param name="Balanced">True when Σ leg MW must be zero and adjustments must keep it so.</param>
/// <param name="Legs">At least one leg, at most one per bus, in file order.</param>
public sealed record Schedule(string Id, string Participant, bool Balanced, IReadOnlyList<ScheduleLeg> Legs)
{
    /// <summary>How far from zero a balanced schedule may sum, MW: input rounding, not a tolerance for imbalance.</summary>
    public const double BalanceToleranceMw = 1e-6;

    public string Id { get; } = InputChecks.Id(Id, "schedule id");

    public string Participant { get; } = InputChecks.Id(Participant, $"participant of schedule {Id}");

    public IReadOnlyList<ScheduleLeg> Legs { get; } = CheckLegs(Id, Balanced, Legs);

    /// <summary>Σ leg MW: net injection of the schedule (0 when balanced).</summary>
    public double NetMw => Legs.Sum(l => l.Mw);

    /// <summary>The leg at a bus, or null when the schedule does not touch it.</summary>
    public ScheduleLeg? LegAt(int bus)
    {
        foreach (var leg in Legs)
        {
            if (leg.Bus == bus)
            {
                return leg;
            }
        }

        return null;
    }

    private static IReadOnlyList<ScheduleLeg> CheckLegs(string id, bool balanced, IReadOnlyList<ScheduleLeg> legs)
    {
        var copy = InputChecks.Copy(legs, $"legs of schedule {id}");
        if (copy.Count == 0)
        {
            throw new ArgumentException($"schedule {id} has no legs");
        }

        var seen = new HashSet<int>();
        foreach (var leg in copy)
        {
            if (!seen.Add(leg.Bus))
            {
                throw new ArgumentException($"schedule {id} has bus {leg.Bus} twice (one leg per bus)");
            }
        }

        var net = copy.Sum(l => l.Mw);
        if (balanced && Math.Abs(net) > BalanceToleranceMw)
        {
            throw new ArgumentException($"schedule {id} is balanced but its legs sum to {InputChecks.Text(net)} MW, not 0");
        }

        return copy;
    }
}
