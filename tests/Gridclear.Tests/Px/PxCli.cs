using System.CommandLine;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Px;

/// <summary>Runs the verbs of the Power Exchange's design in-process, as the command line would.</summary>
internal static class PxCli
{
    public static string Example => Path.Combine(TestPaths.RepoRoot, "examples", "px");

    public static string ExampleCase => Path.Combine(Example, "network.m");

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand("test");
        root.Subcommands.Add(ClearCommand.Create(output));
        root.Subcommands.Add(LibraryCommand.Create(output));
        root.Subcommands.Add(RecallCommand.Create(output));
        root.Subcommands.Add(FtrFundingCommand.Create(output));

        var code = CommandRunner.Invoke(root, args, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh output folder path under the temp folder (not created).</summary>
    public static string OutDir() => Path.Combine(Path.GetTempPath(), "gridclear-px-" + Guid.NewGuid().ToString("N"));

    /// <summary>A copy of the example folder with files replaced (or removed when the text is null).</summary>
    public static MarketFolder.TempFolder ExampleWith(IReadOnlyDictionary<string, string?> replaced)
    {
        var files = Directory.GetFiles(Example, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        foreach (var (name, text) in replaced)
        {
            if (text is null)
            {
                files.Remove(name);
            }
            else
            {
                files[name] = text;
            }
        }

        return new MarketFolder.TempFolder(files!);
    }
}
