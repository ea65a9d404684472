namespace Gridclear.Market;

/// <summary>
/// An incremental or decremental bid on one leg of a schedule (D1, D2): how much the participant will let the market
/// move the schedule at that bus, and at what price. Inc steps are priced like an offer (non-decreasing: the
/// participant is paid at least the price to inject more), dec steps like a bid (non-increasing: the participant pays
/// at most the price to inject less). Whether the bus is one of the schedule's legs is checked by
/// <see cref="MarketInput"/>, which sees the schedules. How a dec larger than an injection leg is treated (a leg
/// crossing zero) is the clearing engine's choice: it is not refused here.
/// </summary>
/// <param name="Schedule">Id of the schedule adjusted.</param>
/// <param name="Bus">External bus number of the leg adjusted.</param>
/// <param name="Steps">Segment 1 first.</param>
/// <param name="Participant">Who submitted it (D3): it moves only that participant's side of the schedule and settles to
/// it. Null = the schedule's participant; on a trade it must be given and own the leg at <paramref name="Bus"/> (the seller
/// its injections, the buyer its withdrawals): checked by <see cref="MarketInput"/>.</param>
public sealed record AdjustmentBid(string Schedule, int Bus, AdjustmentDirection Direction, IReadOnlyList<PriceStep> Steps, string? Participant = null)
{
    public string? Participant { get; } = Participant is null ? null : InputChecks.Id(Participant, $"participant of the adjustment of schedule {Schedule} at bus {Bus}");

    public string Schedule { get; } = InputChecks.Id(Schedule, "schedule of an adjustment");

    public AdjustmentDirection Direction { get; } = InputChecks.Defined(Direction, "adjustment direction");

    public IReadOnlyList<PriceStep> Steps { get; } = StepOrder.Check(
        Steps, rising: Direction == AdjustmentDirection.Inc, $"{Direction.ToString().ToLowerInvariant()} adjustment of schedule {Schedule} at bus {Bus}");

    /// <summary>Σ step MW: the most the leg can move this way.</summary>
    public double TotalMw => Steps.Sum(s => s.Mw);
}
