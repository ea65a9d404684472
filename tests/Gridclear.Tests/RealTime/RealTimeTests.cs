using System.CommandLine;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Tests.Market;
using static Gridclear.Tests.RealTime.DayMarkets;

namespace Gridclear.Tests.RealTime;

/// <summary>The real-time market and the two-settlement system end to end (FORMATS.md "Real time").</summary>
public sealed class RealTimeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-rt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Error) Rt(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(RtCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        return (CommandRunner.Invoke(root, ["rt", .. args], error), error.ToString());
    }

    private string DayAhead(Dictionary<string, string> files)
    {
        using var folder = Folder(files);
        var outDir = Path.Combine(_dir, "da");
        var (code, _, error) = ClearCli.Run("--case", Case, "--market", folder.Path, "--out", outDir);
        Assert.True(code == 0, error);
        return outDir;
    }

    [Fact]
    public void RealTimeDataEqualToDayAheadReproducesItsPricesWithNoDeviation()
    {
        var files = Files(seed: 11, intervals: 4);
        var da = DayAhead(files);
        using var rtFolder = Folder(files);
        var outDir = Path.Combine(_dir, "rt");
        var (code, error) = Rt("--case", Case, "--market", rtFolder.Path, "--day-ahead", da, "--out", outDir);
        Assert.True(code == 0, error);
        var daLmp = ReadCsv(Path.Combine(da, "lmp.csv"));
        var rtLmp = ReadCsv(Path.Combine(outDir, "lmp.csv"));
        Assert.Equal(daLmp.Count, rtLmp.Count);
        for (var i = 0; i < daLmp.Count; i++)
        {
            Assert.Equal(D(daLmp[i]["lmp"]), D(rtLmp[i]["lmp"]), 1e-6);
        }

        var settlement = ReadCsv(Path.Combine(outDir, "settlement.csv"));
        Assert.All(settlement.Where(r => r["charge"] == "rt_energy"), r => Assert.Equal(0m, M(r["amount"])));
        Assert.Equal(4 * Resources.Length, settlement.Count(r => r["charge"] == "rt_energy"));
        Assert.Equal(0m, settlement.Sum(r => M(r["amount"])));
    }

    [Fact]
    public void RealTimeLoadChangeSettlesEachDeviationAtTheRealTimePriceOfAnIndependentClear()
    {
        var files = Files(seed: 5, intervals: 3);
        var da = DayAhead(files);
        var rtFiles = Files(seed: 5, intervals: 3, demandScale: 1.08);
        using var rtFolder = Folder(rtFiles);
        var outDir = Path.Combine(_dir, "rt");
        var (code, error) = Rt("--case", Case, "--market", rtFolder.Path, "--day-ahead", da, "--out", outDir, "--interval-minutes", "60");
        Assert.True(code == 0, error);

        var independent = Path.Combine(_dir, "independent");
        Assert.Equal(0, ClearCli.Run("--case", Case, "--market", rtFolder.Path, "--out", independent).ExitCode);
        var expected = ReadCsv(Path.Combine(independent, "lmp.csv"));
        var rtLmp = ReadCsv(Path.Combine(outDir, "lmp.csv"));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(D(expected[i]["lmp"]), D(rtLmp[i]["lmp"]), 1e-6);
        }

        var daMw = ReadCsv(Path.Combine(da, "dispatch.csv")).ToDictionary(r => (r["interval"], r["resource"]), r => D(r["mw"]));
        var rtMw = ReadCsv(Path.Combine(outDir, "dispatch.csv")).ToDictionary(r => (r["interval"], r["resource"]), r => D(r["mw"]));
        var price = rtLmp.ToDictionary(r => (r["interval"], r["bus"]), r => D(r["lmp"]));
        var lines = ReadCsv(Path.Combine(outDir, "settlement.csv"));
        var moved = 0;
        foreach (var r in Resources)
        {
            for (var k = 1; k <= 3; k++)
            {
                var key = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var deviation = rtMw[(key, r.Id)] - daMw[(key, r.Id)];
                var sign = r.Kind == "generator" ? 1 : -1;
                var expectedAmount = (decimal)(sign * deviation * price[(key, r.Bus.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                var line = lines.Single(l => l["interval"] == key && l["charge"] == "rt_energy" && l["detail"].StartsWith(r.Id + " ", StringComparison.Ordinal));
                Assert.InRange(M(line["amount"]) - expectedAmount, -0.01m, 0.01m);
                moved += Math.Abs(deviation) > 1e-3 ? 1 : 0;
            }
        }

        Assert.True(moved > 3);
        foreach (var k in new[] { "1", "2", "3" })
        {
            Assert.Equal(0m, lines.Where(l => l["interval"] == k).Sum(l => M(l["amount"])));
        }
    }

    [Fact]
    public void BadRealTimeInputIsRefusedNamingFileAndLineAndWritesNothing()
    {
        var files = Files(seed: 2, intervals: 2);
        var da = DayAhead(files);
        var rtFiles = new Dictionary<string, string>(files) { ["resources.csv"] = files["resources.csv"] + "G9,Alta,2,generator,nodal\n" };
        using (var rtFolder = Folder(rtFiles))
        {
            var outDir = Path.Combine(_dir, "bad1");
            var (code, error) = Rt("--case", Case, "--market", rtFolder.Path, "--day-ahead", da, "--out", outDir);
            Assert.Equal(2, code);
            Assert.Contains("resources.csv:11:", error);
            Assert.False(Directory.Exists(outDir));
        }

        var far = new Dictionary<string, string>(files) { ["demand.csv"] = files["demand.csv"] + "L2,100,3\n" };
        using (var rtFolder = Folder(far))
        {
            var outDir = Path.Combine(_dir, "bad2");
            var (code, error) = Rt("--case", Case, "--market", rtFolder.Path, "--day-ahead", da, "--out", outDir);
            Assert.Equal(2, code);
            Assert.Contains("demand.csv:8:", error);
            Assert.False(Directory.Exists(outDir));
        }

        using (var rtFolder = Folder(files))
        {
            var outDir = Path.Combine(_dir, "bad3");
            var (code, error) = Rt("--case", Case, "--market", rtFolder.Path, "--day-ahead", rtFolder.Path, "--out", outDir);
            Assert.Equal(2, code);
            Assert.Contains("not the output folder", error);
            Assert.False(Directory.Exists(outDir));
        }
    }
}
