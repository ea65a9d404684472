using Gridclear.Solvers;

namespace Gridclear.Ftr;

/// <summary>Settings of one FTR auction.</summary>
/// <param name="ReleaseShare">Share of each limit released to the auction, in (0, 1]; 1 releases 100% of capability (F3).</param>
/// <param name="ToleranceMw">How far past a limit a load may be before the constraint is added to the LP.</param>
/// <param name="MaxRounds">Rounds of constraint generation before giving up.</param>
/// <param name="MaxRowsPerRound">The most violated constraints added per round (one per monitored element); every
/// row is dense over the bids, so a few well-chosen rows a round solve faster than many.</param>
/// <param name="Formulation">How the LP writes the network: angles (sparse obligations) or shift factors (dense
/// rows); by default angles for many bids per bus where the constraints allow.</param>
/// <param name="Lp">Solver settings; null for <see cref="FtrAuction.DefaultLp"/>.</param>
/// <param name="PriceColumns">Column generation over dense bid columns (see FtrAuctionLp.Columns.cs): same optimum,
/// far fewer entries in the LP; off only to cross-check it.</param>
/// <param name="EnteringPerRound">The most bids held out that are priced back into the LP in one round, the most
/// attractive first.</param>
/// <param name="DropSlackRows">Rows slack for two solves in a row leave the LP (see FtrAuctionLp.Rows.cs): same
/// optimum, cheaper iterations; off only to cross-check it.</param>
/// <param name="Trace">Receives one line per phase of every round (timings, rows) when set; the core does no I/O itself.</param>
public sealed record FtrAuctionOptions(
    double ReleaseShare = 1.0,
    double ToleranceMw = 1e-4,
    int MaxRounds = 100,
    int MaxRowsPerRound = 300,
    LpOptions? Lp = null,
    Action<string>? Trace = null,
    FtrFormulation Formulation = FtrFormulation.Automatic,
    bool PriceColumns = true,
    int EnteringPerRound = 300,
    bool DropSlackRows = true)
{
    public static FtrAuctionOptions Default { get; } = new();
}
