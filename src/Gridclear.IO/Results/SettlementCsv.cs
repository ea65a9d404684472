using Gridclear.Settlement;

namespace Gridclear.IO.Results;

/// <summary><c>settlement.csv</c>: <c>participant,charge,amount</c> (FORMATS.md), then <c>detail</c>.
/// Lines are written in <see cref="SettlementLine.Order"/> whatever order they come in.</summary>
public static class SettlementCsv
{
    public const string FileName = "settlement.csv";

    public static void Write(TextWriter writer, IEnumerable<SettlementLine> lines)
    {
        writer.Write("participant,charge,amount,detail\n");
        foreach (var l in lines.Order(SettlementLine.Order))
        {
            writer.Write($"{CsvText.Field(l.Participant)},{CsvText.Field(l.Charge)},{CsvText.Money(l.Amount)},{CsvText.Field(l.Detail)}\n");
        }
    }

    public static void Write(string path, IEnumerable<SettlementLine> lines)
    {
        using var writer = new StreamWriter(path);
        Write(writer, lines);
    }
}
