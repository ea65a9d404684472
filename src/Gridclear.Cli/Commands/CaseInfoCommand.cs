using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gridclear.IO.Matpower;
using Gridclear.Network;
using Spectre.Console;

namespace Gridclear.Cli.Commands;

/// <summary><c>./gridclear case info CASE.m [--json]</c>: reads a case and prints its <see cref="CaseSummary"/>.</summary>
internal static class CaseInfoCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var file = new Argument<string>("case") { Description = "The MATPOWER case file (.m)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON instead of a table." };
        var command = new Command("info", "Summarise a MATPOWER case: buses, branches, generators, load, limits, areas.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var powerCase = MatpowerReader.ReadFile(path);
            var summary = CaseSummary.Of(powerCase);
            var writer = output ?? Console.Out;
            if (parse.GetValue(json))
            {
                writer.WriteLine(JsonSerializer.Serialize(summary, CaseSummaryJsonContext.Default.CaseSummary));
            }
            else
            {
                WriteTable(summary, path, writer, Islands(powerCase));
            }

            return CommandRunner.Success;
        });
        return command;
    }

    /// <summary>How the network model sees the case's islands: kept, dropped (dead), or why it cannot be built.</summary>
    private static string Islands(PowerCase powerCase)
    {
        try
        {
            var compiled = NetworkCompiler.Compile(powerCase);
            var dead = compiled.Islands.Count(i => !i.Kept);
            return dead == 0
                ? $"{compiled.Islands.Count}"
                : $"{compiled.Islands.Count} ({dead} without generation or load, dropped)";
        }
        catch (InvalidInputException e)
        {
            return "the network model cannot be built: " + e.Problem;
        }
    }

    private static void WriteTable(CaseSummary s, string path, TextWriter writer, string islands)
    {
        var console = Consoles.For(writer);
        var table = new Table().Title($"[bold]{Markup.Escape(s.Name)}[/] ({Markup.Escape(Path.GetFileName(path))})");
        table.AddColumn("Quantity");
        table.AddColumn(new TableColumn("Value").RightAligned());
        void Row(string label, string value) => table.AddRow(Markup.Escape(label), Markup.Escape(value));
        static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        static string Mw(double v) => v.ToString("N1", CultureInfo.InvariantCulture);
        Row("Base MVA", s.BaseMva.ToString(CultureInfo.InvariantCulture));
        Row("Buses", s.InServiceBuses == s.Buses ? N(s.Buses) : $"{N(s.Buses)} ({N(s.Buses - s.InServiceBuses)} isolated)");
        Row("Branches in service", $"{N(s.InServiceBranches)} of {N(s.Branches)}");
        Row("Generators in service", $"{N(s.InServiceGenerators)} of {N(s.Generators)}");
        Row("Total load, MW (PD + GS)", Mw(s.TotalLoadMw));
        Row("Generating capacity, MW (PMAX)", Mw(s.InServiceCapacityMw));
        Row("Limited branches (RATE_A)", N(s.LimitedBranches));
        Row("Phase shifters", N(s.PhaseShifters));
        Row("Areas", N(s.Areas));
        Row("Islands", islands);
        Row("Reference bus", string.Join(", ", s.ReferenceBuses.Select(b => b.ToString(CultureInfo.InvariantCulture))));
        Row("Cost curves (gencost)", s.HasCosts ? "yes" : "no");
        Row("Fields not read", s.SkippedFields.Count == 0 ? "none" : string.Join(", ", s.SkippedFields));
        console.Write(table);
    }
}

/// <summary>The summary's JSON (camelCase, indented), generated at compile time so the CLI runs ahead-of-time compiled.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CaseSummary))]
internal sealed partial class CaseSummaryJsonContext : JsonSerializerContext;
