using Gridclear.Settlement;

namespace Gridclear.IO.Results;

/// <summary>
/// Plain-text participant statements (for a console or a <c>statements.txt</c>): per participant, a subtotal per
/// charge and the net, amounts right-aligned with 2 decimals.
/// </summary>
public static class StatementText
{
    public const string FileName = "statements.txt";

    public static void Write(TextWriter writer, IEnumerable<ParticipantStatement> statements)
    {
        foreach (var s in statements)
        {
            writer.Write($"{s.Participant}\n");
            foreach (var c in s.ByCharge)
            {
                writer.Write($"  {c.Charge,-18}{CsvText.Money(c.Amount),18}\n");
            }

            writer.Write($"  {"net",-18}{CsvText.Money(s.Total),18}\n");
        }
    }
}
