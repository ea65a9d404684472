using System.CommandLine;

namespace Gridclear.Cli.Commands;

/// <summary><c>./gridclear case …</c>: verbs about a MATPOWER case file. Add further subcommands here.</summary>
internal static class CaseCommand
{
    /// <param name="output">Where results go (stdout when null); tests pass a writer to read them.</param>
    public static Command Create(TextWriter? output = null)
    {
        var command = new Command("case", "Inspect a MATPOWER case file.");
        command.Subcommands.Add(CaseInfoCommand.Create(output));
        return command;
    }
}
