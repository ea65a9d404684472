using Gridclear.Market;

namespace Gridclear.Mitigation;

/// <summary>A bid in the CFD auction: up to <see cref="Mw"/> MW of one instrument at up to <see cref="Price"/> $/MW for
/// the instrument's term. The auction may award any part of it.</summary>
public sealed record CfdBid(string Id, string Bidder, string Instrument, double Mw, double Price)
{
    public string Id { get; } = InputChecks.Id(Id, "bid id");

    public string Bidder { get; } = InputChecks.Id(Bidder, $"bidder of bid {Id}");

    public double Mw { get; } = InputLimits.Mw(InputChecks.Positive(Mw, $"mw of bid {Id}"), $"mw of bid {Id}");

    public double Price { get; } = InputChecks.Finite(Price, $"price of bid {Id}");
}
