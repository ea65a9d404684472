namespace Gridclear.Market;

/// <summary>Everything a day-ahead clearing produces; written out as lmp.csv, dispatch.csv, constraints.csv, summary.json.</summary>
/// <param name="Objective">As-bid cost, $/h: offers minus bid values, including constant costs (MATPOWER's c0); excludes penalties.</param>
/// <param name="PenaltyCost">Cost of relaxed constraints at their penalty prices, $/h.</param>
/// <param name="Reference">How the energy component is referenced, in words.</param>
/// <param name="Prices">One per bus, in network order.</param>
/// <param name="Rounds">Solves of constraint generation, including the first.</param>
/// <param name="ConstraintsAdded">Security constraints added to the model, by kind.</param>
/// <param name="Notes">What a user should know: relaxed constraints, non-unique prices, contingencies not secured.</param>
/// <param name="BranchFlows">Base-case flow of every network branch, MW (network order).</param>
public sealed record DayAheadResult(
    ClearingStatus Status,
    double Objective,
    double PenaltyCost,
    string Reference,
    IReadOnlyList<BusPrice> Prices,
    IReadOnlyList<ResourceAward> Awards,
    IReadOnlyList<ScheduleAward> Schedules,
    IReadOnlyList<ConstraintResult> Constraints,
    IReadOnlyList<double> BranchFlows,
    int Rounds,
    IReadOnlyDictionary<string, int> ConstraintsAdded,
    bool PricesUnique,
    IReadOnlyList<string> Notes,
    ClearingTimings Timings,
    string Solver)
{
    /// <summary>The marginal-loss iteration (<c>--losses marginal</c>), or null in a lossless clearing.</summary>
    public LossSummary? Losses { get; init; }

    /// <summary>Reserve prices and awards (reserve_requirements.csv / reserve_offers.csv), or null without reserves.
    /// <see cref="Objective"/> then includes reserve offers less the value of the requirements bought.</summary>
    public ReserveResult? Reserves { get; init; }

    /// <summary>Simplex (or barrier) iterations over every solve of the clearing: how much work the solver did.</summary>
    public int SolverIterations { get; init; }

    /// <summary>True when the first solve started from an earlier interval's final basis (IntervalClearing).</summary>
    public bool WarmStarted { get; init; }

    /// <summary>Unserved and surplus energy by bus (empty when the balance held), in network order.</summary>
    public IReadOnlyList<EnergyRelaxation> EnergyRelaxations { get; init; } = [];
}

/// <summary>Where the time went, seconds.</summary>
public sealed record ClearingTimings(double Build, double Solve, double FlowCheck, double Pricing, double Total);
