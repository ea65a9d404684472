using System.Diagnostics;
using System.Globalization;
using Gridclear.Tests.Market;
using Gridclear.Tests.Support;
using static Gridclear.Tests.RealTime.DayMarkets;

namespace Gridclear.Tests.RealTime;

/// <summary>
/// The RTS-GMLC day (examples/rts-day): the committed folders are what scripts/make-rts-day.py writes from
/// ../shared/rts-gmlc, and the day's two commands run end to end: 24 day-ahead hours, then 288 five-minute real-time
/// intervals settled against them, each settlement summing to 0.00 in every interval.
/// </summary>
public sealed class RtsDayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-rts-day-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example => Path.Combine(TestPaths.RepoRoot, "examples", "rts-day");

    [Fact]
    public void The_committed_day_is_what_the_script_writes()
    {
        var rebuilt = Path.Combine(_dir, "rebuilt");
        var start = new ProcessStartInfo("python3", [Path.Combine(TestPaths.RepoRoot, "scripts", "make-rts-day.py"), Path.Combine(TestPaths.Shared, "rts-gmlc"), rebuilt]) { RedirectStandardError = true };
        using (var process = Process.Start(start)!)
        {
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
        }

        var committed = Directory.GetFiles(Example, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Example, f)).Order(StringComparer.Ordinal).ToList();
        var written = Directory.GetFiles(rebuilt, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(rebuilt, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(committed, written);
        foreach (var file in committed)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Example, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(rebuilt, file))), $"{file} differs from what the script writes");
        }
    }

    [Fact]
    public void The_day_ahead_then_real_time_run_and_each_settlement_sums_to_zero_in_every_interval()
    {
        var network = Path.Combine(Example, "network.m");
        var da = Path.Combine(_dir, "da");
        var (code, _, error) = ClearCli.Run("--case", network, "--market", Path.Combine(Example, "da"), "--out", da);
        Assert.True(code == 0, error);
        var rt = Path.Combine(_dir, "rt");
        (code, error) = TwoSettlementTests.Rt("--case", network, "--market", Path.Combine(Example, "rt"), "--day-ahead", da, "--interval-minutes", "5", "--out", rt);
        Assert.True(code == 0, error);

        var daLines = ReadCsv(Path.Combine(da, "settlement.csv"));
        var rtLines = ReadCsv(Path.Combine(rt, "settlement.csv"));
        Assert.Equal(24, daLines.Select(l => l["interval"]).Distinct().Count());
        Assert.Equal(288, rtLines.Select(l => l["interval"]).Distinct().Count());
        Assert.All(daLines.GroupBy(l => l["interval"]), g => Assert.Equal(0m, g.Sum(l => M(l["amount"]))));
        Assert.All(rtLines.GroupBy(l => l["interval"]), g => Assert.Equal(0m, g.Sum(l => M(l["amount"]))));

        // Real-time interval p falls in day-ahead hour ceil(p / 12); the load moved from the forecast.
        var deviations = ReadCsv(Path.Combine(rt, "deviations.csv"));
        Assert.All(deviations, d => Assert.Equal((int.Parse(d["interval"], CultureInfo.InvariantCulture) + 11) / 12, int.Parse(d["day_ahead_interval"], CultureInfo.InvariantCulture)));
        Assert.Contains(deviations, d => d["kind"] == "load" && Math.Abs(D(d["deviation_mw"])) > 1);
        Assert.Contains(deviations, d => d["basis"].StartsWith("zone Area3", StringComparison.Ordinal));
        Assert.Contains(rtLines, l => l["charge"] == "rt_usage" && M(l["amount"]) != 0);
    }
}
