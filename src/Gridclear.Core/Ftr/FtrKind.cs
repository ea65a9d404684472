namespace Gridclear.Ftr;

/// <summary>What an FTR pays (F1, F2).</summary>
public enum FtrKind
{
    /// <summary>Pays (sink − source) × MW, and charges the holder when that is negative.</summary>
    Obligation,

    /// <summary>Pays (sink − source) × MW only when positive; never charges.</summary>
    Option,
}
