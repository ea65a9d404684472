#!/usr/bin/env python3
"""Documents how the example market in this folder was made (the CSVs are committed; this only explains them).

    python3 examples/market/make_market.py        # from the repository root: rewrites the CSVs, same bytes

Deterministic: no randomness, no clock. It reads network.m (a copy of PGLib-OPF's IEEE 118-bus case, linear costs,
one MATPOWER area) and writes a market folder in the format of FORMATS.md "A market folder", plus the two
optional extension files described in README.md "Market folder extensions" (portfolio.csv, and the counterparty
column of schedules.csv).

The market, in words:
- Three zones drawn by bus number (the usual geography of the 118-bus system): West (1-32, 113-115, 117),
  Central (33-67) and East (68-112, 116, 118). MATPOWER has one area here, so zones.csv is needed.
- Two trading hubs defined by weighted buses, WEST_HUB and EAST_HUB (stable across any zone split).
- Every case generator with capacity becomes a resource offering three steps derived from its linear cost c1:
  50% of Pmax at c1, 30% at 1.1*c1, 20% at 1.25*c1 (synchronous condensers, Pmax 0, take no part).
  A wind farm (not in the case) offers at -15 $/MWh: a negative offer step.
- Every bus with load (PD > 0) is one load resource: a fixed demand of PD, or for the aggregator a bid curve
  (70% at 2000 $/MWh, 20% at 45, 10% at 30) - price-responsive demand.
- Eleven participants: three utilities owning generators and loads (West zonal, Central nodal, East mixed),
  two independent generators, a wind developer, a municipal load (zonal), a retailer (nodal), a demand
  aggregator (bids), a marketer with schedules (one balanced without adjustments, one unbalanced import with an
  inc bid), and a trader with a balanced schedule moved by inc/dec adjustment bids under a portfolio-balance
  instruction and an inter-participant trade (counterparty) with the municipal load.
- Congestion: the case's own ratings bind (15-17 inside the West, 49-69 into the East, 94-100), so bus prices run
  from about 15 to 62 $/MWh and the zones price apart. The West-Central tie lines are also monitored together as
  the interface WEST_EXPORT (180 MW), which the dispatch respects without binding.
"""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def read_case(path):
    text = open(path, encoding="utf-8").read()

    def matrix(name):
        body = re.search(r"mpc\." + name + r"\s*=\s*\[(.*?)\];", text, re.S).group(1)
        rows = []
        for line in body.splitlines():
            line = line.split("%")[0].strip().rstrip(";").strip()
            if line:
                rows.append([float(v) for v in line.split()])
        return rows

    return matrix("bus"), matrix("gen"), matrix("gencost"), matrix("branch")


def zone_of(bus):
    if bus <= 32 or bus in (113, 114, 115, 117):
        return "West"
    if bus <= 67:
        return "Central"
    return "East"


def money(x):
    return ("%.2f" % x).rstrip("0").rstrip(".") if x != int(x) else "%d" % x


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(str(v) for v in r) + "\n")


# Who owns which generator bus, and how each settles (the participant's election, D9).
GEN_OWNER = {
    10: ("WestPower", "zonal"), 12: ("WestPower", "zonal"), 25: ("WestPower", "zonal"), 26: ("WestPower", "zonal"),
    31: ("WestPower", "zonal"),
    46: ("CentralEnergy", "nodal"), 49: ("CentralEnergy", "nodal"), 54: ("CentralEnergy", "nodal"),
    59: ("CentralEnergy", "nodal"), 61: ("CentralEnergy", "nodal"),
    65: ("SummitGas", "zonal"), 66: ("SummitGas", "zonal"),
    69: ("EastGrid", "nodal"), 80: ("EastGrid", "nodal"), 87: ("EastGrid", "nodal"), 89: ("EastGrid", "nodal"),
    100: ("RiverHydro", "nodal"), 103: ("RiverHydro", "nodal"), 111: ("RiverHydro", "nodal"),
}

# Load buses not served by their zone's utility.
LOAD_OWNER = {
    # West: a retailer on bus prices.
    1: ("CoastalRetail", "nodal"), 2: ("CoastalRetail", "nodal"), 3: ("CoastalRetail", "nodal"),
    # Central: the municipal utility, zonal.
    39: ("CityMunicipal", "zonal"), 40: ("CityMunicipal", "zonal"), 41: ("CityMunicipal", "zonal"),
    42: ("CityMunicipal", "zonal"), 44: ("CityMunicipal", "zonal"), 45: ("CityMunicipal", "zonal"),
    # East: the aggregator with price-responsive bids, nodal.
    74: ("MetroAggregator", "nodal"), 75: ("MetroAggregator", "nodal"), 76: ("MetroAggregator", "nodal"),
    77: ("MetroAggregator", "nodal"), 78: ("MetroAggregator", "nodal"),
}

UTILITY_OF_ZONE = {"West": ("WestPower", "zonal"), "Central": ("CentralEnergy", "nodal"), "East": ("EastGrid", "zonal")}


def main():
    bus, gen, gencost, branch = read_case(os.path.join(HERE, "network.m"))

    resources, offers, bids, demand = [], [], [], []
    for g, c in zip(gen, gencost):
        b, pmax = int(g[0]), g[8]
        if pmax <= 0:
            continue  # synchronous condensers
        c1 = c[-2]
        owner, election = GEN_OWNER[b]
        rid = "G%d" % b
        resources.append((rid, owner, b, "generator", election, ""))
        for k, (share, markup) in enumerate([(0.5, 1.0), (0.3, 1.1), (0.2, 1.25)], start=1):
            offers.append((rid, k, money(round(share * pmax, 2)), money(round(c1 * markup, 2))))

    # A wind farm in the West (negative offer: it is paid production credits) and a small peaker with a load
    # (a participant bidding both ways, I.A.3.d).
    resources.append(("WIND_W1", "PrairieWind", 4, "generator", "nodal", ""))
    offers.append(("WIND_W1", 1, 150, -15))
    resources.append(("WIND_W2", "PrairieWind", 8, "generator", "zonal", ""))
    offers.append(("WIND_W2", 1, 100, -15))
    resources.append(("PEAK_E1", "SummitGas", 116, "generator", "nodal", ""))
    offers.append(("PEAK_E1", 1, 60, 55))
    offers.append(("PEAK_E1", 2, 40, 80))

    for row in bus:
        b, pd = int(row[0]), row[2]
        if pd <= 0:
            continue
        owner, election = LOAD_OWNER.get(b, UTILITY_OF_ZONE[zone_of(b)])
        rid = "L%d" % b
        resources.append((rid, owner, b, "load", election, ""))
        if owner == "MetroAggregator":
            for k, (share, price) in enumerate([(0.7, 2000), (0.2, 45), (0.1, 30)], start=1):
                bids.append((rid, k, money(round(share * pd, 2)), price))
        else:
            demand.append((rid, money(pd)))
    # SummitGas also buys for its own compressor station (bus 116, a bid): generator and load bids together.
    resources.append(("SUMMIT_AUX", "SummitGas", 116, "load", "nodal", ""))
    bids.append(("SUMMIT_AUX", 1, 20, 70))

    write("resources.csv", ["resource", "participant", "bus", "kind", "settlement", "min_mw"], resources)
    write("offers.csv", ["resource", "segment", "mw", "price"], offers)
    write("bids.csv", ["resource", "segment", "mw", "price"], bids)
    write("demand.csv", ["resource", "mw"], demand)

    zones = [(zone_of(int(r[0])), int(r[0])) for r in bus]
    write("zones.csv", ["zone", "bus"], zones)
    write("hubs.csv", ["hub", "bus", "weight"], [
        ("WEST_HUB", 11, 2), ("WEST_HUB", 13, 1), ("WEST_HUB", 17, 1),
        ("EAST_HUB", 80, 2), ("EAST_HUB", 92, 1), ("EAST_HUB", 100, 1),
    ])

    # Schedules (D1-D3). mw > 0 injects, < 0 withdraws.
    schedules = [
        # Balanced, no adjustment bids: kept as submitted (the market cuts it only at the penalty price).
        ("SM_FIRM", "SierraMarketing", 26, 120, "true", ""),
        ("SM_FIRM", "SierraMarketing", 15, -120, "true", ""),
        # Unbalanced: an import at the eastern border, with an inc bid to import more.
        ("SM_IMPORT", "SierraMarketing", 118, 50, "false", ""),
        # Balanced with inc/dec adjustment bids, under DeltaTrading's portfolio-balance instruction.
        ("DT_WE", "DeltaTrading", 10, 80, "true", ""),
        ("DT_WE", "DeltaTrading", 59, -80, "true", ""),
        ("DT_CE", "DeltaTrading", 49, 40, "true", ""),
        ("DT_CE", "DeltaTrading", 90, -40, "true", ""),
        # An inter-participant trade (D3): DeltaTrading sells at bus 12, CityMunicipal buys at bus 42.
        ("DT_CITY", "DeltaTrading", 12, 60, "true", "CityMunicipal"),
        ("DT_CITY", "DeltaTrading", 42, -60, "true", "CityMunicipal"),
    ]
    write("schedules.csv", ["schedule", "participant", "bus", "mw", "balanced", "counterparty"], schedules)
    # Each adjustment bid names its submitter (D3): it moves only that participant's side. On the trade, DeltaTrading
    # bids to sell less at its own leg (bus 12, counted in its portfolio) and CityMunicipal to buy more at its own leg
    # (bus 42); alone on the balanced trade's row, the buyer's dec has nothing to balance it, so it clears 0.
    write("adjustments.csv", ["schedule", "bus", "direction", "segment", "mw", "price", "participant"], [
        ("SM_IMPORT", 118, "inc", 1, 40, 31, "SierraMarketing"),
        ("DT_WE", 10, "dec", 1, 80, 22, "DeltaTrading"),
        ("DT_WE", 59, "dec", 1, 80, 36, "DeltaTrading"),
        ("DT_CE", 49, "inc", 1, 30, 26, "DeltaTrading"),
        ("DT_CE", 90, "inc", 1, 40, 40, "DeltaTrading"),
        ("DT_CITY", 12, "dec", 1, 30, 20, "DeltaTrading"),
        ("DT_CITY", 42, "dec", 1, 30, 60, "CityMunicipal"),
    ])
    write("portfolio.csv", ["participant", "balanced"], [("DeltaTrading", "true")])

    # The West-Central ties: every branch with one end in West and the other in Central, weighted +1 West->Central.
    ties = []
    for br in branch:
        f, t, status = int(br[0]), int(br[1]), br[10]
        if status <= 0:
            continue
        zf, zt = zone_of(f), zone_of(t)
        if {zf, zt} == {"West", "Central"}:
            ties.append(("WEST_EXPORT", f, t, 1 if zf == "West" else -1, 180))
    write("interfaces.csv", ["interface", "from_bus", "to_bus", "weight", "limit"], ties)


if __name__ == "__main__":
    main()
