namespace Gridclear.Designs.Px;

/// <summary>
/// An existing transmission contract (X4, etc.csv <c>contract,holder,path,mw</c>): capacity reserved for its holder
/// on a path or interface, in the path's direction when <see cref="Mw"/> &gt; 0, the reverse when &lt; 0. What the
/// holder does not schedule is released to the day-ahead market as recallable.
/// </summary>
public sealed record EtcContract(string Id, string Holder, string Path, double Mw)
{
    public string Id { get; } = Market.InputChecks.Id(Id, "contract id");

    public string Holder { get; } = Market.InputChecks.Id(Holder, $"holder of contract {Id}");

    public double Mw { get; } = Mw != 0 && double.IsFinite(Mw) ? Mw : throw new ArgumentException($"contract {Id} reserves {Mw} MW: must be a finite number other than 0");

    /// <summary>+1 in the path's direction, −1 the reverse.</summary>
    public int Direction => Mw > 0 ? 1 : -1;
}

/// <summary>A path or interface carrying reservations: its branches and its limit (rating), MW, both directions.</summary>
public sealed record ReservedPath(string Id, IReadOnlyList<(int Branch, double Weight)> Terms, double LimitMw);

/// <summary>One row of recallable.csv: a path and direction with reservations, and how much of its flow is on recallable capacity.</summary>
/// <param name="FirmMw">Limit − reserved: what the market holds firmly.</param>
/// <param name="FlowMw">The day-ahead flow in this direction (≥ 0).</param>
/// <param name="RecallableMw">max(0, flow − firm): the flow on capacity its holders may recall.</param>
public sealed record RecallableUse(string Path, int Direction, double LimitMw, double ReservedMw, double FirmMw, double FlowMw, double RecallableMw);

/// <summary>One row of recallable_schedules.csv: a schedule flowing on a path in a direction with recallable use.</summary>
/// <param name="ContributionMw">Its flow on the path in that direction (Σ factor × leg MW, &gt; 0).</param>
/// <param name="RecallableMw">Its share of the recallable flow, pro rata to contributions (each at most its contribution).</param>
public sealed record RecallableUser(string Path, int Direction, string Schedule, string Participant, double ContributionMw, double RecallableMw);
