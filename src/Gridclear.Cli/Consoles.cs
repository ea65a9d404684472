using Spectre.Console;

namespace Gridclear.Cli;

/// <summary>A Spectre console over a writer: colours only on a real terminal, so tests and pipes read plain text.</summary>
internal static class Consoles
{
    public static IAnsiConsole For(TextWriter writer)
    {
        var real = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = real ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = real ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
    }
}
