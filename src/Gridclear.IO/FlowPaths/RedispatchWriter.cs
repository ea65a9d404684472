using Gridclear.Designs.FlowPaths;
using Gridclear.IO.Results;
using Gridclear.Market;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.FlowPaths;

/// <summary>
/// The operator's redispatch of a flow-path design run (<c>clear --design flowpath</c>): <c>redispatch.csv</c> (each
/// generator's commercial and redispatched MW and what the change is paid at its offer), <c>redispatch_constraints.csv</c>
/// (the full network's binding constraints, as constraints.csv) and the <c>redispatch</c> block of summary.json.
/// </summary>
public static class RedispatchWriter
{
    public const string FileName = "redispatch.csv";

    public const string ConstraintsFileName = "redispatch_constraints.csv";

    public const string Header = "resource,participant,bus,commercial_mw,mw,change_mw,amount";

    public static void Write(string directory, IReadOnlyList<RedispatchResult> intervals)
    {
        IntervalCsv.Write(Path.Combine(directory, FileName), Header, intervals.Select(Rows).ToList());
        IntervalCsv.Write(Path.Combine(directory, ConstraintsFileName), DayAheadWriter.ConstraintsHeader, intervals.Select(r => DayAheadWriter.ConstraintRows(r.Full)).ToList());
    }

    public static IEnumerable<string> Rows(RedispatchResult r) =>
        r.Lines.Select(l => $"{Text(l.Resource)},{Text(l.Participant ?? string.Empty)},{l.Bus},{Number(l.CommercialMw)},{Number(l.Mw)},{Number(l.ChangeMw)},{Money(l.Amount)}");

    /// <summary>summary.json's <c>redispatch</c>: cost ($, the intra-zonal and residual inter-zonal congestion cost
    /// <c>path-rights --prices</c> allocates), status of the full-network clearing, its penalty cost ($), binding
    /// constraints and generators moved, over the given intervals.</summary>
    public static IReadOnlyDictionary<string, object?> Summary(IReadOnlyList<RedispatchResult> intervals, double hours) => new SortedDictionary<string, object?>(StringComparer.Ordinal)
    {
        ["cost"] = intervals.Sum(r => r.Cost),
        ["status"] = intervals.Any(r => r.Full.Status != ClearingStatus.Optimal) ? "relaxed" : "optimal",
        ["penalty_cost"] = Math.Round(intervals.Sum(r => r.Full.PenaltyCost) * hours, 2),
        ["binding_constraints"] = intervals.Sum(r => r.Full.Constraints.Count(c => c.Kind != ConstraintKind.Balance)),
        ["generators_moved"] = intervals.Sum(r => r.Lines.Count(l => Math.Abs(l.ChangeMw) > 1e-6)),
    };
}
