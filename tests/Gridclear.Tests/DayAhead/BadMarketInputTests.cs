using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.DayAhead;

/// <summary>Bad market input through the CLI: exit code 2, a message naming file, line and problem, and nothing
/// written (the market is read and validated in full before the out folder is touched).</summary>
public sealed class BadMarketInputTests
{
    public static TheoryData<string, int, string, string> Problems() => new()
    {
        // file, 1-based line, replacement text, expected fragment of the problem
        { "resources.csv", 2, "G1,Alpha,99,generator,nodal,10", "bus 99" },
        { "offers.csv", 3, "G1,1,40,25", "pric" },
        { "offers.csv", 4, "G2,1,-100,-5", "mw" },
        { "offers.csv", 3, "G1,2,40,14", "segment" },
        { "bids.csv", 3, "L1,2,50,1200", "pric" },
        { "bids.csv", 2, "L1,1,-100,1000", "mw" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void ExitsTwoNamingFileAndLineAndWritesNothing(string file, int line, string text, string problem)
    {
        var files = ValidFolder.Files();
        ValidFolder.SetLine(files, file, line, text);
        using var market = new TempFolder(files);
        using var temp = new TempDir();
        var run = CliRun.Clear("case5", market.Path, temp.Sub("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file}:", run.Error, StringComparison.Ordinal);
        Assert.Matches($@"{file.Replace(".", @"\.", StringComparison.Ordinal)}:\d+:", run.Error);
        Assert.Contains(problem, run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(run.OutDir), "the out folder must not be created for bad input");
    }

    [Fact]
    public void DuplicateSegmentIsNamed()
    {
        var files = ValidFolder.Files();
        ValidFolder.AddLine(files, "offers.csv", "G1,1,10,14");
        using var market = new TempFolder(files);
        using var temp = new TempDir();
        var run = CliRun.Clear("case5", market.Path, temp.Sub("out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("offers.csv:6:", run.Error, StringComparison.Ordinal);
        Assert.Contains("segment", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(run.OutDir));
    }

    [Fact]
    public void MissingColumnIsNamed()
    {
        var files = ValidFolder.Files();
        ValidFolder.SetLine(files, "offers.csv", 1, "resource,segment,mw");
        using var market = new TempFolder(files);
        using var temp = new TempDir();
        var run = CliRun.Clear("case5", market.Path, temp.Sub("out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("offers.csv:1:", run.Error, StringComparison.Ordinal);
        Assert.Contains("price", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run.OutDir));
    }

    /// <summary>An out folder that already holds a previous run is left exactly as it was.</summary>
    [Fact]
    public void ExistingOutFolderIsUntouched()
    {
        using var temp = new TempDir();
        using var good = new TempFolder(ValidFolder.Files());
        var first = CliRun.Clear("case5", good.Path, temp.Sub("out"));
        Assert.Equal(0, first.ExitCode);
        var before = Snapshot(first.OutDir);

        var files = ValidFolder.Files();
        ValidFolder.SetLine(files, "nomograms.csv", 3, "N1,inj:77,-0.5,200");
        using var bad = new TempFolder(files);
        var second = CliRun.Clear("case5", bad.Path, temp.Sub("out"));
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("nomograms.csv:3:", second.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(second.OutDir));
    }

    [Fact]
    public void UnknownReferenceBusExitsTwoAndWritesNothing()
    {
        using var temp = new TempDir();
        var run = CliRun.Clear("case5", null, temp.Sub("out"), "--reference", "77");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--reference", run.Error, StringComparison.Ordinal);
        Assert.Contains("77", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run.OutDir));
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToDictionary(
            f => Path.GetFileName(f),
            f => Convert.ToBase64String(File.ReadAllBytes(f)) + "@" + File.GetLastWriteTimeUtc(f).Ticks);
}
