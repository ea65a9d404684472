using Gridclear.Cli.Runs;
using Gridclear.Market;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Market;

/// <summary>The example market of the repository (examples/market), and copies of it with files replaced.</summary>
internal static class ExampleMarket
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "examples", "market");

    public static string Case => Path.Combine(Folder, "network.m");

    private static readonly Lazy<DayAheadRun> Run = new(() => DayAheadRun.Execute(Case, Folder, ClearingOptions.Default));

    /// <summary>The example cleared and settled once for all tests that only read it.</summary>
    public static DayAheadRun Cleared => Run.Value;

    /// <summary>A temporary copy of the market folder (not the case), with some files replaced or added.</summary>
    public static MarketFolder.TempFolder CopyWith(IReadOnlyDictionary<string, string> replaced)
    {
        var files = Directory.GetFiles(Folder, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        foreach (var (name, text) in replaced)
        {
            files[name] = text;
        }

        return new MarketFolder.TempFolder(files);
    }
}
