using System.CommandLine;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.IO.Csv;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.FlowPaths;

/// <summary>Runs the flow-path verbs in-process, as the command line would, and reads their CSVs.</summary>
internal static class FlowPathCli
{
    public static string Example => Path.Combine(TestPaths.RepoRoot, "examples", "flowpath");

    public static string ExampleCase => Path.Combine(Example, "network.m");

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand("test");
        root.Subcommands.Add(PathRightsCommand.Create(output));
        root.Subcommands.Add(PtdfCommand.Create(output));
        root.Subcommands.Add(PathTriggersCommand.Create(output));
        var code = CommandRunner.Invoke(root, args, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The rows of a CSV as dictionaries by column name.</summary>
    public static List<Dictionary<string, string>> Rows(string file)
    {
        var text = File.ReadAllText(file);
        var header = text.Split('\n')[0].Split(',');
        var table = CsvTable.Parse(text, file, header);
        return table.Rows.Select(r => header.ToDictionary(h => h, h => table.GetOptionalString(r, h) ?? string.Empty)).ToList();
    }

    /// <summary>A copy of the example market folder with files replaced (or removed when the text is null).</summary>
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
