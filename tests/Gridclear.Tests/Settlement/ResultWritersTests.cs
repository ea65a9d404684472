using Gridclear.IO.Results;
using Gridclear.Settlement;

namespace Gridclear.Tests.Settlement;

public class ResultWritersTests
{
    [Fact]
    public void ZonalCsvHasContractColumnsFirstAndSixDecimalPrices()
    {
        Assert.Equal("zone,load_price,generation_price,load_basis,generation_basis", ZonalPricesCsv.Header);
        Assert.Equal(
            ["Z1,30.5,-1E-07,zonal_loads,all_generators"],
            ZonalPricesCsv.Rows([new ZonalPrice("Z1", 30.5, -0.0000001, PriceBasis.ZonalLoads, PriceBasis.AllGenerators)]));
    }

    [Fact]
    public void HubsCsv()
    {
        Assert.Equal("hub,price", HubPricesCsv.Header);
        Assert.Equal(["NP15,0.3333333333333333", "SP15,-12"], HubPricesCsv.Rows([new HubPrice("NP15", 1.0 / 3), new HubPrice("SP15", -12)]));
    }

    [Fact]
    public void SettlementCsvSortsOperatorLastAndQuotesDetail()
    {
        Assert.Equal("participant,charge,amount,detail", SettlementCsv.Header);
        var rows = SettlementCsv.Rows(
        [
            new SettlementLine(SettlementLine.Operator, Charges.Rounding, 0.01m, null),
            new SettlementLine("zeta", Charges.Energy, -1.5m, "L1, bus 3"),
            new SettlementLine("alpha", Charges.Energy, 1.49m, null),
        ]);
        Assert.Equal(["alpha,energy,1.49,", "zeta,energy,-1.50,\"L1, bus 3\"", "operator,rounding,0.01,"], rows);
    }

    [Fact]
    public void StatementsGroupByParticipantWithTotals()
    {
        var s = ParticipantStatement.FromLines(
        [
            new SettlementLine("b", Charges.Energy, 10m, "G2"),
            new SettlementLine("a", Charges.Uplift, -1m, "L1"),
            new SettlementLine("b", Charges.Energy, 5m, "G1"),
            new SettlementLine("a", Charges.Energy, -20m, "L1"),
            new SettlementLine("b", Charges.ConstrainedOn, 2.5m, "G1"),
        ]);
        Assert.Equal(["a", "b"], s.Select(x => x.Participant));
        Assert.Equal(-21m, s[0].Total);
        Assert.Equal(17.5m, s[1].Total);
        Assert.Equal([new ChargeTotal("constrained_on", 2.5m), new ChargeTotal("energy", 15m)], s[1].ByCharge);
        Assert.Equal(["G1", "G2"], s[1].Lines.Where(l => l.Charge == Charges.Energy).Select(l => l.Detail));

        var w = new StringWriter();
        StatementText.Write(w, s);
        Assert.Contains("net", w.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.005", "0.00")]
    [InlineData("0.015", "0.02")]
    [InlineData("-0.025", "-0.02")]
    [InlineData("1.23456", "1.23")]
    public void MoneyRoundsHalfToEvenAtCents(string dollars, string cents) =>
        Assert.Equal(decimal.Parse(cents, System.Globalization.CultureInfo.InvariantCulture),
            Money.ToCents(decimal.Parse(dollars, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void WritersWriteWholeFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gridclear-settlement-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var r = DayAheadSettlement.Settle(SettlementMarkets.ThreeBus());
            ZonalPricesCsv.Write(dir, r.ZonalPrices);
            HubPricesCsv.Write(dir, [new HubPrice("H", 37.5)]);
            SettlementCsv.Write(dir, r.Lines);
            Assert.Equal("A,27.5,25,zonal_loads,zonal_generators", File.ReadAllLines(Path.Combine(dir, ZonalPricesCsv.FileName))[1]);
            Assert.Equal("H,37.5", File.ReadAllLines(Path.Combine(dir, HubPricesCsv.FileName))[1]);
            var amounts = File.ReadAllLines(Path.Combine(dir, SettlementCsv.FileName)).Skip(1)
                .Select(l => decimal.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0m, amounts.Sum());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void MoneyAmountRefusesNonFinite() =>
        Assert.Throws<InvalidInputException>(() => Money.Amount(double.NaN, 1, 1, "test"));
}
