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
/// <param name="Counterparty">For an inter-participant trade (D3): the other participant, who owns the legs marked
/// with its name (<see cref="ScheduleLeg.Owner"/>) and settles them at its own elected prices; null for a
/// participant's own schedule. <see cref="Trade"/> builds a trade from signed legs.</param>
public sealed record Schedule(string Id, string Participant, bool Balanced, IReadOnlyList<ScheduleLeg> Legs, string? Counterparty = null)
{
    /// <summary>How far from zero a balanced schedule may sum, MW: input rounding, not a tolerance for imbalance.</summary>
    public const double BalanceToleranceMw = 1e-6;

    public string Id { get; } = InputChecks.Id(Id, "schedule id");

    public string Participant { get; } = InputChecks.Id(Participant, $"participant of schedule {Id}");

    public string? Counterparty { get; } = CheckCounterparty(Id, Participant, Counterparty);

    public IReadOnlyList<ScheduleLeg> Legs { get; } = CheckLegs(Id, Balanced, Legs, Participant, Counterparty);

    /// <summary>True for an inter-participant trade.</summary>
    public bool IsTrade => Counterparty is not null;

    /// <summary>The participant a leg settles to.</summary>
    public string OwnerOf(ScheduleLeg leg) => leg.Owner ?? Participant;

    /// <summary>
    /// A trade from <paramref name="seller"/> to <paramref name="buyer"/> (D3): injection legs (MW &gt; 0) are the
    /// seller's, withdrawal legs (MW &lt; 0) the buyer's. A leg of 0 MW has no direction, so no owner: refused.
    /// </summary>
    public static Schedule Trade(string id, string seller, string buyer, bool balanced, IReadOnlyList<ScheduleLeg> legs)
    {
        var owned = InputChecks.Copy(legs, $"legs of schedule {id}").Select(l => l.Mw switch
        {
            > 0 => new ScheduleLeg(l.Bus, l.Mw),
            < 0 => new ScheduleLeg(l.Bus, l.Mw, buyer),
            _ => throw new ArgumentException($"trade {id} has 0 MW at bus {l.Bus}: a trade's leg needs a direction (mw > 0 is {seller}'s injection, mw < 0 {buyer}'s withdrawal)"),
        }).ToList();
        return new Schedule(id, seller, balanced, owned, buyer);
    }

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

    private static string? CheckCounterparty(string id, string participant, string? counterparty)
    {
        if (counterparty is null)
        {
            return null;
        }

        InputChecks.Id(counterparty, $"counterparty of schedule {id}");
        return counterparty != participant
            ? counterparty
            : throw new ArgumentException($"schedule {id}: the counterparty {counterparty} is the participant itself (leave counterparty empty for an own schedule)");
    }

    private static IReadOnlyList<ScheduleLeg> CheckLegs(string id, bool balanced, IReadOnlyList<ScheduleLeg> legs, string participant, string? counterparty)
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

        foreach (var leg in copy)
        {
            if (leg.Owner is not null && leg.Owner != participant && leg.Owner != counterparty)
            {
                throw new ArgumentException($"schedule {id}: the leg at bus {leg.Bus} belongs to {leg.Owner}, who is neither its participant {participant} nor its counterparty {counterparty ?? "(none)"}");
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
