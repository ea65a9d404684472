namespace Gridclear.Network;

/// <summary>MATPOWER cost model number (the first column of <c>gencost</c>).</summary>
public enum CostModel
{
    /// <summary>Piecewise linear: parameters are x1, y1, x2, y2, … (MW, $/h).</summary>
    PiecewiseLinear = 1,

    /// <summary>Polynomial: parameters are c(n-1) … c1, c0, highest order first ($/h for MW).</summary>
    Polynomial = 2,
}

/// <summary>One row of a MATPOWER <c>gencost</c> matrix.</summary>
/// <param name="Parameters">The NCOST points (model 1: 2·NCOST numbers) or coefficients (model 2).</param>
/// <param name="SourceLine">1-based line of the row in the file it was read from; 0 when not read from a file.</param>
public sealed record CaseGenCost(CostModel Model, double Startup, double Shutdown, IReadOnlyList<double> Parameters, int SourceLine = 0);
