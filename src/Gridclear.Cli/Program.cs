using Gridclear.Cli;

return CommandRunner.Invoke(Verbs.Root(), args);
