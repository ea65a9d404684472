using System.Globalization;
using Gridclear.Cli;
using Spectre.Console;

namespace Gridclear.Tests.Market;

/// <summary>A long table written by padding rows into Spectre's layout of a sample is the text Spectre writes for it whole.</summary>
public sealed class LongTableTests
{
    private static readonly (string, bool)[] Columns = [("Participant", false), ("Energy", true), ("Schedules & trades", true), ("Net", true)];

    private static LongTable Table(int rows, Func<int, string> name) => new(
        "Day-ahead settlement by participant, $ (> 0 paid to it, < 0 paid by it)",
        Columns,
        [.. Enumerable.Range(0, rows).Select(i => new[] { name(i), (i * -12.5).ToString("N2", CultureInfo.InvariantCulture), i % 3 == 0 ? string.Empty : (i * 1000.25).ToString("N2", CultureInfo.InvariantCulture), (i * 987.75).ToString("N2", CultureInfo.InvariantCulture) })],
        ["[bold]Total[/]", "1.00", "2.00", "[bold]3.00[/]"]);

    private static (string Fast, string Spectre) Both(LongTable table, int width)
    {
        using var fast = new StringWriter();
        table.Write(Plain(fast, width), fast);
        using var whole = new StringWriter();
        Plain(whole, width).Write(table.ToTable());
        return (fast.ToString(), whole.ToString());
    }

    private static IAnsiConsole Plain(TextWriter writer, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }

    [Theory]
    [InlineData(500, Consoles.PlainWidth)]
    [InlineData(64, Consoles.PlainWidth)]
    [InlineData(63, Consoles.PlainWidth)]
    [InlineData(500, 60)]
    [InlineData(500, 30)]
    public void Writes_what_spectre_writes(int rows, int width)
    {
        // Names of varied length, one with markup characters Spectre must show as they are.
        var (fast, spectre) = Both(Table(rows, i => i == 17 ? "[trader] & co" : "load" + new string('x', i % 23)), width);
        Assert.Equal(spectre, fast);
    }

    [Fact]
    public void A_name_that_would_wrap_sends_the_table_through_spectre()
    {
        var (fast, spectre) = Both(Table(200, i => i == 50 ? string.Join(' ', Enumerable.Repeat("participant", 12)) : "load" + i), Consoles.PlainWidth);
        Assert.Equal(spectre, fast);
        Assert.True(spectre.Split('\n').Length > 200 + 8, "the long name wraps over several lines");
    }
}
