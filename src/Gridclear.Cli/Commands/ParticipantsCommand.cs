using System.CommandLine;
using Gridclear.Store;

namespace Gridclear.Cli.Commands;

/// <summary><c>./gridclear participants add NAME [--operator] [--store …]</c> and <c>participants list</c>.</summary>
internal static class ParticipantsCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var command = new Command(ServiceVerbs.Participants, ServiceVerbs.ParticipantsDescription);
        command.Subcommands.Add(Add(output));
        command.Subcommands.Add(List(output));
        return command;
    }

    private static Command Add(TextWriter? output)
    {
        var store = new StoreOptions();
        var name = new Argument<string>("NAME") { Description = "The participant's name, as resources.csv and schedules.csv name it." };
        var isOperator = new Option<bool>("--operator") { Description = "Register the market operator (puts the network and market files, clears, sees everything)." };
        var command = new Command("add", "Register a participant; prints its API key as the last line (the store keeps only its hash: keep the key).");
        command.Arguments.Add(name);
        command.Options.Add(isOperator);
        store.AddTo(command);
        command.SetAction(parse =>
        {
            var who = parse.GetValue(name)!.Trim();
            var op = parse.GetValue(isOperator);
            if (who.Length == 0 || who.Length > 100 || who.Any(char.IsControl))
            {
                throw new InvalidInputException("NAME", null, "a participant's name is 1 to 100 printable characters");
            }

            if (!op && string.Equals(who, "operator", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidInputException("NAME", null, "'operator' names the operator's own accounts in settlement.csv: register the operator with --operator, participants under their own names");
            }

            using var opened = store.Open(parse);
            var key = ApiKeys.NewKey();
            try
            {
                opened.AddParticipant(who, op, ApiKeys.Hash(key), DateTimeOffset.UtcNow);
            }
            catch (StoreConflictException e)
            {
                throw new InvalidInputException("NAME", null, e.Message);
            }

            var writer = output ?? Console.Out;
            writer.WriteLine($"registered {(op ? "the operator" : "participant")} {who}; its API key (shown once, send it as 'Authorization: Bearer KEY'):");
            writer.WriteLine(key);
            return CommandRunner.Success;
        });
        return command;
    }

    private static Command List(TextWriter? output)
    {
        var store = new StoreOptions();
        var command = new Command("list", "List the registered participants.");
        store.AddTo(command);
        command.SetAction(parse =>
        {
            using var opened = store.Open(parse);
            var writer = output ?? Console.Out;
            foreach (var p in opened.Participants())
            {
                writer.WriteLine($"{p.Name}\t{(p.IsOperator ? "operator" : "participant")}\t{p.CreatedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}");
            }

            return CommandRunner.Success;
        });
        return command;
    }
}
