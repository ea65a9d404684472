namespace Gridclear.Market;

/// <summary>How a load's real-time energy is metered (R5, 004 footnote 4), which sets the price its deviation settles at.</summary>
public enum Metering
{
    /// <summary>An interval meter: the deviation settles at the real-time price of its bus.</summary>
    Interval,

    /// <summary>No interval meter (a load profile): the deviation settles at the load-weighted average real-time price
    /// of its zone.</summary>
    Profile,
}
