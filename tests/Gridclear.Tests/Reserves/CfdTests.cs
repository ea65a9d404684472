using Gridclear.Cli.Runs;
using Gridclear.Market;
using Gridclear.Settlement;
using Gridclear.Tests.Market;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.Reserves;

/// <summary>
/// Mitigation instruments (M2): cfds.csv settled against day-ahead prices at a bus, hub or zone, between holder and
/// counterparty, outside the operator's accounts. On the congested triangle of <see cref="ReserveMarketTests"/>
/// without its reserve files (bus prices differ, so bus, hub and zone prices are three different numbers).
/// </summary>
public sealed class CfdTests
{
    private const string Cfds =
        "cfd,holder,counterparty,location,mw,strike,kind,term_start,term_end\n" +
        "C1,Retail,PG1,3,10,40,cfd,,\n" +
        "C2,Retail,PG3,H,20,5,call_option,2027-01-01,2027-12-31\n" +
        "C3,PG2,Retail,East,5,1000,call_option,,\n" +
        "C4,PG2,PG1,1,8,25,cfd,,\n";

    private static Dictionary<string, string> Files(string cfds)
    {
        var files = new Dictionary<string, string>(ReserveMarketTests.Folder) { ["cfds.csv"] = cfds, ["hubs.csv"] = "hub,bus,weight\nH,1,0.5\nH,2,0.5\n" };
        foreach (var reserveFile in new[] { "reserve_requirements.csv", "reserve_offers.csv", "reserve_self.csv" })
        {
            files.Remove(reserveFile);
        }

        return files;
    }

    private static DayAheadRun Run(Dictionary<string, string> files, DateOnly? day = null)
    {
        using var folder = new TempFolder(files);
        var casePath = Path.Combine(folder.Path, "tri.m");
        File.WriteAllText(casePath, ReserveMarketTests.Case);
        return DayAheadRun.Execute(casePath, folder.Path, ClearingOptions.Default, day);
    }

    private static decimal Cents(double x) => Math.Round((decimal)x, 2, MidpointRounding.AwayFromZero);

    [Fact]
    public void Instruments_pay_the_price_difference_between_holder_and_counterparty()
    {
        var run = Run(Files(Cfds));
        var lmp = run.Result.Prices.ToDictionary(p => p.Bus, p => p.Lmp);
        var hub = run.Hubs.Single().Price;
        var east = run.Settlement!.ZonalPrices.Single(z => z.Zone == "East").LoadPrice;
        Assert.NotEqual(lmp[1], lmp[3]);
        Assert.Equal((lmp[1] + lmp[2]) / 2, hub, 1e-9);
        var lines = run.Settlement.Lines;
        decimal Amount(string cfd, string participant) => lines.Where(l => l.Participant == participant && l.Detail?.StartsWith(cfd + " ", StringComparison.Ordinal) == true).Sum(l => l.Amount);

        // A CFD pays (price − strike) × MW either way; a call option only when positive (C3 is out of the money).
        Assert.Equal(Cents(10 * (lmp[3] - 40)), Amount("C1", "Retail"));
        Assert.Equal(-Amount("C1", "Retail"), Amount("C1", "PG1"));
        Assert.Equal(Cents(20 * Math.Max(0, hub - 5)), Amount("C2", "Retail"));
        Assert.True(Amount("C2", "Retail") > 0);
        Assert.True(east < 1000);
        Assert.DoesNotContain(lines, l => l.Detail?.StartsWith("C3 ", StringComparison.Ordinal) == true);
        Assert.Equal(Cents(8 * (lmp[1] - 25)), Amount("C4", "PG2"));
        Assert.True(Amount("C4", "PG2") < 0, "a CFD below its strike is paid by its holder");
        Assert.All(lines.Where(l => l.Charge is CfdSettlement.CfdCharge or CfdSettlement.CallOptionCharge), l => Assert.NotEqual(SettlementLine.Operator, l.Participant));
        Assert.Equal(0m, lines.Sum(l => l.Amount));

        // The operator's accounts are those of the same market without instruments.
        var without = Run(Files("cfd,holder,counterparty,location,mw,strike,kind\n"));
        Assert.Equal(without.Settlement!.Lines.Where(l => l.Participant == SettlementLine.Operator).Sum(l => l.Amount), lines.Where(l => l.Participant == SettlementLine.Operator).Sum(l => l.Amount));
    }

    [Fact]
    public void An_instrument_settles_only_on_days_of_its_term()
    {
        bool Settles(DateOnly day) => Run(Files(Cfds), day).Settlement!.Lines.Any(l => l.Detail?.StartsWith("C2 ", StringComparison.Ordinal) == true);
        Assert.True(Settles(new DateOnly(2027, 6, 1)));
        Assert.False(Settles(new DateOnly(2028, 1, 1)));
    }

    [Theory]
    [InlineData("C9,Retail,PG1,North,10,40,cfd,,\n", "cfds.csv:6:")]
    [InlineData("C9,Retail,PG1,3,10,40,swap,,\n", "cfds.csv:6:")]
    [InlineData("C9,Retail,Retail,3,10,40,cfd,,\n", "cfds.csv:6:")]
    [InlineData("C9,Retail,PG1,3,10,40,cfd,2027-02-01,\n", "cfds.csv:6:")]
    [InlineData("C1,Retail,PG1,3,10,40,cfd,,\n", "cfds.csv:6:")]
    public void Bad_instruments_exit_2_naming_the_line(string row, string where)
    {
        using var folder = new TempFolder(Files(Cfds + row));
        var casePath = Path.Combine(folder.Path, "tri.m");
        File.WriteAllText(casePath, ReserveMarketTests.Case);
        var outDir = Path.Combine(folder.Path, "out");
        var (code, _, error) = ClearCli.Run("--case", casePath, "--market", folder.Path, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
