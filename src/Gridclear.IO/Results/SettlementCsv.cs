using Gridclear.Settlement;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Results;

/// <summary><c>settlement.csv</c>: <c>participant,charge,amount</c> (FORMATS.md), then <c>detail</c>; amounts with 2
/// decimals. Lines are written in <see cref="SettlementLine.Order"/> whatever order they come in.</summary>
public static class SettlementCsv
{
    public const string FileName = "settlement.csv";

    public const string Header = "participant,charge,amount,detail";

    public static IEnumerable<string> Rows(IEnumerable<SettlementLine> lines) =>
        SettlementLine.InOrder(lines).Select(l => $"{Text(l.Participant)},{Text(l.Charge)},{Money(l.Amount)},{Text(l.Detail ?? string.Empty)}");

    public static void Write(string directory, IEnumerable<SettlementLine> lines) =>
        WriteFile(Path.Combine(directory, FileName), Header, Rows(lines));
}
