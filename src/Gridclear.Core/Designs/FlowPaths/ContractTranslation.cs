namespace Gridclear.Designs.FlowPaths;

/// <summary>
/// Converts pre-existing contracts into path rights (001 B, P7): each contract is assessed as its holder's own
/// balanced schedule; the rights it would have to submit (between and above the thresholds) are allocated to the
/// holder; the rights below forgiveness are allocated to the holder but retained by the operator, which may release
/// them (P8).
/// </summary>
public static class ContractTranslation
{
    /// <summary>The operator as a holder of rights.</summary>
    public const string Operator = "operator";

    public static IReadOnlyList<ContractRight> Translate(
        FlowDistributionFactors factors,
        IReadOnlyDictionary<int, string> zoneOfBus,
        IReadOnlyList<PreExistingContract> contracts,
        PathThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var assessed = PathRequirements.Compute(factors, zoneOfBus, contracts.Select(c => c.AsSchedule()).ToList(), thresholds, []);
        return assessed.Rows.Select(r => new ContractRight(
            r.Schedule,
            r.Participant,
            r.Path,
            r.RequiredMw,
            r.Class,
            r.RequiredMw == 0 ? null : r.Class switch
            {
                ScheduleClass.Forgiven => Operator,
                ScheduleClass.Between or ScheduleClass.Above => r.Participant,
                _ => null,
            })).ToList();
    }

    /// <summary>The rights allocated to holders themselves: they add to the holders' path_rights.csv holdings.</summary>
    public static IEnumerable<PathRight> HolderRights(IEnumerable<ContractRight> rights) =>
        rights.Where(r => r.HeldBy is { } h && h != Operator).Select(r => new PathRight(r.Holder, r.Path, r.RequiredMw));

    /// <summary>The rights the operator retains below forgiveness, netted per path (signed MW), path order kept.</summary>
    public static IReadOnlyList<PathRight> OperatorRights(IEnumerable<ContractRight> rights) =>
        rights.Where(r => r.HeldBy == Operator)
            .GroupBy(r => r.Path)
            .Select(g => new PathRight(Operator, g.Key, g.Sum(r => r.RequiredMw)))
            .Where(r => r.Mw != 0)
            .ToList();
}
