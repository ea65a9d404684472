using System.CommandLine;
using Gridclear.Cli;
using Gridclear.Cli.Commands;

namespace Gridclear.Tests.Robustness;

/// <summary>Runs <c>./gridclear VERB …</c> in-process with every verb that writes files, capturing what it prints.</summary>
internal static class InProcessCli
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand("test")
        {
            ClearCommand.Create(output),
            DcpfCommand.Create(output),
            PtdfCommand.Create(output),
            FtrAuctionCommand.Create(output),
            FtrExpansionCommand.Create(output),
            BenchCommand.Create(output),
        };
        var code = CommandRunner.Invoke(root, args, error);
        return (code, output.ToString(), error.ToString());
    }
}
