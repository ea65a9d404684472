using System.Globalization;
using System.Text.Json;
using Gridclear.Designs.FlowPaths;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.FlowPaths;

/// <summary>The files of <c>path-rights</c> (FORMATS.md 001 and README "The flow-path rights model").</summary>
public static class PathRightsWriter
{
    public static void WriteRequirements(string directory, PathRequirementResult result)
    {
        Directory.CreateDirectory(directory);
        // Streamed, numbers formatted into one buffer: 10,000 schedules on 20 paths are 200,000 rows.
        using (var writer = new StreamWriter(Path.Combine(directory, "path_requirements.csv"), false, new System.Text.UTF8Encoding(false), 1 << 20))
        {
            writer.Write("schedule,participant,path,required_mw,forgiveness_mw,scheduling_mw,class,held_mw,uncovered_mw\n");
            var buffer = new char[64];
            void Value(double v)
            {
                writer.Write(',');
                if (v == 0)
                {
                    writer.Write('0');
                }
                else if (v.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture))
                {
                    writer.Write(buffer, 0, n);
                }
                else
                {
                    writer.Write(Number(v));
                }
            }

            foreach (var r in result.Rows)
            {
                writer.Write(Text(r.Schedule));
                writer.Write(',');
                writer.Write(Text(r.Participant));
                writer.Write(',');
                writer.Write(Text(r.Path));
                Value(r.RequiredMw);
                Value(r.ForgivenessMw);
                Value(r.SchedulingMw);
                writer.Write(',');
                writer.Write(ClassName(r.Class));
                Value(r.HeldMw);
                Value(r.UncoveredMw);
                writer.Write('\n');
            }
        }

        WriteFile(
            Path.Combine(directory, "rejected_schedules.csv"),
            "schedule,participant,reason",
            result.Rejected.Select(r => $"{Text(r.Schedule)},{Text(r.Participant)},{Text(r.Reason)}"));
    }

    /// <summary>procurement.csv: the between-threshold needs the operator procures for the participant (P4).</summary>
    public static void WriteProcurement(string directory, PathRequirementResult result, IReadOnlyList<PathPrice> prices)
    {
        var priceOf = prices.ToDictionary(p => p.Path, StringComparer.Ordinal);
        WriteFile(
            Path.Combine(directory, "procurement.csv"),
            "schedule,participant,path,mw,price,cost",
            result.Rows.Where(r => r.Class == ScheduleClass.Between && r.UncoveredMw > 0 && !result.IsRejected(r.Schedule)).Select(r =>
            {
                var signed = Math.Sign(r.RequiredMw) * r.UncoveredMw;
                var price = priceOf.TryGetValue(r.Path, out var p) && Math.Sign(signed) == p.Direction ? p.ShadowPrice : 0;
                return $"{Text(r.Schedule)},{Text(r.Participant)},{Text(r.Path)},{Number(signed)},{Number(price)},{Money(Math.Round((decimal)(price * r.UncoveredMw), 2, MidpointRounding.AwayFromZero))}";
            }));
    }

    public static void WriteContractRights(string directory, IReadOnlyList<ContractRight> rights) =>
        WriteFile(
            Path.Combine(directory, "contract_rights.csv"),
            "contract,holder,path,required_mw,class,held_by",
            rights.Select(r => $"{Text(r.Contract)},{Text(r.Holder)},{Text(r.Path)},{Number(r.RequiredMw)},{ClassName(r.Class)},{Text(r.HeldBy ?? string.Empty)}"));

    public static void WriteSettlement(string directory, PathSettlement settlement) =>
        WriteFile(
            Path.Combine(directory, "path_settlement.csv"),
            "participant,charge,amount,detail",
            settlement.Lines.Select(l => $"{Text(l.Participant)},{Text(l.Charge)},{Money(l.Amount)},{Text(l.Detail)}"));

    /// <summary>path_costs.csv: each priced path's inter-zonal cost (what path-triggers reads).</summary>
    public static void WritePathCosts(string directory, PathSettlement settlement, IReadOnlyList<Designs.FlowPaths.FlowPath> paths)
    {
        var rating = paths.ToDictionary(p => p.Id, p => p.Rating, StringComparer.Ordinal);
        WriteFile(
            Path.Combine(directory, "path_costs.csv"),
            "path,rating,shadow_price,direction,uncovered_flow_mw,cost",
            settlement.PathCosts.Select(c => $"{Text(c.Path)},{Number(rating[c.Path])},{Number(c.ShadowPrice)},{c.Direction},{Number(c.UncoveredFlowMw)},{Number(c.Cost)}"));
    }

    public static void WriteSummary(string directory, IReadOnlyDictionary<string, object?> summary) =>
        File.WriteAllText(Path.Combine(directory, "summary.json"), Output.JsonValues.ToJson(summary, indented: true) + "\n", new System.Text.UTF8Encoding(false));

    public static string ClassName(ScheduleClass c) => c switch
    {
        ScheduleClass.IntraZonal => "intra_zonal",
        ScheduleClass.Forgiven => "forgiven",
        ScheduleClass.Between => "between",
        _ => "above",
    };
}
