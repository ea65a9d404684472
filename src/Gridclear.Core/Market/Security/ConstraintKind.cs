namespace Gridclear.Market;

/// <summary>What a security constraint limits (the <c>kind</c> column of constraints.csv).</summary>
public enum ConstraintKind
{
    /// <summary>The flow on one branch (rating and angle-difference limit), base case or under a contingency.</summary>
    Branch,

    /// <summary>A weighted sum of branch flows.</summary>
    Interface,

    /// <summary>A linear limit over flows, injections and interfaces.</summary>
    Nomogram,

    /// <summary>The system power balance.</summary>
    Balance,
}
