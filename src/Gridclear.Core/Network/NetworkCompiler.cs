using System.Globalization;
using System.Text;

namespace Gridclear.Network;

/// <summary>
/// Turns a MATPOWER <see cref="PowerCase"/> into the contiguous, in-service <see cref="Network"/> (MATPOWER's
/// ext2int plus its DC conventions, shared/reference/README.md):
/// <list type="bullet">
/// <item>b = 1/(x·tap), TAP 0 meaning 1, negative x used as given, zero x refused; SHIFT in radians.</item>
/// <item>Out-of-service branches and generators are dropped; isolated buses (type 4) are dropped with every
/// branch and generator attached to them.</item>
/// <item>Bus load = PD + GS (the shunt's MW at 1 p.u. counts as load).</item>
/// <item>RATE_A 0 or ≥ 1e10 means unlimited (+∞); negative is refused.</item>
/// <item>ANGMIN/ANGMAX: each side is unconstrained (∓∞) when it is 0 or beyond ∓360° (MATPOWER's makeAang).</item>
/// <item>Reference = the first type-3 bus.</item>
/// <item>Islands (components over in-service branches): dead islands (no generation, no load) are dropped and
/// reported; any other live island besides the reference's is refused, because the network model is one
/// synchronous system with one reference.</item>
/// </list>
/// </summary>
public static class NetworkCompiler
{
    /// <summary>RATE_A at or above this means "no limit" (MATPOWER treats 0 and ≥ 1e10 alike).</summary>
    public const double UnlimitedRating = 1e10;

    private const int MaxBusesNamed = 12;

    public static CompiledNetwork Compile(PowerCase powerCase)
    {
        var source = powerCase.Source ?? (string.IsNullOrEmpty(powerCase.Name) ? "case" : powerCase.Name);
        if (!(powerCase.BaseMva > 0) || double.IsInfinity(powerCase.BaseMva))
        {
            throw new InvalidInputException(source, null, $"baseMVA must be positive; got {Format(powerCase.BaseMva)}");
        }

        var notes = new List<string>();
        var buses = powerCase.Buses;
        var rowOfBus = new Dictionary<int, int>(buses.Count);
        for (var i = 0; i < buses.Count; i++)
        {
            var bus = buses[i];
            if (!rowOfBus.TryAdd(bus.Id, i))
            {
                throw new InvalidInputException(source, Line(bus.SourceLine), $"bus {bus.Id} appears twice (bus rows {rowOfBus[bus.Id] + 1} and {i + 1})");
            }

            if (bus.Type is < 1 or > 4)
            {
                throw new InvalidInputException(source, Line(bus.SourceLine), $"bus {bus.Id}: type {bus.Type} is not 1 (PQ), 2 (PV), 3 (reference) or 4 (isolated)");
            }

            if (!double.IsFinite(bus.Pd) || !double.IsFinite(bus.Gs))
            {
                throw new InvalidInputException(source, Line(bus.SourceLine), $"bus {bus.Id}: PD and GS must be finite");
            }

            if ((InputLimits.Beyond(bus.Pd, InputLimits.MaxMw, "PD", "MW") ?? InputLimits.Beyond(bus.Gs, InputLimits.MaxMw, "GS", "MW")) is { } beyond)
            {
                throw new InvalidInputException(source, Line(bus.SourceLine), $"bus {bus.Id}: {beyond}");
            }
        }

        var live = new bool[buses.Count];
        var isolated = new List<int>();
        for (var i = 0; i < buses.Count; i++)
        {
            live[i] = buses[i].Type != CaseBus.Isolated;
            if (!live[i])
            {
                isolated.Add(buses[i].Id);
            }
        }

        if (isolated.Count > 0)
        {
            notes.Add($"{isolated.Count} isolated (type 4) bus(es) dropped: {NameBuses(isolated)}");
        }

        // Branches: in service, between non-isolated buses.
        var keptBranches = new List<(int Row, int From, int To)>();
        var droppedAtIsolated = 0;
        var outOfService = 0;
        for (var k = 0; k < powerCase.Branches.Count; k++)
        {
            var br = powerCase.Branches[k];
            // Formatted only for a message: building it for each of 20,000 good branches cost more than the checks.
            string Where() => $"branch row {k + 1} ({br.FromBus}-{br.ToBus})";
            if (!rowOfBus.TryGetValue(br.FromBus, out var f) || !rowOfBus.TryGetValue(br.ToBus, out var t))
            {
                throw new InvalidInputException(source, Line(br.SourceLine), $"{Where()}: bus {(rowOfBus.ContainsKey(br.FromBus) ? br.ToBus : br.FromBus)} is not in the bus table");
            }

            if (!br.InService)
            {
                outOfService++;
                continue;
            }

            if (!live[f] || !live[t])
            {
                droppedAtIsolated++;
                continue;
            }

            if (br.X == 0 || !double.IsFinite(br.X))
            {
                throw new InvalidInputException(source, Line(br.SourceLine), $"{Where()}: reactance x is {Format(br.X)}; a DC model needs a finite, non-zero x");
            }

            if (!double.IsFinite(br.Ratio) || !double.IsFinite(br.AngleDeg))
            {
                throw new InvalidInputException(source, Line(br.SourceLine), $"{Where()}: TAP and SHIFT must be finite");
            }

            // MATPOWER uses any tap as given; a negative ratio has no physical meaning (it flips the branch's
            // susceptance), so it is refused rather than silently turned into a negative reactance.
            if (br.Ratio < 0)
            {
                throw new InvalidInputException(source, Line(br.SourceLine), $"{Where()}: TAP is {Format(br.Ratio)}; a transformer's off-nominal ratio is positive (0 means 1)");
            }

            if (!double.IsFinite(1.0 / (br.X * (br.Ratio == 0 ? 1.0 : br.Ratio))))
            {
                throw new InvalidInputException(source, Line(br.SourceLine), $"{Where()}: x·TAP = {Format(br.X * br.Ratio)} is too small for a finite susceptance");
            }

            if (br.RateA < 0 || double.IsNaN(br.RateA))
            {
                throw new InvalidInputException(source, Line(br.SourceLine), $"{Where()}: RATE_A is {Format(br.RateA)}; use 0 for no limit");
            }

            keptBranches.Add((k, f, t));
        }

        if (outOfService > 0)
        {
            notes.Add($"{outOfService} out-of-service branch(es) dropped");
        }

        if (droppedAtIsolated > 0)
        {
            notes.Add($"{droppedAtIsolated} branch(es) at isolated buses dropped");
        }

        // Generators: in service, at non-isolated buses.
        var keptGenerators = new List<(int Row, int Bus)>();
        var gensAtIsolated = 0;
        var gensOut = 0;
        for (var g = 0; g < powerCase.Generators.Count; g++)
        {
            var gen = powerCase.Generators[g];
            if (!rowOfBus.TryGetValue(gen.Bus, out var b))
            {
                throw new InvalidInputException(source, Line(gen.SourceLine), $"generator row {g + 1}: bus {gen.Bus} is not in the bus table");
            }

            if (!gen.InService)
            {
                gensOut++;
                continue;
            }

            if (!live[b])
            {
                gensAtIsolated++;
                continue;
            }

            if (!double.IsFinite(gen.Pg) || !double.IsFinite(gen.Pmin) || !double.IsFinite(gen.Pmax))
            {
                throw new InvalidInputException(source, Line(gen.SourceLine), $"generator row {g + 1} (bus {gen.Bus}): PG, PMIN and PMAX must be finite");
            }

            if ((InputLimits.Beyond(gen.Pg, InputLimits.MaxMw, "PG", "MW")
                ?? InputLimits.Beyond(gen.Pmin, InputLimits.MaxMw, "PMIN", "MW")
                ?? InputLimits.Beyond(gen.Pmax, InputLimits.MaxMw, "PMAX", "MW")) is { } beyond)
            {
                throw new InvalidInputException(source, Line(gen.SourceLine), $"generator row {g + 1} (bus {gen.Bus}): {beyond}");
            }

            if (powerCase.GenCosts.Count >= powerCase.Generators.Count && CostProblem(powerCase.GenCosts[g]) is { } costProblem)
            {
                throw new InvalidInputException(source, Line(powerCase.GenCosts[g].SourceLine), $"gencost row {g + 1} (generator at bus {gen.Bus}): {costProblem}");
            }

            keptGenerators.Add((g, b));
        }

        if (gensOut > 0)
        {
            notes.Add($"{gensOut} out-of-service generator(s) dropped");
        }

        if (gensAtIsolated > 0)
        {
            notes.Add($"{gensAtIsolated} generator(s) at isolated buses dropped");
        }

        // Islands: union-find over live buses and kept branches; islands ordered by their first bus row.
        var parent = new int[buses.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        foreach (var (_, f, t) in keptBranches)
        {
            var rf = Find(parent, f);
            var rt = Find(parent, t);
            if (rf != rt)
            {
                // The smaller row becomes the root so the root is the island's first bus row.
                if (rf < rt)
                {
                    parent[rt] = rf;
                }
                else
                {
                    parent[rf] = rt;
                }
            }
        }

        var islandOfRoot = new Dictionary<int, int>();
        var islandRows = new List<List<int>>();
        var islandOfBusRow = new int[buses.Count];
        for (var i = 0; i < buses.Count; i++)
        {
            if (!live[i])
            {
                islandOfBusRow[i] = -1;
                continue;
            }

            var root = Find(parent, i);
            if (!islandOfRoot.TryGetValue(root, out var island))
            {
                island = islandRows.Count;
                islandOfRoot.Add(root, island);
                islandRows.Add(new List<int>());
            }

            islandRows[island].Add(i);
            islandOfBusRow[i] = island;
        }

        var hasGeneration = new bool[islandRows.Count];
        foreach (var (_, b) in keptGenerators)
        {
            hasGeneration[islandOfBusRow[b]] = true;
        }

        var referenceRow = -1;
        var referenceCount = 0;
        for (var i = 0; i < buses.Count; i++)
        {
            if (live[i] && buses[i].Type == CaseBus.Reference)
            {
                referenceCount++;
                if (referenceRow < 0)
                {
                    referenceRow = i;
                }
            }
        }

        if (referenceRow < 0)
        {
            throw new InvalidInputException(source, null, "no reference bus: no in-service bus has type 3");
        }

        var islands = new List<Island>(islandRows.Count);
        var referenceIsland = islandOfBusRow[referenceRow];
        for (var s = 0; s < islandRows.Count; s++)
        {
            var rows = islandRows[s];
            var firstRef = rows.FirstOrDefault(r => buses[r].Type == CaseBus.Reference, -1);
            var hasLoad = rows.Any(r => buses[r].Pd + buses[r].Gs != 0);
            islands.Add(new Island(rows.Select(r => buses[r].Id).ToArray(), firstRef < 0 ? null : buses[firstRef].Id, hasGeneration[s], hasLoad, s == referenceIsland));
        }

        var secondLive = islands.Where((isl, s) => s != referenceIsland && !isl.IsDead).ToList();
        if (secondLive.Count > 0)
        {
            throw new InvalidInputException(source, null, DescribeIslands(islands, referenceIsland));
        }

        var dead = islands.Where((_, s) => s != referenceIsland).ToList();
        if (dead.Count > 0)
        {
            notes.Add($"{dead.Count} dead island(s) without generation or load dropped: {string.Join("; ", dead.Select(d => NameBuses(d.BusIds)))}");
        }

        if (referenceCount > 1)
        {
            notes.Add($"{referenceCount} type-3 buses; bus {buses[referenceRow].Id} (the first) is the reference");
        }

        // Internal numbering: kept buses in case order.
        var keptRows = islandRows[referenceIsland];
        var indexOfRow = new int[buses.Count];
        Array.Fill(indexOfRow, -1);
        for (var i = 0; i < keptRows.Count; i++)
        {
            indexOfRow[keptRows[i]] = i;
        }

        var busIds = new int[keptRows.Count];
        var loads = new double[keptRows.Count];
        var areas = new int[keptRows.Count];
        string[]? names = powerCase.BusNames is { } allNames && allNames.Count == buses.Count ? new string[keptRows.Count] : null;
        for (var i = 0; i < keptRows.Count; i++)
        {
            var bus = buses[keptRows[i]];
            busIds[i] = bus.Id;
            loads[i] = bus.Pd + bus.Gs;
            areas[i] = bus.Area;
            if (names is not null)
            {
                names[i] = powerCase.BusNames![keptRows[i]];
            }
        }

        var branches = new List<NetworkBranch>(keptBranches.Count);
        foreach (var (row, f, t) in keptBranches)
        {
            if (indexOfRow[f] < 0)
            {
                continue; // in a dropped dead island
            }

            var br = powerCase.Branches[row];
            var tap = br.Ratio == 0 ? 1.0 : br.Ratio;
            var rating = br.RateA == 0 || br.RateA >= UnlimitedRating ? double.PositiveInfinity : br.RateA;
            branches.Add(new NetworkBranch(
                row, indexOfRow[f], indexOfRow[t], 1.0 / (br.X * tap), rating, Radians(br.AngleDeg),
                br.AngMinDeg == 0 || br.AngMinDeg <= -360 ? double.NegativeInfinity : Radians(br.AngMinDeg),
                br.AngMaxDeg == 0 || br.AngMaxDeg >= 360 ? double.PositiveInfinity : Radians(br.AngMaxDeg),
                br.R));
        }

        // MATPOWER may carry a second block of gencost rows for reactive power: the first ng rows are real power.
        var costs = powerCase.GenCosts.Count >= powerCase.Generators.Count ? powerCase.GenCosts : null;
        var generators = new List<NetworkGenerator>(keptGenerators.Count);
        foreach (var (row, b) in keptGenerators)
        {
            if (indexOfRow[b] < 0)
            {
                continue;
            }

            var gen = powerCase.Generators[row];
            generators.Add(new NetworkGenerator(row, indexOfRow[b], gen.Pmin, gen.Pmax, gen.Pg, costs?[row], gen.SourceLine));
        }

        var network = new Network(
            powerCase.Name, powerCase.BaseMva, busIds, loads, areas, branches, generators, indexOfRow[referenceRow], names)
        {
            Source = source,
        };

        // Kept island first, then the dropped ones in case order.
        var ordered = new List<Island> { islands[referenceIsland] };
        ordered.AddRange(dead);
        return new CompiledNetwork(network, ordered, notes, buses[referenceRow].Va);
    }

    private static string DescribeIslands(List<Island> islands, int referenceIsland)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{islands.Count} islands: ");
        for (var s = 0; s < islands.Count; s++)
        {
            var isl = islands[s];
            if (s > 0)
            {
                text.Append("; ");
            }

            text.Append(CultureInfo.InvariantCulture, $"island {s + 1} (buses {NameBuses(isl.BusIds)}; ");
            text.Append(isl.ReferenceBusId is { } r ? $"reference bus {r}" : "no reference bus");
            text.Append(isl.HasGeneration ? ", generation" : ", no generation");
            text.Append(isl.HasLoad ? ", load)" : ", no load)");
        }

        text.Append(CultureInfo.InvariantCulture,
            $". The network model is one synchronous system with reference bus {islands[referenceIsland].ReferenceBusId}: connect the islands, or take the other live islands out of service (bus type 4)");
        return text.ToString();
    }

    private static string NameBuses(IReadOnlyList<int> ids) =>
        ids.Count <= MaxBusesNamed
            ? string.Join(", ", ids)
            : string.Join(", ", ids.Take(MaxBusesNamed)) + $", … ({ids.Count} buses)";

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static int? Line(int sourceLine) => sourceLine > 0 ? sourceLine : null;

    /// <summary>
    /// A cost beyond the input limits (README "Input limits"), or null: polynomial coefficients of P^k (k ≥ 1) within
    /// ±<see cref="InputLimits.MaxPrice"/> and the constant within ±<see cref="InputLimits.MaxCost"/>; piecewise-linear
    /// points within ±<see cref="InputLimits.MaxMw"/> MW and ±<see cref="InputLimits.MaxCost"/> $/h, each slope within
    /// ±<see cref="InputLimits.MaxPrice"/>. With P ≤ 1e7 MW the cost then stays below about 1e20 $/h, finite and within
    /// what the solver takes.
    /// </summary>
    private static string? CostProblem(CaseGenCost cost)
    {
        var p = cost.Parameters;
        foreach (var v in p)
        {
            if (!double.IsFinite(v))
            {
                return "every cost parameter must be a finite number";
            }
        }

        // Each limit is checked before its message is made: this runs for every generator of the case.

        if (cost.Model == CostModel.Polynomial)
        {
            for (var k = 0; k < p.Count; k++)
            {
                var power = p.Count - 1 - k;
                if (Math.Abs(p[k]) > (power == 0 ? InputLimits.MaxCost : InputLimits.MaxPrice))
                {
                    return power == 0
                        ? InputLimits.Beyond(p[k], InputLimits.MaxCost, "the constant cost", "$/h")
                        : InputLimits.Beyond(p[k], InputLimits.MaxPrice, $"the coefficient of P^{power}", power == 1 ? "$/MWh" : $"$/MW^{power}h");
                }
            }
        }
        else if (cost.Model == CostModel.PiecewiseLinear)
        {
            for (var k = 0; k + 1 < p.Count; k += 2)
            {
                if (Math.Abs(p[k]) > InputLimits.MaxMw)
                {
                    return InputLimits.Beyond(p[k], InputLimits.MaxMw, $"point {(k / 2) + 1}'s MW", "MW");
                }

                if (Math.Abs(p[k + 1]) > InputLimits.MaxCost)
                {
                    return InputLimits.Beyond(p[k + 1], InputLimits.MaxCost, $"point {(k / 2) + 1}'s cost", "$/h");
                }

                var slope = k >= 2 && p[k] > p[k - 2] ? (p[k + 1] - p[k - 1]) / (p[k] - p[k - 2]) : 0;
                if (Math.Abs(slope) > InputLimits.MaxPrice)
                {
                    return InputLimits.Beyond(slope, InputLimits.MaxPrice, $"the slope from point {k / 2} to {(k / 2) + 1}", "$/MWh");
                }
            }
        }

        return null;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180.0;

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
