using Spectre.Console;

namespace Gridclear.Cli;

/// <summary>A Spectre console over a writer: colours only on a real terminal, so tests and pipes read plain text.</summary>
internal static class Consoles
{
    /// <summary>Columns of plain (piped or captured) output.</summary>
    public const int PlainWidth = 120;

    public static IAnsiConsole For(TextWriter writer)
    {
        var real = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = real ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = real ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        // A pipe or a file has no width; Spectre's default of 80 columns squeezes the settlement table into wrapped
        // cells. A terminal keeps its own width.
        if (!real)
        {
            console.Profile.Width = PlainWidth;
        }

        return console;
    }
}
