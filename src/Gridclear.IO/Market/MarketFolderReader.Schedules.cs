using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Market;

public static partial class MarketFolderReader
{
    /// <summary>schedules.csv: a schedule is the set of rows sharing its id, one participant, one balanced flag.</summary>
    private static List<Schedule> ReadSchedules(Folder folder)
    {
        var table = folder.Table(SchedulesFile, ["schedule", "participant", "bus", "mw", "balanced"]);
        var schedules = new List<Schedule>();
        if (table is null)
        {
            return schedules;
        }

        var groups = GroupInFileOrder(table.Rows, row => table.GetString(row, "schedule"));
        foreach (var (id, rows) in groups)
        {
            var first = rows[0];
            var participant = table.GetString(first, "participant");
            var balanced = table.GetBool(first, "balanced");
            var legs = new List<ScheduleLeg>();
            var lineOfBus = new Dictionary<int, int>();
            foreach (var row in rows)
            {
                var p = table.GetString(row, "participant");
                if (p != participant)
                {
                    throw table.Error(row, $"schedule {id} is split across participants {participant} (line {first.Line}) and {p}: a schedule belongs to one participant");
                }

                var b = table.GetBool(row, "balanced");
                if (b != balanced)
                {
                    throw table.Error(row, $"schedule {id} mixes balanced={Word(balanced)} (line {first.Line}) and balanced={Word(b)}: give every row of a schedule the same flag");
                }

                var bus = folder.Bus(table, row, "bus");
                if (!lineOfBus.TryAdd(bus, row.Line))
                {
                    throw table.Error(row, $"schedule {id} has bus {bus} twice (first on line {lineOfBus[bus]}): one row per bus");
                }

                var mw = table.GetDouble(row, "mw");
                legs.Add(Checked(table, row, () => new ScheduleLeg(bus, mw)));
            }

            var net = legs.Sum(l => l.Mw);
            if (balanced && Math.Abs(net) > Schedule.BalanceToleranceMw)
            {
                throw table.Error(first, $"schedule {id} is balanced but its {legs.Count} row(s) sum to {StepRow.Text(net)} MW, not 0");
            }

            schedules.Add(Checked(table, first, () => new Schedule(id, participant, balanced, legs)));
        }

        return schedules;
    }

    /// <summary>adjustments.csv: one curve per (schedule, bus, direction), on a leg of an existing schedule.</summary>
    private static List<AdjustmentBid> ReadAdjustments(Folder folder, List<Schedule> schedules)
    {
        var table = folder.Table(AdjustmentsFile, ["schedule", "bus", "direction", "segment", "mw", "price"]);
        var adjustments = new List<AdjustmentBid>();
        if (table is null)
        {
            return adjustments;
        }

        var byId = schedules.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var groups = GroupInFileOrder(table.Rows, row =>
        {
            var id = table.GetString(row, "schedule");
            if (!byId.TryGetValue(id, out var schedule))
            {
                throw table.Error(row, $"unknown schedule {id} (not in {SchedulesFile})");
            }

            var bus = table.GetInt(row, "bus");
            if (schedule.LegAt(bus) is null)
            {
                throw table.Error(row, $"bus {bus} is not one of schedule {id}'s buses ({string.Join(", ", schedule.Legs.Select(l => l.Bus))})");
            }

            return (id, bus, table.GetEnum<AdjustmentDirection>(row, "direction"));
        });

        foreach (var ((id, bus, direction), rows) in groups)
        {
            var inc = direction == AdjustmentDirection.Inc;
            var owner = $"{(inc ? "inc" : "dec")} adjustment of schedule {id} at bus {bus}";
            var steps = StepRow.ToSteps(table, rows.Select(r => StepRow.Read(table, r, owner)).ToList(), owner, rising: inc);
            adjustments.Add(Checked(table, rows[0], () => new AdjustmentBid(id, bus, direction, steps)));
        }

        return adjustments;
    }

    private static string Word(bool value) => value ? "true" : "false";
}
