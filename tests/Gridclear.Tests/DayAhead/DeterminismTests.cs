using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.DayAhead;

/// <summary>The same inputs give byte-identical outputs: the clear verb run twice in process.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData("case5", true)]
    [InlineData("pglib_opf_case118_ieee", false)]
    [InlineData("case300", false)]
    public void TwoRunsWriteTheSameBytes(string caseName, bool withMarket)
    {
        using var temp = new TempDir();
        using var market = withMarket ? new TempFolder(ValidFolder.Files()) : null;
        var first = CliRun.Clear(caseName, market?.Path, temp.Sub("first"));
        var second = CliRun.Clear(caseName, market?.Path, temp.Sub("second"));
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);

        var files = Directory.GetFiles(first.OutDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.GetFiles(second.OutDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        Assert.Contains("lmp.csv", files);
        Assert.Contains("dispatch.csv", files);
        Assert.Contains("constraints.csv", files);
        Assert.Contains("summary.json", files);
        if (withMarket)
        {
            Assert.Contains("settlement.csv", files);
        }

        foreach (var file in files)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(first.OutDir, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second.OutDir, file!))),
                $"{file} differs between two runs");
        }
    }
}
