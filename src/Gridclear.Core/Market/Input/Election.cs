namespace Gridclear.Market;

/// <summary>A participant's settlement election for a resource (D9): its own bus price, or its zone's price (D7).</summary>
public enum Election
{
    /// <summary>Settled at the locational marginal price of its bus.</summary>
    Nodal,

    /// <summary>Settled at its zone's price (load-weighted for loads, injection-weighted for generators).</summary>
    Zonal,
}
