using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Tests.Market;
using static Gridclear.Tests.RealTime.DayMarkets;

namespace Gridclear.Tests.RealTime;

/// <summary>
/// The two-settlement system over whole days (R2, R5, D13): profile-metered loads, money conserved to the cent over
/// random days, real time with marginal losses, and real-time data that name what the day ahead never knew.
/// </summary>
public sealed class TwoSettlementTests : IDisposable
{
    /// <summary>$: each line is rounded to the cent once; values read back from CSV (round-trip doubles) add nothing.</summary>
    private const decimal Cent = 0.01m;

    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-two-settlement-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static (int Code, string Error) Rt(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(RtCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        return (CommandRunner.Invoke(root, ["rt", .. args], error), error.ToString());
    }

    private string Clear(Dictionary<string, string> files, string name, params string[] extra)
    {
        using var folder = Folder(files);
        var outDir = Path.Combine(_dir, name);
        var (code, _, error) = ClearCli.Run(["--case", Case, "--market", folder.Path, "--out", outDir, .. extra]);
        Assert.True(code == 0, error);
        return outDir;
    }

    private string RealTime(Dictionary<string, string> files, string dayAhead, string name, params string[] extra)
    {
        using var folder = Folder(files);
        var outDir = Path.Combine(_dir, name);
        var (code, error) = Rt(["--case", Case, "--market", folder.Path, "--day-ahead", dayAhead, "--out", outDir, .. extra]);
        Assert.True(code == 0, error);
        return outDir;
    }

    private static string Key(int k) => k.ToString(CultureInfo.InvariantCulture);

    /// <summary>R5: a load without an interval meter settles its deviation at the load-weighted average real-time price
    /// of its zone (weights: the real-time MW of the zone's loads), an interval-metered one at its bus.</summary>
    [Fact]
    public void A_profile_metered_load_settles_at_its_zones_load_weighted_real_time_price()
    {
        const int intervals = 3;
        var da = Clear(Files(seed: 5, intervals, metering: "profile"), "da");
        var rt = RealTime(Files(seed: 5, intervals, demandScale: 1.1, metering: "profile"), da, "rt");
        var lmp = ReadCsv(Path.Combine(rt, "lmp.csv")).ToDictionary(r => (r["interval"], r["bus"]), r => D(r["lmp"]));
        var rtMw = ReadCsv(Path.Combine(rt, "dispatch.csv")).ToDictionary(r => (r["interval"], r["resource"]), r => D(r["mw"]));
        var daMw = ReadCsv(Path.Combine(da, "dispatch.csv")).ToDictionary(r => (r["interval"], r["resource"]), r => D(r["mw"]));
        var deviations = ReadCsv(Path.Combine(rt, "deviations.csv"));
        var northLoads = Resources.Where(r => r.Kind == "load" && r.Bus <= 3).ToList();
        var differs = 0;
        for (var k = 1; k <= intervals; k++)
        {
            var key = Key(k);
            var weight = northLoads.Sum(r => rtMw[(key, r.Id)]);
            var zonePrice = northLoads.Sum(r => rtMw[(key, r.Id)] * lmp[(key, r.Bus.ToString(CultureInfo.InvariantCulture))]) / weight;
            var l3 = deviations.Single(d => d["interval"] == key && d["resource"] == "L3");
            Assert.Equal("zone North load-weighted average", l3["basis"]);
            Assert.Equal(zonePrice, D(l3["price"]), 9);
            var expected = (decimal)(-(rtMw[(key, "L3")] - daMw[(key, "L3")]) * zonePrice);
            Assert.InRange(M(l3["amount"]) - expected, -Cent, Cent);
            Assert.NotEqual(0m, M(l3["amount"]));
            differs += Math.Abs(zonePrice - lmp[(key, "3")]) > 0.01 ? 1 : 0;

            // Its neighbour L2 has an interval meter: its own bus price.
            var l2 = deviations.Single(d => d["interval"] == key && d["resource"] == "L2");
            Assert.Equal("bus", l2["basis"]);
            Assert.Equal(lmp[(key, "2")], D(l2["price"]));
        }

        // The zone's price is not bus 3's: the test tells the two rules apart.
        Assert.True(differs > 0, "bus 3 priced at the North average in every interval: the test cannot tell profile from interval metering");
        var lines = ReadCsv(Path.Combine(rt, "settlement.csv"));
        Assert.Equal(0m, lines.Sum(l => M(l["amount"])));
    }

    /// <summary>Money is conserved over whole days: the day-ahead settlement and the real-time settlement each sum to
    /// exactly 0.00 over the day and in every interval, on random days (demand, real-time load, generators without
    /// real-time offers held at their day-ahead MW, five-minute real time against an hourly day ahead).</summary>
    [Theory]
    [InlineData(101)]
    [InlineData(202)]
    [InlineData(303)]
    [InlineData(404)]
    [InlineData(505)]
    public void Day_ahead_and_real_time_statements_each_sum_to_zero_over_a_random_day(int seed)
    {
        var random = new Random(seed);
        var hours = random.Next(2, 5);
        var metering = random.Next(2) == 0 ? "profile" : null;
        var da = Clear(Files(seed, hours, metering: metering), "da");
        var perHour = random.Next(1, 4) * 2; // 2, 4 or 6 real-time intervals an hour
        var rtFiles = Files(seed, hours * perHour, demandScale: 0.9 + (0.25 * random.NextDouble()), metering: metering);
        var held = $"G{random.Next(1, 6)}";
        rtFiles["offers.csv"] = string.Join('\n', rtFiles["offers.csv"].Split('\n').Where(l => !l.StartsWith(held + ",", StringComparison.Ordinal)));
        var rt = RealTime(rtFiles, da, "rt", "--interval-minutes", (60 / perHour).ToString(CultureInfo.InvariantCulture));

        var daLines = ReadCsv(Path.Combine(da, "settlement.csv"));
        var rtLines = ReadCsv(Path.Combine(rt, "settlement.csv"));
        Assert.Equal(0m, daLines.Sum(l => M(l["amount"])));
        Assert.Equal(0m, rtLines.Sum(l => M(l["amount"])));
        Assert.All(daLines.GroupBy(l => l["interval"]), g => Assert.Equal(0m, g.Sum(l => M(l["amount"]))));
        Assert.All(rtLines.GroupBy(l => l["interval"]), g => Assert.Equal(0m, g.Sum(l => M(l["amount"]))));
        Assert.Equal(hours * perHour, rtLines.Select(l => l["interval"]).Distinct().Count());
        Assert.Contains(rtLines, l => l["charge"] == "rt_energy" && M(l["amount"]) != 0);

        // The held generator did not move, and settled nothing in real time.
        Assert.All(ReadCsv(Path.Combine(rt, "deviations.csv")).Where(d => d["resource"] == held), d => Assert.Equal(0, D(d["deviation_mw"])));

        // The statements: day-ahead, real-time and total per participant, each column summing to zero.
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(rt, "summary.json")));
        var statements = summary.RootElement.GetProperty("statements").EnumerateObject().ToList();
        foreach (var column in new[] { "day_ahead", "real_time", "total" })
        {
            Assert.Equal(0m, statements.Sum(s => s.Value.GetProperty(column).GetDecimal()));
        }

        foreach (var s in statements)
        {
            Assert.Equal(daLines.Where(l => l["participant"] == s.Name).Sum(l => M(l["amount"])), s.Value.GetProperty("day_ahead").GetDecimal());
            Assert.Equal(rtLines.Where(l => l["participant"] == s.Name).Sum(l => M(l["amount"])), s.Value.GetProperty("real_time").GetDecimal());
        }
    }

    /// <summary><c>rt --losses marginal</c> clears real time as <c>clear --losses marginal</c> clears the same data: equal
    /// data reproduce the day-ahead prices with no deviation; other load gives the prices of an independent clear, and the
    /// operator's <c>rt_loss_surplus</c> is −Σ (energy + loss) × deviation MWh, the run still summing to 0.00.</summary>
    [Fact]
    public void Real_time_with_marginal_losses_prices_as_an_independent_clear_and_settles_the_loss_surplus()
    {
        const int intervals = 3;
        var files = Files(seed: 9, intervals);
        var da = Clear(files, "da", "--losses", "marginal");
        var same = RealTime(files, da, "same", "--losses", "marginal");
        var daLmp = ReadCsv(Path.Combine(da, "lmp.csv"));
        var sameLmp = ReadCsv(Path.Combine(same, "lmp.csv"));
        Assert.Contains(daLmp, r => Math.Abs(D(r["loss"])) > 0.01);
        for (var i = 0; i < daLmp.Count; i++)
        {
            Assert.Equal(D(daLmp[i]["lmp"]), D(sameLmp[i]["lmp"]), 6);
            Assert.Equal(D(daLmp[i]["loss"]), D(sameLmp[i]["loss"]), 6);
        }

        Assert.All(ReadCsv(Path.Combine(same, "settlement.csv")), l => Assert.Equal(0m, M(l["amount"])));

        var rtFiles = Files(seed: 9, intervals, demandScale: 1.07);
        var rt = RealTime(rtFiles, da, "rt", "--losses", "marginal");
        var independent = Clear(rtFiles, "independent", "--losses", "marginal");
        var expected = ReadCsv(Path.Combine(independent, "lmp.csv"));
        var rtLmp = ReadCsv(Path.Combine(rt, "lmp.csv"));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(D(expected[i]["lmp"]), D(rtLmp[i]["lmp"]), 6);
            Assert.Equal(D(expected[i]["loss"]), D(rtLmp[i]["loss"]), 6);
        }

        var energyPlusLoss = rtLmp.ToDictionary(r => (r["interval"], r["bus"]), r => D(r["energy"]) + D(r["loss"]));
        var lines = ReadCsv(Path.Combine(rt, "settlement.csv"));
        var deviations = ReadCsv(Path.Combine(rt, "deviations.csv"));
        for (var k = 1; k <= intervals; k++)
        {
            var key = Key(k);
            var surplus = -deviations.Where(d => d["interval"] == key)
                .Sum(d => (d["kind"] == "generator" ? 1 : -1) * D(d["deviation_mw"]) * energyPlusLoss[(key, d["bus"])]);
            var line = lines.Single(l => l["interval"] == key && l["participant"] == "operator" && l["charge"] == "rt_loss_surplus");
            Assert.InRange(M(line["amount"]) - (decimal)surplus, -Cent, Cent);
            Assert.NotEqual(0m, M(line["amount"]));
            Assert.Equal(0m, lines.Where(l => l["interval"] == key).Sum(l => M(l["amount"])));
        }
    }

    /// <summary>Real-time offers for a resource the day-ahead run never knew (its resources.csv taken from the day-ahead
    /// market): exit 2 naming the file and line, nothing written.</summary>
    [Fact]
    public void A_real_time_offer_for_a_resource_unknown_to_the_day_ahead_is_refused_naming_the_line()
    {
        var files = Files(seed: 3, intervals: 2);
        var da = Clear(files, "da");
        var rtFiles = new Dictionary<string, string>(files) { ["offers.csv"] = files["offers.csv"] + "G9,1,50,20\n" };
        rtFiles.Remove("resources.csv");
        using var folder = Folder(rtFiles);
        var outDir = Path.Combine(_dir, "bad");
        var (code, error) = Rt("--case", Case, "--market", folder.Path, "--day-ahead", da, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("offers.csv:17:", error);
        Assert.Contains("G9", error);
        Assert.False(Directory.Exists(outDir));
    }

    /// <summary>A day-ahead folder whose dispatch.csv is not a Gridclear output (a mangled row): exit 2 naming that file
    /// and line, nothing written.</summary>
    [Fact]
    public void A_mangled_day_ahead_output_is_refused_naming_its_file_and_line()
    {
        var files = Files(seed: 4, intervals: 2);
        var da = Clear(files, "da");
        var dispatch = Path.Combine(da, "dispatch.csv");
        var rows = File.ReadAllLines(dispatch);
        rows[3] = rows[3].Replace(",", ";", StringComparison.Ordinal);
        File.WriteAllLines(dispatch, rows, new UTF8Encoding(false));
        using var folder = Folder(files);
        var outDir = Path.Combine(_dir, "bad");
        var (code, error) = Rt("--case", Case, "--market", folder.Path, "--day-ahead", da, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("dispatch.csv:4:", error);
        Assert.False(Directory.Exists(outDir));
    }
}
