using System.CommandLine;
using Gridclear.Cli.Commands;

namespace Gridclear.Cli;

/// <summary>Every verb of <c>./gridclear</c>, in the order <c>--help</c> lists them.</summary>
internal static class Verbs
{
    /// <summary>The <c>gridclear</c> command with every verb: what <c>Program</c> runs, and what tests run in-process.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("Gridclear: security-constrained market clearing, locational prices, settlements and FTRs.");
        foreach (var command in All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static IEnumerable<Command> All()
    {
        yield return ClearCommand.Create();
        yield return RtCommand.Create();
        yield return DcpfCommand.Create();
        yield return PtdfCommand.Create();
        yield return LibraryCommand.Create();
        yield return RecallCommand.Create();
        yield return FtrFundingCommand.Create();
        yield return CaseCommand.Create();
        yield return FtrAuctionCommand.Create();
        yield return FtrExpansionCommand.Create();
        yield return PathRightsCommand.Create();
        yield return PathTriggersCommand.Create();
        yield return ArrAllocationCommand.Create();
        yield return CfdAuctionCommand.Create();
        yield return CompareCommand.Create();
        yield return MergeCommand.Create();
        yield return BenchCommand.Create();
#if GRIDCLEAR_AOT
        foreach (var command in ServiceVerbs.JitOnly())
        {
            yield return command;
        }
#else
        yield return ServeCommand.Create();
        yield return ParticipantsCommand.Create();
        yield return ServiceBenchCommand.Create();
#endif
    }
}
