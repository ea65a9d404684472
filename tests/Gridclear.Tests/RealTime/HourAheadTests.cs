using System.Globalization;
using System.Text;
using System.Text.Json;
using Gridclear.Tests.Market;
using static Gridclear.Tests.RealTime.DayMarkets;

namespace Gridclear.Tests.RealTime;

/// <summary>
/// The hour-ahead iteration (R4, <c>rt --hour-ahead DIR</c>) between the day ahead and real time, settled as deviations
/// from the day ahead, real time then settling against it; and the activity rule (<c>--activity-rule</c>, seed 002):
/// per hour, the iteration with the lower as-bid cost stands.
/// </summary>
public sealed class HourAheadTests : IDisposable
{
    /// <summary>$: one rounding to the cent per line.</summary>
    private const decimal Cent = 0.01m;

    private const int Hours = 3;

    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-hour-ahead-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Clear(Dictionary<string, string> files, string name)
    {
        using var folder = Folder(files);
        var outDir = Path.Combine(_dir, name);
        var (code, _, error) = ClearCli.Run("--case", Case, "--market", folder.Path, "--out", outDir);
        Assert.True(code == 0, error);
        return outDir;
    }

    private string RealTime(Dictionary<string, string> rt, Dictionary<string, string>? ha, string dayAhead, string name, params string[] extra)
    {
        using var rtFolder = Folder(rt);
        using var haFolder = ha is null ? null : Folder(ha);
        var outDir = Path.Combine(_dir, name);
        string[] args = ["--case", Case, "--market", rtFolder.Path, "--day-ahead", dayAhead, "--out", outDir, .. extra];
        if (haFolder is not null)
        {
            args = [.. args, "--hour-ahead", haFolder.Path];
        }

        var (code, error) = TwoSettlementTests.Rt(args);
        Assert.True(code == 0, error);
        return outDir;
    }

    private static Dictionary<(string Interval, string Resource), double> Mw(string dir) =>
        ReadCsv(Path.Combine(dir, "dispatch.csv")).ToDictionary(r => (r["interval"], r["resource"]), r => D(r["mw"]));

    private static string Key(int k) => k.ToString(CultureInfo.InvariantCulture);

    /// <summary>Offers of every interval 1..<paramref name="count"/>, interval k's prices times <paramref name="scale"/>(k).</summary>
    private static string OffersByInterval(string offers, int count, Func<int, double> scale)
    {
        var lines = offers.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(lines[0] + ",interval\n");
        for (var k = 1; k <= count; k++)
        {
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(',');
                sb.Append(CultureInfo.InvariantCulture, $"{f[0]},{f[1]},{f[2]},{D(f[3]) * scale(k):0.###},{k}\n");
            }
        }

        return sb.ToString();
    }

    [Fact]
    public void An_hour_ahead_equal_to_the_day_ahead_changes_nothing()
    {
        var files = Files(seed: 21, Hours);
        var da = Clear(files, "da");
        var rtFiles = Files(seed: 21, Hours, demandScale: 1.06);
        var plain = RealTime(rtFiles, null, da, "plain");
        var withHa = RealTime(rtFiles, files, da, "with-ha");

        var haLmp = ReadCsv(Path.Combine(withHa, "hour_ahead", "lmp.csv"));
        var daLmp = ReadCsv(Path.Combine(da, "lmp.csv"));
        Assert.Equal(daLmp.Count, haLmp.Count);
        for (var i = 0; i < daLmp.Count; i++)
        {
            Assert.Equal(D(daLmp[i]["lmp"]), D(haLmp[i]["lmp"]), 6);
        }

        Assert.All(ReadCsv(Path.Combine(withHa, "hour_ahead", "settlement.csv")), l => Assert.Equal(0m, M(l["amount"])));
        Assert.Equal(File.ReadAllText(Path.Combine(plain, "settlement.csv")), File.ReadAllText(Path.Combine(withHa, "settlement.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(plain, "lmp.csv")), File.ReadAllText(Path.Combine(withHa, "lmp.csv")));
    }

    [Fact]
    public void The_hour_ahead_settles_against_the_day_ahead_and_real_time_against_the_hour_ahead()
    {
        var da = Clear(Files(seed: 8, Hours), "da");
        var haFiles = Files(seed: 8, Hours, demandScale: 1.05);
        var rtFiles = Files(seed: 8, Hours, demandScale: 1.09);
        var rt = RealTime(rtFiles, haFiles, da, "rt");
        var ha = Path.Combine(rt, "hour_ahead");

        // The hour ahead prices as an independent clear of its data.
        var independent = Clear(haFiles, "independent");
        var expected = ReadCsv(Path.Combine(independent, "lmp.csv"));
        var haLmp = ReadCsv(Path.Combine(ha, "lmp.csv"));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(D(expected[i]["lmp"]), D(haLmp[i]["lmp"]), 6);
        }

        var daMw = Mw(da);
        var haMw = Mw(ha);
        var rtMw = Mw(rt);
        var haPrice = haLmp.ToDictionary(r => (r["interval"], r["bus"]), r => D(r["lmp"]));
        var rtPrice = ReadCsv(Path.Combine(rt, "lmp.csv")).ToDictionary(r => (r["interval"], r["bus"]), r => D(r["lmp"]));
        var haLines = ReadCsv(Path.Combine(ha, "settlement.csv"));
        var rtLines = ReadCsv(Path.Combine(rt, "settlement.csv"));
        var movedHa = 0;
        var movedRt = 0;
        foreach (var r in Resources)
        {
            var sign = r.Kind == "generator" ? 1 : -1;
            var bus = r.Bus.ToString(CultureInfo.InvariantCulture);
            for (var k = 1; k <= Hours; k++)
            {
                var key = Key(k);
                var haDeviation = haMw[(key, r.Id)] - daMw[(key, r.Id)];
                var haLine = haLines.Single(l => l["interval"] == key && l["charge"] == "ha_energy" && l["detail"].StartsWith(r.Id + " ", StringComparison.Ordinal));
                Assert.InRange(M(haLine["amount"]) - (decimal)(sign * haDeviation * haPrice[(key, bus)]), -Cent, Cent);
                var rtDeviation = rtMw[(key, r.Id)] - haMw[(key, r.Id)];
                var rtLine = rtLines.Single(l => l["interval"] == key && l["charge"] == "rt_energy" && l["detail"].StartsWith(r.Id + " ", StringComparison.Ordinal));
                Assert.InRange(M(rtLine["amount"]) - (decimal)(sign * rtDeviation * rtPrice[(key, bus)]), -Cent, Cent);
                movedHa += Math.Abs(haDeviation) > 1e-3 ? 1 : 0;
                movedRt += Math.Abs(rtDeviation) > 1e-3 ? 1 : 0;
            }
        }

        Assert.True(movedHa > 3 && movedRt > 3, $"{movedHa} hour-ahead and {movedRt} real-time deviations: too few to test");
        Assert.All(haLines.GroupBy(l => l["interval"]), g => Assert.Equal(0m, g.Sum(l => M(l["amount"]))));
        Assert.All(rtLines.GroupBy(l => l["interval"]), g => Assert.Equal(0m, g.Sum(l => M(l["amount"]))));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(rt, "summary.json")));
        var statements = summary.RootElement.GetProperty("statements").EnumerateObject().ToList();
        foreach (var column in new[] { "day_ahead", "hour_ahead", "real_time", "total" })
        {
            Assert.Equal(0m, statements.Sum(s => s.Value.GetProperty(column).GetDecimal()));
        }

        foreach (var s in statements)
        {
            Assert.Equal(haLines.Where(l => l["participant"] == s.Name).Sum(l => M(l["amount"])), s.Value.GetProperty("hour_ahead").GetDecimal());
        }
    }

    /// <summary>Hour 1's hour-ahead offers are dearer than the day ahead's, hour 2's cheaper, hour 3's the same: the rule
    /// keeps the day ahead in hour 1 only (ties keep the hour ahead). Costs: Σ dispatch.csv cost of each iteration.</summary>
    [Fact]
    public void The_activity_rule_keeps_per_hour_the_iteration_with_the_lower_as_bid_cost()
    {
        var files = Files(seed: 13, Hours);
        var da = Clear(files, "da");
        var haFiles = new Dictionary<string, string>(files) { ["offers.csv"] = OffersByInterval(files["offers.csv"], Hours, k => k switch { 1 => 1.5, 2 => 0.7, _ => 1.0 }) };
        var rtFiles = Files(seed: 13, Hours, demandScale: 1.04);
        var rt = RealTime(rtFiles, haFiles, da, "rt", "--activity-rule");
        var ha = Path.Combine(rt, "hour_ahead");

        var activity = ReadCsv(Path.Combine(rt, "activity.csv"));
        Assert.Equal(["day-ahead", "hour-ahead", "hour-ahead"], activity.Select(a => a["kept"]));
        var daCost = ReadCsv(Path.Combine(da, "dispatch.csv")).GroupBy(r => r["interval"]).ToDictionary(g => g.Key, g => g.Sum(r => D(r["cost"])));
        var haCost = ReadCsv(Path.Combine(ha, "dispatch.csv")).GroupBy(r => r["interval"]).ToDictionary(g => g.Key, g => g.Sum(r => D(r["cost"])));
        foreach (var a in activity)
        {
            Assert.Equal(daCost[a["interval"]], D(a["day_ahead_cost"]), 6);
            Assert.Equal(haCost[a["interval"]], D(a["hour_ahead_cost"]), 6);
        }

        Assert.True(D(activity[0]["hour_ahead_cost"]) > D(activity[0]["day_ahead_cost"]));
        Assert.True(D(activity[1]["hour_ahead_cost"]) < D(activity[1]["day_ahead_cost"]));

        // Hour 1 has no hour-ahead settlement and real time settles it against the day ahead; hour 2 against the hour ahead.
        var haLines = ReadCsv(Path.Combine(ha, "settlement.csv"));
        Assert.DoesNotContain(haLines, l => l["interval"] == "1");
        Assert.Contains(haLines, l => l["interval"] == "2");
        var deviations = ReadCsv(Path.Combine(rt, "deviations.csv"));
        var daMw = Mw(da);
        var haMw = Mw(ha);
        foreach (var d in deviations)
        {
            var position = d["interval"] == "1" ? daMw : haMw;
            Assert.Equal(position[(d["interval"], d["resource"])], D(d["da_mw"]));
        }

        Assert.Contains(Resources, r => Math.Abs(daMw[("2", r.Id)] - haMw[("2", r.Id)]) > 1e-3);

        // Without the rule the hour ahead stands in every hour.
        var free = RealTime(rtFiles, haFiles, da, "free");
        Assert.All(ReadCsv(Path.Combine(free, "activity.csv")), a => Assert.Equal("hour-ahead", a["kept"]));
    }

    [Fact]
    public void Bad_hour_ahead_input_is_refused_and_nothing_is_written()
    {
        var files = Files(seed: 2, Hours);
        var da = Clear(files, "da");
        using var rtFolder = Folder(files);

        var outDir = Path.Combine(_dir, "no-ha");
        var (code, error) = TwoSettlementTests.Rt("--case", Case, "--market", rtFolder.Path, "--day-ahead", da, "--out", outDir, "--activity-rule");
        Assert.Equal(2, code);
        Assert.Contains("--hour-ahead", error);
        Assert.False(Directory.Exists(outDir));

        var far = new Dictionary<string, string>(files) { ["demand.csv"] = files["demand.csv"] + "L2,100,4\n" };
        using var haFolder = Folder(far);
        outDir = Path.Combine(_dir, "far");
        (code, error) = TwoSettlementTests.Rt("--case", Case, "--market", rtFolder.Path, "--day-ahead", da, "--out", outDir, "--hour-ahead", haFolder.Path);
        Assert.Equal(2, code);
        Assert.Contains("demand.csv:11:", error);
        Assert.Contains("hour-ahead interval 4", error);
        Assert.False(Directory.Exists(outDir));
    }
}
