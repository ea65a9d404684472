namespace Gridclear.Solvers;

/// <summary>Where a column or row sits in a simplex basis: basic, or nonbasic at one of its bounds.</summary>
public enum BasisStatus
{
    Basic,
    AtLower,
    AtUpper,
}
