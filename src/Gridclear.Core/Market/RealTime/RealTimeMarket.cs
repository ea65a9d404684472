namespace Gridclear.Market;

/// <summary>One real-time interval as the clearing engine sees it, with what was held and what was moved.</summary>
/// <param name="Input">The market the engine clears: every resource with real-time bids (or day-ahead offers in an
/// emergency), every load (at its real-time demand or its day-ahead MW), the fixed injections.</param>
/// <param name="HeldMw">Generators without real-time offers, held at their day-ahead MW (fixed injections).</param>
/// <param name="Emergency">Resources without real-time bids moved at their day-ahead bids (<c>--emergency</c>).</param>
public sealed record RealTimeInterval(MarketInput Input, IReadOnlyDictionary<string, double> HeldMw, IReadOnlyList<string> Emergency);

/// <summary>
/// The real-time market (R1, X6): the day-ahead engine, on the same network and security model, over an input that
/// moves only resources with real-time bids. A generator without a real-time offer keeps its day-ahead MW (a fixed
/// injection); a load takes its real-time demand, else its day-ahead MW; day-ahead schedules stay as cleared unless
/// resubmitted in real time. In a declared emergency the operator may also move the others at their day-ahead offers
/// and bids. Nothing here is a second clearing loop: real time is the same engine with different inputs.
/// </summary>
public static class RealTimeMarket
{
    /// <summary>The schedule id of a generator held at its day-ahead MW (it is a fixed injection to the engine).</summary>
    public const string HeldPrefix = "held:";

    /// <param name="realTime">The interval's real-time data (only resources with real-time data).</param>
    /// <param name="listed">Every resource of the market (resources.csv).</param>
    /// <param name="position">The day-ahead position.</param>
    /// <param name="dayAheadInterval">The day-ahead interval this real-time interval falls in (1-based).</param>
    /// <param name="dayAhead">The day-ahead market of that interval (its offers and bids), for an emergency.</param>
    public static RealTimeInterval Compose(MarketInput realTime, IReadOnlyList<Resource> listed, DayAheadPosition position, int dayAheadInterval, MarketInput? dayAhead, bool emergency)
    {
        var resources = new List<Resource>(listed.Count);
        var offers = new OrderedDictionary<string, OfferCurve>(StringComparer.Ordinal);
        var bids = new OrderedDictionary<string, BidCurve>(StringComparer.Ordinal);
        var demand = new OrderedDictionary<string, double>(StringComparer.Ordinal);
        var held = new OrderedDictionary<string, double>(StringComparer.Ordinal);
        var moved = new List<string>();
        var heldSchedules = new List<Schedule>();
        foreach (var r in listed)
        {
            var daMw = position.MwOf(dayAheadInterval, r.Id);
            if (r.Kind == ResourceKind.Generator)
            {
                if (realTime.Offers.TryGetValue(r.Id, out var offer))
                {
                    resources.Add(r);
                    offers.Add(r.Id, offer);
                }
                else if (emergency && dayAhead is not null && dayAhead.Offers.TryGetValue(r.Id, out var daOffer))
                {
                    resources.Add(r);
                    offers.Add(r.Id, daOffer);
                    moved.Add(r.Id);
                }
                else
                {
                    held.Add(r.Id, daMw);
                    if (daMw != 0)
                    {
                        heldSchedules.Add(new Schedule(HeldPrefix + r.Id, r.Participant, false, [new ScheduleLeg(r.Bus, daMw)]));
                    }
                }

                continue;
            }

            var hasBid = realTime.Bids.TryGetValue(r.Id, out var bid);
            var hasDemand = realTime.Demand.TryGetValue(r.Id, out var mw);
            if (hasBid || hasDemand)
            {
                resources.Add(r);
                if (hasBid)
                {
                    bids.Add(r.Id, bid!);
                }

                if (hasDemand)
                {
                    demand.Add(r.Id, mw);
                }
            }
            else if (emergency && dayAhead is not null && dayAhead.Bids.TryGetValue(r.Id, out var daBid))
            {
                resources.Add(r);
                bids.Add(r.Id, daBid);
                moved.Add(r.Id);
            }
            else
            {
                // A load without real-time data consumes what it bought day-ahead.
                resources.Add(r);
                demand.Add(r.Id, daMw);
            }
        }

        // Schedules resubmitted in real time replace their day-ahead version; the others flow as cleared day-ahead.
        var resubmitted = realTime.Schedules.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var schedules = new List<Schedule>(realTime.Schedules);
        foreach (var s in position.Schedules[dayAheadInterval - 1].Where(s => !resubmitted.Contains(s.Id)))
        {
            var legs = s.Legs.Where(l => l.Mw != 0).ToList();
            if (legs.Count > 0)
            {
                schedules.Add(new Schedule(s.Id, s.Participant, false, legs));
            }
        }

        schedules.AddRange(heldSchedules);
        var input = new MarketInput(
            resources,
            offers,
            bids,
            demand,
            schedules,
            realTime.Adjustments,
            realTime.Zones,
            realTime.Hubs,
            realTime.Interfaces,
            realTime.Nomograms,
            realTime.Contingencies,
            realTime.PortfolioBalanced) { Caps = realTime.Caps };
        return new RealTimeInterval(input, held, moved);
    }
}
