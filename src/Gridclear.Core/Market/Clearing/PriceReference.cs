namespace Gridclear.Market;

/// <summary>Where the energy component of the LMP is measured. Moving it changes only the energy and congestion split.</summary>
public abstract record PriceReference
{
    /// <summary>The case's reference bus (the default).</summary>
    public static PriceReference CaseReference { get; } = new SingleBus(null);

    /// <summary>A load-weighted distributed reference: energy = Σ wᵢ·LMPᵢ with wᵢ ∝ fixed load at bus i.</summary>
    public static PriceReference LoadWeighted { get; } = new Distributed();

    /// <summary>A single bus, by external id (null = the case's reference bus).</summary>
    public sealed record SingleBus(int? BusId) : PriceReference;

    /// <summary>Load-weighted over the buses' fixed demand.</summary>
    public sealed record Distributed : PriceReference;
}
