namespace Gridclear.Solvers;

/// <summary>How the solver scales rows and columns before it solves.</summary>
public enum LpScaling
{
    /// <summary>The solver's own choice (Clp: geometric, then equilibrium).</summary>
    Automatic,

    /// <summary>Each row and column divided by its largest entry.</summary>
    Equilibrium,

    Off,
}
