namespace Gridclear.Market;

/// <summary>What a hub's price averages (D8, D17).</summary>
public enum HubBasis
{
    /// <summary>The bus LMPs of its buses (D8): the default, and the only basis that survives zone changes (N4).</summary>
    Bus,

    /// <summary>The zonal load prices of the zones its buses are in (D17): the zonal phase of 004 (Immediate
    /// Phase 5), when participants trade at zone prices.</summary>
    Zonal,
}
