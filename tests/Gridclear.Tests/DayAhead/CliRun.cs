using System.CommandLine;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.DayAhead;

/// <summary>One in-process run of <c>./gridclear clear</c>: exit code, what it printed, and the files it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error, string OutDir)
{
    public static CliRun Clear(string caseName, string? market, string outDir, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { ClearCommand.Create(output) };
        string[] args = ["clear", "--case", TestPaths.Case(caseName), "--out", outDir, .. market is null ? Array.Empty<string>() : ["--market", market], .. extra];
        var code = CommandRunner.Invoke(root, args, error);
        return new CliRun(code, output.ToString(), error.ToString(), outDir);
    }

    public string[] Rows(string file) => [.. File.ReadAllLines(Path.Combine(OutDir, file)).Skip(1).Where(l => l.Length > 0)];

    public JsonElement Summary() => JsonDocument.Parse(File.ReadAllText(Path.Combine(OutDir, "summary.json"))).RootElement;

    /// <summary>constraints.csv as records keyed by column name.</summary>
    public List<Dictionary<string, string>> Constraints()
    {
        var lines = File.ReadAllLines(Path.Combine(OutDir, "constraints.csv"));
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}

/// <summary>A fresh temporary directory path (not created), removed on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gridclear-da-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
