using System.CommandLine;
using Gridclear.Cli;

var root = new RootCommand("Gridclear: security-constrained market clearing, locational prices, settlements and FTRs.");
foreach (var command in Verbs.All())
{
    root.Subcommands.Add(command);
}

return CommandRunner.Invoke(root, args);
