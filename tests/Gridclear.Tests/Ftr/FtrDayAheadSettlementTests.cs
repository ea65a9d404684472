using System.CommandLine;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Ftr;

/// <summary>A day-ahead run whose market folder holds ftrs.csv settles them (F2) and reports revenue adequacy (F7).</summary>
public sealed class FtrDayAheadSettlementTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-ftrda-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Case5SettlesFtrsAgainstTheCongestionRent()
    {
        var market = Path.Combine(_dir, "market");
        Directory.CreateDirectory(market);
        File.WriteAllText(Path.Combine(market, "ftrs.csv"), "ftr,holder,source,sink,mw,kind\nF1,alta,5,4,300,obligation\nF2,bob,4,5,50,obligation\nF3,carl,1,4,100,option\n");
        var root = new RootCommand();
        root.Subcommands.Add(ClearCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        var outDir = Path.Combine(_dir, "out");
        var code = CommandRunner.Invoke(root, ["clear", "--case", TestPaths.Case("case5"), "--market", market, "--out", outDir], error);
        Assert.True(code == 0, error.ToString());

        var lines = File.ReadAllLines(Path.Combine(outDir, "ftr_settlement.csv"));
        Assert.Equal("ftr,holder,kind,mw,source_price,sink_price,amount,target,settle_at", lines[0]);
        Assert.StartsWith("F1,alta,obligation,300,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",8982.82,8982.82,bus", lines[1], StringComparison.Ordinal); // 300 × (39.943 − 10.000)
        Assert.EndsWith(",-1497.14,-1497.14,bus", lines[2], StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var ftr = summary.RootElement.GetProperty("ftr");
        Assert.Equal(240 * 62.322, ftr.GetProperty("congestion_rent").GetDouble(), 0.5); // the known 4-5 shadow price
        Assert.True(ftr.GetProperty("adequate").GetBoolean());
        Assert.Equal(1, ftr.GetProperty("funding_ratio").GetDouble());
    }
}
