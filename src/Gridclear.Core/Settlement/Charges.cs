namespace Gridclear.Settlement;

/// <summary>The charge names this module issues (the <c>charge</c> column of <c>settlement.csv</c>).</summary>
public static class Charges
{
    /// <summary>A resource's cleared energy at its elected price (bus LMP or zonal price).</summary>
    public const string Energy = "energy";

    /// <summary>A balanced schedule: Σ MW × price over its legs = −(transmission usage charge).</summary>
    public const string Usage = "usage";

    /// <summary>An unbalanced schedule: Σ MW × price over its legs (its energy and its usage together).</summary>
    public const string ScheduleEnergy = "schedule_energy";

    /// <summary>One side of an inter-participant trade (D3): its own legs at its own elected prices.</summary>
    public const string Trade = "trade";

    /// <summary>To a zonal generator for MW dispatched from offer steps priced above its zonal price.</summary>
    public const string ConstrainedOn = "constrained_on";

    /// <summary>To a zonal generator for MW of steps priced at or below its zonal price that were not dispatched.</summary>
    public const string ConstrainedOff = "constrained_off";

    /// <summary>Loads: their share of the constrained-on/off cost not offset by zonal rent. Operator: the offset.</summary>
    public const string Uplift = "uplift";

    /// <summary>Operator: the money collected by energy, schedules and extra lines (e.g. FTRs).</summary>
    public const string CongestionRent = "congestion_rent";

    /// <summary>Operator, with marginal losses: what the energy and loss components collect, −Σ (energy + loss)·MWh injected
    /// (the over-recovery of marginal loss pricing: about the energy price × the losses).</summary>
    public const string LossSurplus = "loss_surplus";

    /// <summary>Operator: minus the sum of the cent-rounding errors, so that a run's lines sum to zero.</summary>
    public const string Rounding = "rounding";
}
