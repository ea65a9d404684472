namespace Gridclear.Market;

/// <summary>
/// The last step of a capped clearing (M1): a price the clearing still set above its cap is brought down to it.
/// Unserved energy and reserve are already priced at the cap in the LP, so the balance and the requirement duals
/// never exceed it; what can is a bus whose congestion component lifts it above the cap (a bus with no load of its own
/// to leave unserved), or a reserve supplier's price where its zone's and the system's requirement prices add up. The
/// excess comes off the congestion component (lmp = energy + congestion + loss still holds), or off the supplier price;
/// the settlement prices what is left, and the operator's rows keep the run summing to zero.
/// </summary>
internal static class PriceCapping
{
    public static DayAheadResult Apply(DayAheadResult result, PriceCaps caps)
    {
        if (caps.IsEmpty)
        {
            return result;
        }

        var notes = new List<string>(result.Notes);
        var prices = result.Prices;
        if (caps.Energy is { } cap)
        {
            var capped = 0;
            var highest = double.NegativeInfinity;
            prices = result.Prices.Select(p =>
            {
                if (p.Lmp <= cap)
                {
                    return p;
                }

                capped++;
                highest = Math.Max(highest, p.Lmp);
                return p with { Lmp = cap, Congestion = p.Congestion - (p.Lmp - cap) };
            }).ToList();
            if (capped > 0)
            {
                notes.Add($"energy price capped at {cap} $/MWh at {capped} bus(es) (the clearing priced up to {highest:0.######})");
            }
        }

        var reserves = result.Reserves;
        if (reserves is not null && caps.Reserve.Count > 0)
        {
            var capped = 0;
            var priceRows = reserves.Prices.Select(p => caps.ReserveCap(p.Product) is { } c && p.SupplierPrice > c ? Count(p with { SupplierPrice = c }) : p).ToList();
            var awards = reserves.Awards.Select(a => caps.ReserveCap(a.Product) is { } c && a.Price > c ? a with { Price = c } : a).ToList();
            if (capped > 0)
            {
                notes.Add($"reserve supplier price capped in {capped} product zone(s): the zone's and the system's requirement prices added up beyond the cap");
            }

            reserves = reserves with { Prices = priceRows, Awards = awards };

            ReservePrice Count(ReservePrice p)
            {
                capped++;
                return p;
            }
        }

        // unserved.csv lists each shedding bus at its (capped) price.
        var relaxations = caps.Energy is { } energyCap
            ? result.EnergyRelaxations.Select(e => e.Lmp > energyCap ? e with { Lmp = energyCap } : e).ToList()
            : result.EnergyRelaxations;
        return result with { Prices = prices, Reserves = reserves, Notes = notes, EnergyRelaxations = relaxations };
    }
}
