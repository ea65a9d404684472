using Gridclear.Solvers;

namespace Gridclear.Ftr;

/// <summary>Settings of one FTR auction.</summary>
/// <param name="ReleaseShare">Share of each limit released to the auction, in (0, 1]; 1 releases 100% of capability (F3).</param>
/// <param name="ToleranceMw">How far past a limit a load may be before the constraint is added to the LP.</param>
/// <param name="MaxRounds">Rounds of constraint generation before giving up.</param>
/// <param name="MaxRowsPerRound">The most violated constraints added per round.</param>
public sealed record FtrAuctionOptions(
    double ReleaseShare = 1.0,
    double ToleranceMw = 1e-4,
    int MaxRounds = 100,
    int MaxRowsPerRound = 500,
    LpOptions? Lp = null)
{
    public static FtrAuctionOptions Default { get; } = new();
}
