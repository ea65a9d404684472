using Gridclear.Flows;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Settlement;

namespace Gridclear.Tests.Market;

/// <summary>Small networks built in the test, cleared by the real engine (KLU shift factors, Clp) and settled.</summary>
internal static class MarketHarness
{
    /// <summary>A network of buses 1…n (internal order = bus order), one area, the given reference bus.</summary>
    /// <param name="lines">(from, to, reactance p.u., rating MW; +∞ for none).</param>
    public static Gridclear.Network.Network Grid(int buses, IReadOnlyList<(int From, int To, double X, double Rating)> lines, int referenceBus = 1)
    {
        var branches = lines.Select((l, row) => new NetworkBranch(row, l.From - 1, l.To - 1, 1 / l.X, l.Rating, 0, double.NegativeInfinity, double.PositiveInfinity)).ToList();
        return new Gridclear.Network.Network(
            "test", 100, Enumerable.Range(1, buses).ToList(), new double[buses], Enumerable.Repeat(1, buses).ToList(), branches, [], referenceBus - 1);
    }

    public static DayAheadResult Clear(Gridclear.Network.Network network, MarketInput input)
    {
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var security = new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);
        return DayAheadMarket.Clear(security, input, new ClpSolver());
    }

    public static (DayAheadResult Result, SettlementResult Settlement) ClearAndSettle(Gridclear.Network.Network network, MarketInput input)
    {
        input.CheckAgainst(network);
        var result = Clear(network, input);
        return (result, DayAheadSettlement.Settle(ClearingOutcome.ToSettlementInput(result, input, network)));
    }

    public static Resource Gen(string id, string who, int bus, Election e) => new(id, who, bus, ResourceKind.Generator, e);

    public static Resource Load(string id, string who, int bus, Election e) => new(id, who, bus, ResourceKind.Load, e);

    public static OfferCurve Offer(params (double Mw, double Price)[] steps) => new(steps.Select(s => new PriceStep(s.Mw, s.Price)).ToList());

    public static BidCurve Bid(params (double Mw, double Price)[] steps) => new(steps.Select(s => new PriceStep(s.Mw, s.Price)).ToList());

    public static AdjustmentBid Adjust(string schedule, int bus, AdjustmentDirection direction, params (double Mw, double Price)[] steps) =>
        new(schedule, bus, direction, steps.Select(s => new PriceStep(s.Mw, s.Price)).ToList());

    /// <summary>Σ of a participant's lines of one charge (0 when it has none).</summary>
    public static decimal Amount(SettlementResult s, string participant, string charge) =>
        s.Lines.Where(l => l.Participant == participant && l.Charge == charge).Sum(l => l.Amount);

    public static double Lmp(DayAheadResult r, int bus) => r.Prices.Single(p => p.Bus == bus).Lmp;

    public static double Mw(DayAheadResult r, string resource) => r.Awards.Single(a => a.Resource == resource).Mw;

    /// <summary>Dispatch and prices agree within this (Clp's default primal and dual tolerances are 1e-7).</summary>
    public const double Tolerance = 1e-6;
}
