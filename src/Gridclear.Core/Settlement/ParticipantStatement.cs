namespace Gridclear.Settlement;

/// <summary>One participant's day-ahead statement: its lines, a subtotal per charge, and its net.</summary>
/// <param name="Participant">The participant (or <c>operator</c>).</param>
/// <param name="Lines">Its lines, in <see cref="SettlementLine.Order"/>.</param>
/// <param name="ByCharge">Subtotal per charge name, ordinal order of charge.</param>
/// <param name="Total">Net dollars: &gt; 0 the participant is paid, &lt; 0 it pays.</param>
public sealed record ParticipantStatement(
    string Participant,
    IReadOnlyList<SettlementLine> Lines,
    IReadOnlyList<ChargeTotal> ByCharge,
    decimal Total)
{
    /// <summary>Groups lines by participant, in <see cref="SettlementLine.Order"/> (operator last).</summary>
    public static IReadOnlyList<ParticipantStatement> FromLines(IEnumerable<SettlementLine> lines)
    {
        var sorted = SettlementLine.InOrder(lines);
        var result = new List<ParticipantStatement>();
        var i = 0;
        while (i < sorted.Count)
        {
            var who = sorted[i].Participant;
            var j = i;
            while (j < sorted.Count && sorted[j].Participant == who)
            {
                j++;
            }

            var mine = new List<SettlementLine>(j - i);
            for (var k = i; k < j; k++)
            {
                mine.Add(sorted[k]);
            }

            var byCharge = mine
                .GroupBy(l => l.Charge, StringComparer.Ordinal)
                .Select(g => new ChargeTotal(g.Key, g.Sum(l => l.Amount)))
                .OrderBy(c => c.Charge, StringComparer.Ordinal)
                .ToList();
            result.Add(new ParticipantStatement(who, mine, byCharge, mine.Sum(l => l.Amount)));
            i = j;
        }

        return result;
    }
}

/// <summary>The sum of one participant's lines of one charge.</summary>
public sealed record ChargeTotal(string Charge, decimal Amount);
