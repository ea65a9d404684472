using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Market;

public static partial class MarketFolderReader
{
    /// <summary>schedules.csv: a schedule is the set of rows sharing its id, one participant, one balanced flag, and
    /// (optional column <c>counterparty</c>, README "Market folder extensions") one counterparty for a trade.</summary>
    private static List<Schedule> ReadSchedules(Folder folder)
    {
        var table = folder.Table(InputFiles.Schedules);
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
            var counterparty = table.GetOptionalString(first, "counterparty");
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

                var c = table.GetOptionalString(row, "counterparty");
                if (c != counterparty)
                {
                    throw table.Error(row, $"schedule {id} has counterparty {c ?? "(none)"} here but {counterparty ?? "(none)"} on line {first.Line}: give every row of a schedule the same counterparty");
                }

                if (counterparty == participant)
                {
                    throw table.Error(row, $"schedule {id}: the counterparty {counterparty} is the participant itself (leave counterparty empty for an own schedule)");
                }

                var bus = folder.Bus(table, row, "bus");
                if (!lineOfBus.TryAdd(bus, row.Line))
                {
                    throw table.Error(row, $"schedule {id} has bus {bus} twice (first on line {lineOfBus[bus]}): one row per bus");
                }

                var mw = table.GetDouble(row, "mw");
                if (counterparty is not null && mw == 0)
                {
                    throw table.Error(row, $"trade {id} has 0 MW at bus {bus}: a trade's row needs a direction (mw > 0 is {participant}'s injection, mw < 0 {counterparty}'s withdrawal)");
                }

                legs.Add(table.Checked(row, () => new ScheduleLeg(bus, mw)));
            }

            var net = legs.Sum(l => l.Mw);
            if (balanced && Math.Abs(net) > Schedule.BalanceToleranceMw)
            {
                throw table.Error(first, $"schedule {id} is balanced but its {legs.Count} row(s) sum to {StepRow.Text(net)} MW, not 0");
            }

            schedules.Add(table.Checked(first, () => counterparty is null
                ? new Schedule(id, participant, balanced, legs)
                : Schedule.Trade(id, participant, counterparty, balanced, legs)));
        }

        return schedules;
    }

    /// <summary>adjustments.csv: one curve per (schedule, bus, direction), on a leg of an existing schedule.</summary>
    private static List<AdjustmentBid> ReadAdjustments(Folder folder, List<Schedule> schedules)
    {
        var table = folder.Table(InputFiles.Adjustments);
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

            // D3: who submitted the curve (optional column; required on a trade's legs): one participant per curve, the
            // owner of the leg it moves.
            var schedule = byId[id];
            var leg = schedule.OwnerOf(schedule.LegAt(bus)!);
            string? participant = null;
            for (var k = 0; k < rows.Count; k++)
            {
                var row = rows[k];
                var given = table.Has("participant") ? table.GetOptionalString(row, "participant") : null;
                if (given is null && schedule.IsTrade)
                {
                    throw table.Error(row, $"{owner}: a trade's adjustment must name its participant (the leg at bus {bus} is {leg}'s)");
                }

                if (given is not null && given != leg)
                {
                    throw table.Error(row, $"{owner}: participant {given} does not own the leg at bus {bus} ({leg} does): an adjustment moves only its participant's own side");
                }

                if (k > 0 && given != participant)
                {
                    throw table.Error(row, $"{owner}: every segment of one curve names the same participant");
                }

                participant ??= given;
            }

            adjustments.Add(table.Checked(rows[0], () => new AdjustmentBid(id, bus, direction, steps, participant)));
        }

        return adjustments;
    }

    /// <summary>
    /// portfolio.csv (<c>participant,balanced</c>, README "Market folder extensions"): <c>true</c> is a
    /// portfolio-balance instruction (D2a): the participant's adjustments over all its schedules net to zero.
    /// </summary>
    private static List<string> ReadPortfolios(Folder folder, List<Schedule> schedules)
    {
        var table = folder.Table(InputFiles.Portfolio);
        var balanced = new List<string>();
        if (table is null)
        {
            return balanced;
        }

        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var participant = table.GetString(row, "participant");
            if (!lineOf.TryAdd(participant, row.Line))
            {
                throw table.Error(row, $"participant {participant} is listed twice (first on line {lineOf[participant]})");
            }

            if (!schedules.Any(s => s.Participant == participant))
            {
                throw table.Error(row, $"participant {participant} submits no schedule in {SchedulesFile}: a portfolio-balance instruction applies to a participant's schedules");
            }

            if (table.GetBool(row, "balanced"))
            {
                balanced.Add(participant);
            }
        }

        return balanced;
    }

    private static string Word(bool value) => value ? "true" : "false";
}
