#!/usr/bin/env python3
"""Builds examples/rts-day/: one market day (1 January 2020) on the RTS-GMLC 73-bus system from ../shared/rts-gmlc.

Deterministic: it reads only the RTS-GMLC files and writes the same bytes on every run.

    python3 scripts/make-rts-day.py [RTS_GMLC_DIR] [OUT_DIR]

The day ahead (da/) has 24 hourly intervals from the DAY_AHEAD series; real time (rt/) 288 five-minute intervals from
the REAL_TIME series (RT period p falls in DA hour ceil(p/12), as the data's README and FORMATS.md say). What becomes
what (README "The RTS-GMLC day"):
- thermal units (coal, oil and gas steam, CC, CT, nuclear): generator resources offering their heat-rate curve as
  steps: the block up to Output_pct_0 and each segment k at HR_incr_k/1000 x fuel price + VOM (the no-load part of the
  average heat rate is a commitment cost, and this market does not commit units), never falling (a rounding dip takes
  the previous segment's price). The same curves are the real-time offers, so every thermal unit moves in real time.
- loads: one load resource per bus with MW Load > 0, its area's load x MW Load / 2850 (the data's participation
  factors), as fixed demand: the DA forecast day ahead, the RT actual in real time.
- hydro and rooftop PV (fixed, must-take in the data): unbalanced self-schedules at their series, no adjustment bids.
- wind and utility PV (curtailable to 0): unbalanced self-schedules at their available MW with a dec bid over the whole
  of it (wind at -15 $/MWh, its production credit; PV at 0 $/MWh), so the market curtails them only below that price.
  A schedule is used rather than an offer because an offer step needs MW > 0 and their availability is 0 at times.
- left out: the CSP unit (no inflow series here), the storage unit, the synchronous condensers (0 MW) and the
  HVDC link (mpc.dcline, not modelled: the clear says so in a note).
"""

import csv
import math
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "rts-gmlc")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "examples", "rts-day")
DAY = (2020, 1, 1)
DA_HOURS = 24
RT_INTERVALS = 288

THERMAL_OWNERS = {
    "Coal": ("CoalCo", "nodal"),
    "Oil ST": ("SteamOil", "nodal"),
    "Gas CC": ("GasCC", "nodal"),
    "Gas CT": ("PeakerGas", "zonal"),
    "Oil CT": ("PeakerOil", "nodal"),
    "Nuclear": ("NuclearCo", "nodal"),
}
LOAD_OWNERS = {"1": ("Area1Utility", "nodal", "interval"), "2": ("Area2Utility", "zonal", "interval"), "3": ("Area3Retail", "nodal", "profile")}
SCHEDULED = {"Hydro": "HydroCo", "Solar RTPV": "RooftopSolar", "Wind": "WindCo", "Solar PV": "SolarCo"}
CURTAIL_PRICE = {"Wind": -15, "Solar PV": 0}


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


def num(x):
    """Shortest text of a value rounded to 4 decimals (MW and $/MWh), no '-0'."""
    v = round(float(x), 4)
    if v == 0:
        return "0"
    text = f"{v:.4f}".rstrip("0").rstrip(".")
    return text


def series(path, count):
    """The day's rows of a long-layout series: {column: [value of period 1..count]}."""
    day = [r for r in rows(path) if (int(r["Year"]), int(r["Month"]), int(r["Day"])) == DAY]
    day.sort(key=lambda r: int(r["Period"]))
    assert [int(r["Period"]) for r in day] == list(range(1, count + 1)), path
    return {c: [float(r[c]) for r in day] for c in day[0] if c not in ("Year", "Month", "Day", "Period")}


def offer_steps(g):
    pmax = float(g["PMax MW"])
    fuel = float(g["Fuel Price $/MMBTU"])
    vom = float(g["VOM"] or 0)
    points = [float(g[f"Output_pct_{k}"]) for k in range(5) if g[f"Output_pct_{k}"] not in ("", "NA")]
    prices = [float(g[f"HR_incr_{k}"]) / 1000 * fuel + vom for k in range(1, len(points))]
    steps = []
    price = -math.inf
    for k, p in enumerate(points):
        width = p * pmax if k == 0 else (p - points[k - 1]) * pmax
        price = max(price, round(prices[max(k - 1, 0)] if k > 0 else prices[0], 3))
        if width > 1e-9:
            steps.append((round(width, 4), price))
    return steps


def write(path, header, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n")
        for line in lines:
            f.write(line + "\n")


def main():
    src = os.path.join(RTS, "SourceData")
    ts = os.path.join(RTS, "timeseries")
    buses = rows(os.path.join(src, "bus.csv"))
    gens = rows(os.path.join(src, "gen.csv"))
    area_of = {b["Bus ID"]: b["Area"] for b in buses}
    load_buses = [b for b in buses if float(b["MW Load"]) > 0]

    os.makedirs(OUT, exist_ok=True)
    shutil.copyfile(os.path.join(RTS, "MATPOWER", "RTS_GMLC.m"), os.path.join(OUT, "network.m"))
    shutil.copyfile(os.path.join(RTS, "LICENSE-RTS-GMLC.txt"), os.path.join(OUT, "LICENSE-RTS-GMLC.txt"))

    # Who takes part: thermal generators and bus loads (resources.csv, shared by real time through the snapshot).
    thermal = [g for g in gens if g["Category"] in THERMAL_OWNERS and float(g["PMax MW"]) > 0]
    resources, offers = [], []
    for g in thermal:
        owner, election = THERMAL_OWNERS[g["Category"]]
        resources.append(f"{g['GEN UID']},{owner},{g['Bus ID']},generator,{election},interval")
        for k, (mw, price) in enumerate(offer_steps(g), start=1):
            offers.append(f"{g['GEN UID']},{k},{num(mw)},{num(price)}")
    for b in load_buses:
        owner, election, metering = LOAD_OWNERS[b["Area"]]
        resources.append(f"L{b['Bus ID']},{owner},{b['Bus ID']},load,{election},{metering}")

    zones = [f"Area{b['Area']},{b['Bus ID']}" for b in buses]

    # Single-branch outages of the ties between areas (each area pair stays connected through the others).
    ties = [br for br in rows(os.path.join(src, "branch.csv")) if area_of[br["From Bus"]] != area_of[br["To Bus"]]]
    contingencies = [f"tie_{br['UID']},{br['From Bus']},{br['To Bus']}" for br in ties]

    for market, count, prefix in (("da", DA_HOURS, "DAY_AHEAD"), ("rt", RT_INTERVALS, "REAL_TIME")):
        folder = os.path.join(OUT, market)
        pv_name = "REAL_TIME_pv_Jan01_only.csv" if market == "rt" else "DAY_AHEAD_pv.csv"
        rtpv_name = "REAL_TIME_rtpv_Jan01_only.csv" if market == "rt" else "DAY_AHEAD_rtpv.csv"
        load = series(os.path.join(ts, "Load", f"{prefix}_regional_Load.csv"), count)
        profiles = {}
        for name, path in (("Hydro", f"Hydro/{prefix}_hydro.csv"), ("Solar RTPV", f"RTPV/{rtpv_name}"), ("Wind", f"WIND/{prefix}_wind.csv"), ("Solar PV", f"PV/{pv_name}")):
            profiles[name] = series(os.path.join(ts, path), count)

        demand = []
        for k in range(1, count + 1):
            for b in load_buses:
                mw = load[b["Area"]][k - 1] * float(b["MW Load"]) / 2850
                demand.append(f"L{b['Bus ID']},{num(mw)},{k}")

        schedules, adjustments = [], []
        scheduled = [g for g in gens if g["Category"] in SCHEDULED]
        for k in range(1, count + 1):
            for g in scheduled:
                category = g["Category"]
                mw = profiles[category][g["GEN UID"]][k - 1]
                schedules.append(f"{g['GEN UID']},{SCHEDULED[category]},{g['Bus ID']},{num(mw)},false,{k}")
                if category in CURTAIL_PRICE and round(mw, 4) > 0:
                    adjustments.append(f"{g['GEN UID']},{g['Bus ID']},dec,1,{num(mw)},{num(CURTAIL_PRICE[category])},{k}")

        write(os.path.join(folder, "offers.csv"), "resource,segment,mw,price", offers)
        write(os.path.join(folder, "demand.csv"), "resource,mw,interval", demand)
        write(os.path.join(folder, "schedules.csv"), "schedule,participant,bus,mw,balanced,interval", schedules)
        write(os.path.join(folder, "adjustments.csv"), "schedule,bus,direction,segment,mw,price,interval", adjustments)
        if market == "da":
            # Real time takes these from the day-ahead run's market snapshot (the same resources and network model, N1).
            write(os.path.join(folder, "resources.csv"), "resource,participant,bus,kind,settlement,metering", resources)
            write(os.path.join(folder, "zones.csv"), "zone,bus", zones)
            write(os.path.join(folder, "contingencies.csv"), "contingency,from_bus,to_bus", contingencies)


if __name__ == "__main__":
    main()
