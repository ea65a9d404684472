namespace Gridclear.Settlement;

/// <summary>
/// One line of a settlement statement (a row of <c>settlement.csv</c>).
/// </summary>
/// <param name="Participant">Who is paid or pays; <see cref="SettlementLine.Operator"/> for the operator's own accounts.</param>
/// <param name="Charge">What for: one of the <see cref="Charges"/> names (others, e.g. <c>ftr</c>, come from other modules).</param>
/// <param name="Amount">Dollars, in cents: &gt; 0 paid TO the participant, &lt; 0 paid BY it (FORMATS.md).</param>
/// <param name="Detail">Optional human-readable origin: the resource or schedule, MWh and price.</param>
public sealed record SettlementLine(string Participant, string Charge, decimal Amount, string? Detail)
{
    /// <summary>The participant name of the operator's own accounts.</summary>
    public const string Operator = "operator";

    public string Participant { get; } = !string.IsNullOrWhiteSpace(Participant)
        ? Participant
        : throw new ArgumentException("a settlement line needs a participant", nameof(Participant));

    public string Charge { get; } = !string.IsNullOrWhiteSpace(Charge)
        ? Charge
        : throw new ArgumentException("a settlement line needs a charge", nameof(Charge));

    /// <summary>
    /// The order of lines in every output: participants by ordinal name with the operator last, then charge,
    /// then detail, then amount: a total order, so outputs never depend on the order lines were produced in.
    /// </summary>
    public static IComparer<SettlementLine> Order { get; } = Comparer<SettlementLine>.Create(Compare);

    /// <summary>The lines in <see cref="Order"/>: as they are when they already are (a settlement's lines are sorted
    /// once; statements and files used to sort 14,000 reserve-market lines again each), otherwise sorted.</summary>
    public static IReadOnlyList<SettlementLine> InOrder(IEnumerable<SettlementLine> lines)
    {
        var list = lines as IReadOnlyList<SettlementLine> ?? [.. lines];
        for (var i = 1; i < list.Count; i++)
        {
            if (Compare(list[i - 1], list[i]) > 0)
            {
                return [.. list.Order(Order)];
            }
        }

        return list;
    }

    private static int Compare(SettlementLine? a, SettlementLine? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return -1;
        }

        if (b is null)
        {
            return 1;
        }

        var c = (a.Participant == Operator).CompareTo(b.Participant == Operator);
        if (c == 0) c = string.CompareOrdinal(a.Participant, b.Participant);
        if (c == 0) c = string.CompareOrdinal(a.Charge, b.Charge);
        if (c == 0) c = string.CompareOrdinal(a.Detail, b.Detail);
        if (c == 0) c = a.Amount.CompareTo(b.Amount);
        return c;
    }
}
