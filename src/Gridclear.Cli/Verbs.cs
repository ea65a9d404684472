using System.CommandLine;
using Gridclear.Cli.Commands;

namespace Gridclear.Cli;

/// <summary>Every verb of <c>./gridclear</c>, in the order <c>--help</c> lists them.</summary>
internal static class Verbs
{
    public static IEnumerable<Command> All()
    {
        yield return ClearCommand.Create();
        yield return DcpfCommand.Create();
        yield return PtdfCommand.Create();
        yield return CaseCommand.Create();
        yield return FtrAuctionCommand.Create();
        yield return FtrExpansionCommand.Create();
        yield return BenchCommand.Create();
    }
}
