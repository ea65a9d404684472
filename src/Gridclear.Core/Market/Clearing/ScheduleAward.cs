namespace Gridclear.Market;

/// <summary>A schedule after clearing: its legs as submitted and as adjusted by the market.</summary>
/// <param name="Legs">Final injections by leg (MW; &gt; 0 injects).</param>
/// <param name="CutMw">MW of a balanced schedule without adjustment bids that the market could not keep (at the schedule penalty).</param>
/// <param name="AdjustmentCost">As-bid cost of its adjustments, $/h.</param>
/// <param name="Counterparty">The other side of an inter-participant trade (its legs carry it as owner), or null.</param>
public sealed record ScheduleAward(string Schedule, string Participant, bool Balanced, IReadOnlyList<ScheduleLeg> Submitted, IReadOnlyList<ScheduleLeg> Legs, double CutMw, double AdjustmentCost, string? Counterparty = null);
