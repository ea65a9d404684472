namespace Gridclear.Ftr;

/// <summary>How the auction LP writes the network.</summary>
public enum FtrFormulation
{
    /// <summary><see cref="Angle"/> when the constraints describe their network (<see cref="IFtrFlowConstraints"/>)
    /// and there are at least <see cref="FtrAuction.AngleBidsPerBus"/> bids per bus, else <see cref="ShiftFactor"/>.</summary>
    Automatic,

    /// <summary>Each constraint row holds the shift factor of every bid's path: dense rows, no network columns.</summary>
    ShiftFactor,

    /// <summary>B-θ: one angle column and one nodal balance row per bus, obligations enter the balances only
    /// (2 entries a bus-to-bus bid) and a constraint row is its few branch flows written in angles, plus the
    /// options that load it. Needs <see cref="IFtrFlowConstraints"/>.</summary>
    Angle,
}
