using System.CommandLine;
using Gridclear.Cli;
using Gridclear.Cli.Commands;

namespace Gridclear.Tests.Market;

/// <summary>Runs <c>gridclear clear …</c> in-process, as the command line would, capturing output and errors.</summary>
internal static class ClearCli
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand("test");
        root.Subcommands.Add(ClearCommand.Create(output));
        var code = CommandRunner.Invoke(root, ["clear", .. args], error);
        return (code, output.ToString(), error.ToString());
    }
}
