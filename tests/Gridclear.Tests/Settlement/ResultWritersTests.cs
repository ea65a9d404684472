using Gridclear.IO.Results;
using Gridclear.Settlement;

namespace Gridclear.Tests.Settlement;

public class ResultWritersTests
{
    [Fact]
    public void ZonalCsvHasContractColumnsFirstAndSixDecimalPrices()
    {
        var w = new StringWriter();
        ZonalPricesCsv.Write(w, [new ZonalPrice("Z1", 30.5, -0.0000001, PriceBasis.ZonalLoads, PriceBasis.AllGenerators)]);
        Assert.Equal(
            "zone,load_price,generation_price,load_basis,generation_basis\nZ1,30.500000,0.000000,zonal_loads,all_generators\n",
            w.ToString());
    }

    [Fact]
    public void HubsCsv()
    {
        var w = new StringWriter();
        HubPricesCsv.Write(w, [new HubPrice("NP15", 1.0 / 3), new HubPrice("SP15", -12)]);
        Assert.Equal("hub,price\nNP15,0.333333\nSP15,-12.000000\n", w.ToString());
    }

    [Fact]
    public void SettlementCsvSortsOperatorLastAndQuotesDetail()
    {
        var w = new StringWriter();
        SettlementCsv.Write(w,
        [
            new SettlementLine(SettlementLine.Operator, Charges.Rounding, 0.01m, null),
            new SettlementLine("zeta", Charges.Energy, -1.5m, "L1, bus 3"),
            new SettlementLine("alpha", Charges.Energy, 1.49m, null),
        ]);
        Assert.Equal(
            "participant,charge,amount,detail\nalpha,energy,1.49,\nzeta,energy,-1.50,\"L1, bus 3\"\noperator,rounding,0.01,\n",
            w.ToString());
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
    public void MoneyAmountRefusesNonFinite() =>
        Assert.Throws<InvalidInputException>(() => Money.Amount(double.NaN, 1, 1, "test"));
}
