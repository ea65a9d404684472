using System.Globalization;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Tests.Market;
using static Gridclear.Tests.RealTime.DayMarkets;

namespace Gridclear.Tests.RealTime;

/// <summary>
/// Per-bus unserved energy (issue 11) across the features that clear more than once: a day of intervals (warm starts
/// from an interval that balanced into one that is short and back), real time, and marginal losses.
/// </summary>
public sealed class ShortageIntervalTests : IDisposable
{
    private const double Penalty = 10_000;

    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-shortage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// case5's market with demand ×1.8: some intervals are short (more fixed load than the 1,530 MW offered), some
    /// are not. Each interval of the day equals a clear of it alone, unserved.csv carries the interval, summary.json
    /// the MWh over the day, and each interval's money sums to zero.
    /// </summary>
    [Fact]
    public void ShortIntervalsOfADayClearAsEachAlone()
    {
        const int intervals = 4;
        var files = Files(seed: 7, intervals, demandScale: 1.8);
        using var day = Folder(files);
        var dayOut = Path.Combine(_dir, "day");
        var (code, _, error) = ClearCli.Run("--case", Case, "--market", day.Path, "--out", dayOut);
        Assert.True(code == 0, error);
        var unserved = ReadCsv(Path.Combine(dayOut, "unserved.csv"));
        var lmp = ReadCsv(Path.Combine(dayOut, "lmp.csv"));
        var settlement = ReadCsv(Path.Combine(dayOut, "settlement.csv"));
        var shortIntervals = 0;
        for (var k = 1; k <= intervals; k++)
        {
            var key = k.ToString(CultureInfo.InvariantCulture);
            var single = new Dictionary<string, string>(files) { ["demand.csv"] = OnlyInterval(files["demand.csv"], k) };
            using var one = Folder(single);
            var oneOut = Path.Combine(_dir, $"one{k}");
            (code, _, error) = ClearCli.Run("--case", Case, "--market", one.Path, "--out", oneOut);
            Assert.True(code == 0, error);
            var oneLmp = ReadCsv(Path.Combine(oneOut, "lmp.csv"));
            var dayLmp = lmp.Where(r => r["interval"] == key).ToList();
            for (var i = 0; i < oneLmp.Count; i++)
            {
                Assert.Equal(D(oneLmp[i]["lmp"]), D(dayLmp[i]["lmp"]), 1e-6);
            }

            var dayShed = unserved.Where(r => r["interval"] == key).ToList();
            var onePath = Path.Combine(oneOut, "unserved.csv");
            if (dayShed.Count == 0)
            {
                Assert.False(File.Exists(onePath));
            }
            else
            {
                shortIntervals++;
                var oneShed = ReadCsv(onePath);
                Assert.Equal(oneShed.Select(r => r["bus"]), dayShed.Select(r => r["bus"]));
                Assert.Equal(oneShed.Sum(r => D(r["unserved_mw"])), dayShed.Sum(r => D(r["unserved_mw"])), 1e-6);

                // A bus shedding part of its load prices at the penalty; one shedding all of it, at least that.
                Assert.All(dayShed, r => Assert.True(D(r["lmp"]) >= Penalty - 1e-6, $"bus {r["bus"]} sheds at {r["lmp"]}"));
            }

            Assert.Equal(0m, settlement.Where(r => r["interval"] == key).Sum(r => M(r["amount"])));
        }

        Assert.InRange(shortIntervals, 1, intervals - 1);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dayOut, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("relaxed", root.GetProperty("status").GetString());
        Assert.Equal(unserved.Sum(r => D(r["unserved_mw"])), root.GetProperty("unserved_mwh").GetDouble(), 1e-6);
        var entries = root.GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("unserved_mwh").GetDouble(), entries.Sum(e => e.GetProperty("unserved_mw").GetDouble()), 1e-6);
    }

    /// <summary>
    /// A day ahead that balanced, a real time with twice its demand: real time sheds load where it is, prices as a clear
    /// of the real-time data alone, writes unserved.csv, and every interval's settlement sums to zero.
    /// </summary>
    [Fact]
    public void RealTimeShortageIsShedWhereTheLoadIs()
    {
        var files = Files(seed: 5, intervals: 2);
        using var daFolder = Folder(files);
        var da = Path.Combine(_dir, "da");
        var (code, _, error) = ClearCli.Run("--case", Case, "--market", daFolder.Path, "--out", da);
        Assert.True(code == 0, error);
        Assert.False(File.Exists(Path.Combine(da, "unserved.csv")));

        using var rtFolder = Folder(Files(seed: 5, intervals: 2, demandScale: 2.2));
        var outDir = Path.Combine(_dir, "rt");
        var root = new System.CommandLine.RootCommand();
        root.Subcommands.Add(RtCommand.Create(TextWriter.Null));
        var rtError = new StringWriter();
        code = CommandRunner.Invoke(root, ["rt", "--case", Case, "--market", rtFolder.Path, "--day-ahead", da, "--out", outDir], rtError);
        Assert.True(code == 0, rtError.ToString());

        var independent = Path.Combine(_dir, "independent");
        Assert.Equal(0, ClearCli.Run("--case", Case, "--market", rtFolder.Path, "--out", independent).ExitCode);
        var expected = ReadCsv(Path.Combine(independent, "unserved.csv"));
        var shed = ReadCsv(Path.Combine(outDir, "unserved.csv"));
        Assert.NotEmpty(shed);
        Assert.Equal(expected.Select(r => (r["interval"], r["bus"])), shed.Select(r => (r["interval"], r["bus"])));
        Assert.Equal(expected.Sum(r => D(r["unserved_mw"])), shed.Sum(r => D(r["unserved_mw"])), 1e-6);

        var lines = ReadCsv(Path.Combine(outDir, "settlement.csv"));
        foreach (var k in new[] { "1", "2" })
        {
            Assert.Equal(0m, lines.Where(l => l["interval"] == k).Sum(l => M(l["amount"])));
        }
    }

    /// <summary>
    /// case30 with every load ×10 under marginal losses: shed where the loads are, and the loss iteration converges
    /// (without a curvature term on the energy slacks, the shedding moved from bus to bus with each linearisation and
    /// stopped unconverged after 30). Prices stay near the penalty: within the losses' own share of it.
    /// </summary>
    [Fact]
    public void ShortageUnderMarginalLossesConverges()
    {
        var text = File.ReadAllText(Support.TestPaths.Case("case30"));
        var casePath = Path.Combine(_dir, "case30x10.m");
        File.WriteAllText(casePath, ShortageTests.ScaleLoads(text, 10));
        var outDir = Path.Combine(_dir, "losses");
        var (code, _, error) = ClearCli.Run("--case", casePath, "--out", outDir, "--losses", "marginal");
        Assert.True(code == 0, error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("relaxed", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("losses").GetProperty("converged").GetBoolean());
        Assert.True(root.GetProperty("unserved_mw").GetDouble() > 1_500);
        Assert.All(ReadCsv(Path.Combine(outDir, "lmp.csv")), r => Assert.InRange(D(r["lmp"]), 0.9 * Penalty, 1.1 * Penalty));
    }
}
