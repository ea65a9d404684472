namespace Gridclear.Ftr;

/// <summary>Which day-ahead prices an FTR settles at (F10).</summary>
public enum FtrSettleAt
{
    /// <summary>At its locations' bus prices (hubs weighted, zones at their reference buses): the default, and the
    /// rule after a zone split (004 Immediate phase 6).</summary>
    Bus,

    /// <summary>Each <c>zone:NAME@BUS</c> end at the zonal load price of the zone that holds its reference bus (before a
    /// split: the zone named; after one, the reference bus "defines its new origin and destination zone", 004
    /// Immediate phase 6); bus and hub ends as for <see cref="Bus"/>.</summary>
    Zone,
}
