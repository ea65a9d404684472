using System.Text.Json;
using Gridclear.Tests.Market;
using static Gridclear.Tests.RealTime.DayMarkets;

namespace Gridclear.Tests.RealTime;

/// <summary><c>clear</c> over several intervals (FORMATS.md "Time"): one run on one network model equals one run per
/// interval, outputs carry <c>interval</c>, summary.json has totals and per-interval entries, money scales with the
/// interval length.</summary>
public sealed class IntervalClearTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-intervals-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Dispatch and prices of a warm-started interval equal a cold clear of it to solver round-off.</summary>
    private const double Tolerance = 1e-6;

    [Fact]
    public void EachIntervalOfADayEqualsAClearOfThatIntervalAlone()
    {
        const int intervals = 6;
        var files = Files(seed: 7, intervals);
        using var day = Folder(files);
        var dayOut = Path.Combine(_dir, "day");
        var (code, _, error) = ClearCli.Run("--case", Case, "--market", day.Path, "--out", dayOut);
        Assert.True(code == 0, error);
        var lmp = ReadCsv(Path.Combine(dayOut, "lmp.csv"));
        var dispatch = ReadCsv(Path.Combine(dayOut, "dispatch.csv"));
        var settlement = ReadCsv(Path.Combine(dayOut, "settlement.csv"));
        Assert.Equal(intervals * 5, lmp.Count);
        var distinctPrices = new HashSet<string>();
        for (var k = 1; k <= intervals; k++)
        {
            var single = new Dictionary<string, string>(files) { ["demand.csv"] = OnlyInterval(files["demand.csv"], k) };
            using var one = Folder(single);
            var oneOut = Path.Combine(_dir, $"one{k}");
            (code, _, error) = ClearCli.Run("--case", Case, "--market", one.Path, "--out", oneOut);
            Assert.True(code == 0, error);
            var key = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var oneLmp = ReadCsv(Path.Combine(oneOut, "lmp.csv"));
            Assert.DoesNotContain("interval", oneLmp[0].Keys);
            var dayLmp = lmp.Where(r => r["interval"] == key).ToList();
            Assert.Equal(oneLmp.Select(r => r["bus"]), dayLmp.Select(r => r["bus"]));
            for (var i = 0; i < oneLmp.Count; i++)
            {
                Assert.Equal(D(oneLmp[i]["lmp"]), D(dayLmp[i]["lmp"]), Tolerance);
                distinctPrices.Add(Math.Round(D(dayLmp[i]["lmp"]), 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var oneDispatch = ReadCsv(Path.Combine(oneOut, "dispatch.csv"));
            var dayDispatch = dispatch.Where(r => r["interval"] == key).ToList();
            Assert.Equal(oneDispatch.Select(r => r["resource"]), dayDispatch.Select(r => r["resource"]));
            for (var i = 0; i < oneDispatch.Count; i++)
            {
                Assert.Equal(D(oneDispatch[i]["mw"]), D(dayDispatch[i]["mw"]), Tolerance);
            }

            var oneSettlement = ReadCsv(Path.Combine(oneOut, "settlement.csv"));
            var daySettlement = settlement.Where(r => r["interval"] == key).ToList();
            Assert.InRange(daySettlement.Sum(r => Math.Abs(M(r["amount"]))) - oneSettlement.Sum(r => Math.Abs(M(r["amount"]))), -0.05m, 0.05m);
            Assert.Equal(0m, daySettlement.Sum(r => M(r["amount"])));
        }

        // The day is not the same hour six times, and prices differ by bus (congestion).
        Assert.True(distinctPrices.Count >= 6, string.Join(" ", distinctPrices));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dayOut, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(60, root.GetProperty("interval_minutes").GetDouble());
        Assert.Equal(intervals, root.GetProperty("interval_count").GetInt32());
        var entries = root.GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(intervals, entries.Count);
        Assert.Equal(entries.Sum(e => e.GetProperty("objective").GetDouble()), root.GetProperty("objective").GetDouble(), 1e-6);
        Assert.Equal(0m, root.GetProperty("settlement").GetProperty("sum_of_all_lines").GetDecimal());
    }

    [Fact]
    public void MoneyScalesWithTheIntervalLength()
    {
        var files = Files(seed: 3, intervals: 2);
        using var day = Folder(files);
        var hourly = Path.Combine(_dir, "hourly");
        var quarter = Path.Combine(_dir, "quarter");
        Assert.Equal(0, ClearCli.Run("--case", Case, "--market", day.Path, "--out", hourly).ExitCode);
        Assert.Equal(0, ClearCli.Run("--case", Case, "--market", day.Path, "--out", quarter, "--interval-minutes", "15").ExitCode);
        var a = ReadCsv(Path.Combine(hourly, "settlement.csv")).Where(r => r["charge"] == "energy").ToList();
        var b = ReadCsv(Path.Combine(quarter, "settlement.csv")).Where(r => r["charge"] == "energy").ToList();
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            // MW × $/MWh × h: a quarter hour is a quarter of the money (each rounded to the cent once).
            Assert.InRange(M(b[i]["amount"]) - (M(a[i]["amount"]) / 4), -0.01m, 0.01m);
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(quarter, "summary.json")));
        Assert.Equal(15, summary.RootElement.GetProperty("interval_minutes").GetDouble());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("x")]
    public void AnIntervalOutOfRangeIsRefusedNamingTheLine(string interval)
    {
        var files = Files(seed: 1, intervals: 2);
        files["demand.csv"] = files["demand.csv"].TrimEnd('\n') + $"\nL2,10,{interval}\n";
        using var day = Folder(files);
        var outDir = Path.Combine(_dir, "bad");
        var (code, _, error) = ClearCli.Run("--case", Case, "--market", day.Path, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("demand.csv:8:", error);
        Assert.Contains("interval", error);
        Assert.False(Directory.Exists(outDir));
    }
}
