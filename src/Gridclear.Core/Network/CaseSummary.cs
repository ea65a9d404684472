namespace Gridclear.Network;

/// <summary>
/// What a case holds, at a glance (the <c>case info</c> verb). "In service" follows MATPOWER's ext2int: a bus is
/// in service unless isolated (type 4); a branch when its status is on and neither end bus is isolated; a
/// generator when its status is on and its bus is not isolated.
/// </summary>
/// <param name="Name">The case name.</param>
/// <param name="BaseMva">System MVA base.</param>
/// <param name="Buses">Rows of mpc.bus.</param>
/// <param name="InServiceBuses">Buses not isolated (type ≠ 4).</param>
/// <param name="Branches">Rows of mpc.branch.</param>
/// <param name="InServiceBranches">Branches in service.</param>
/// <param name="Generators">Rows of mpc.gen.</param>
/// <param name="InServiceGenerators">Generators in service.</param>
/// <param name="TotalLoadMw">PD + GS summed over in-service buses, MW (MATPOWER's DC load).</param>
/// <param name="InServiceCapacityMw">PMAX summed over in-service generators, MW.</param>
/// <param name="LimitedBranches">In-service branches with 0 &lt; RATE_A &lt; 1e10 (others are unlimited).</param>
/// <param name="PhaseShifters">In-service branches with SHIFT ≠ 0.</param>
/// <param name="Areas">Distinct area numbers among in-service buses.</param>
/// <param name="ReferenceBuses">Ids of the type-3 buses, in case order.</param>
/// <param name="HasCosts">Whether the case has gencost.</param>
/// <param name="SkippedFields">Fields of the file that were not read (see <see cref="PowerCase.SkippedFields"/>).</param>
public sealed record CaseSummary(
    string Name,
    double BaseMva,
    int Buses,
    int InServiceBuses,
    int Branches,
    int InServiceBranches,
    int Generators,
    int InServiceGenerators,
    double TotalLoadMw,
    double InServiceCapacityMw,
    int LimitedBranches,
    int PhaseShifters,
    int Areas,
    IReadOnlyList<int> ReferenceBuses,
    bool HasCosts,
    IReadOnlyList<string> SkippedFields)
{
    /// <summary>RATE_A at or above this is treated as unlimited, like 0 (MATPOWER convention).</summary>
    public const double UnlimitedRating = 1e10;

    public static CaseSummary Of(PowerCase powerCase)
    {
        var live = new Dictionary<int, bool>(powerCase.Buses.Count);
        var areas = new HashSet<int>();
        var references = new List<int>();
        var inServiceBuses = 0;
        var load = 0.0;
        foreach (var bus in powerCase.Buses)
        {
            var inService = bus.Type != CaseBus.Isolated;
            live[bus.Id] = inService;
            if (bus.Type == CaseBus.Reference)
            {
                references.Add(bus.Id);
            }

            if (inService)
            {
                inServiceBuses++;
                load += bus.Pd + bus.Gs;
                areas.Add(bus.Area);
            }
        }

        bool IsLive(int busId) => live.TryGetValue(busId, out var on) && on;

        int inServiceBranches = 0, limited = 0, shifters = 0;
        foreach (var branch in powerCase.Branches)
        {
            if (!branch.InService || !IsLive(branch.FromBus) || !IsLive(branch.ToBus))
            {
                continue;
            }

            inServiceBranches++;
            if (branch.RateA > 0 && branch.RateA < UnlimitedRating)
            {
                limited++;
            }

            if (branch.AngleDeg != 0)
            {
                shifters++;
            }
        }

        var inServiceGenerators = 0;
        var capacity = 0.0;
        foreach (var generator in powerCase.Generators)
        {
            if (generator.InService && IsLive(generator.Bus))
            {
                inServiceGenerators++;
                capacity += generator.Pmax;
            }
        }

        return new CaseSummary(
            powerCase.Name, powerCase.BaseMva, powerCase.Buses.Count, inServiceBuses, powerCase.Branches.Count, inServiceBranches,
            powerCase.Generators.Count, inServiceGenerators, load, capacity, limited, shifters, areas.Count, references,
            powerCase.GenCosts.Count > 0, powerCase.SkippedFields ?? []);
    }
}
