using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Settlement;

namespace Gridclear.Tests.Settlement;

/// <summary>The console's settlement table: every participant of a small market, the largest accounts of a big one.</summary>
public class ConsoleStatementTableTests
{
    private static string Render(int participants)
    {
        // Participant p is paid p dollars for energy; the operator pays the sum, so the run nets to 0.
        var lines = Enumerable.Range(1, participants)
            .Select(p => new SettlementLine($"p{p:D3}", Charges.Energy, p, null))
            .Append(new SettlementLine(SettlementLine.Operator, Charges.CongestionRent, -participants * (participants + 1) / 2m, null))
            .ToList();
        var text = new StringWriter();
        Consoles.For(text).Write(ClearCommand.StatementTable(lines));
        return text.ToString();
    }

    [Fact]
    public void A_small_market_shows_every_participant()
    {
        var text = Render(10);

        Assert.All(Enumerable.Range(1, 10), p => Assert.Contains($"p{p:D3}", text, StringComparison.Ordinal));
        Assert.DoesNotContain("more (settlement.csv)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_big_market_shows_the_largest_nets_and_the_operator_and_totals_everyone()
    {
        var text = Render(100);

        // 29 participants with the largest nets (p072 … p100) and the operator; the other 71 are counted.
        Assert.Contains("p072", text, StringComparison.Ordinal);
        Assert.Contains("p100", text, StringComparison.Ordinal);
        Assert.DoesNotContain("p071", text, StringComparison.Ordinal);
        Assert.Contains(SettlementLine.Operator, text, StringComparison.Ordinal);
        Assert.Contains("… 71 more (settlement.csv)", text, StringComparison.Ordinal);

        // The total row sums all 100: energy 5,050.00, the operator's -5,050.00, net 0.00.
        var total = text.Split('\n').Single(l => l.Contains("Total", StringComparison.Ordinal));
        Assert.Contains("5,050.00", total, StringComparison.Ordinal);
        Assert.Contains("-5,050.00", total, StringComparison.Ordinal);
        Assert.Contains("0.00", total, StringComparison.Ordinal);
    }
}
