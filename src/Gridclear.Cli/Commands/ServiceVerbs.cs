using System.CommandLine;

namespace Gridclear.Cli.Commands;

/// <summary>
/// The verbs of the market service (ASP.NET Core and its store). They run on the JIT build: the service needs
/// reflection-based JSON and ASP.NET Core's runtime code generation, so the ahead-of-time compiled CLI (what
/// <c>./gridclear</c> runs for every other verb) leaves them out, and the wrapper sends these names to the JIT build.
/// </summary>
internal static class ServiceVerbs
{
    public const string Serve = "serve";
    public const string ServeDescription = "Run the market service: participants' bids, the operator's clear, prices and statements over HTTP, and the web page at /.";
    public const string Participants = "participants";
    public const string ParticipantsDescription = "Register the market's participants and its operator (each gets an API key).";
    public const string Bench = "bench-service";
    public const string BenchDescription = "Load benchmark of the market service: concurrent participants submitting offers over loopback HTTP.";

#if GRIDCLEAR_AOT
    /// <summary>The verbs as the ahead-of-time compiled CLI lists them: same names and help line, and a pointer to the
    /// JIT build if called directly (the wrapper never does).</summary>
    public static IEnumerable<Command> JitOnly() =>
        new[] { (Serve, ServeDescription), (Participants, ParticipantsDescription), (Bench, BenchDescription) }.Select(v =>
        {
            var command = new Command(v.Item1, v.Item2) { TreatUnmatchedTokensAsErrors = false };
            command.SetAction(_ =>
            {
                Console.Error.WriteLine($"gridclear: '{v.Item1}' runs on the JIT build (the market service is not compiled ahead of time); ./gridclear {v.Item1} runs it there");
                return CommandRunner.BadInput;
            });
            return command;
        });
#endif
}
