using Gridclear.Market;
using Gridclear.Tests.Market;

namespace Gridclear.Tests.Robustness;

/// <summary>Issue 11: names reach spreadsheets and terminals: formula starts and control characters are refused
/// (exit 2, the file and line); negative numbers in numeric columns stay fine.</summary>
public sealed class NameSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-names-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("resources.csv", "G10,WestPower,", "G10,=HYPERLINK(\"http://x\"),", "'=HYPERLINK(\"http://x\")' begins with '='")]
    [InlineData("resources.csv", "G10,WestPower,", "G10,=1+2,", "begins with '='")]
    [InlineData("resources.csv", "G10,WestPower,", "G10,+WestPower,", "begins with '+'")]
    [InlineData("resources.csv", "G10,WestPower,", "G10,@SUM(A1),", "begins with '@'")]
    [InlineData("resources.csv", "G10,WestPower,", "G10,-WestPower,", "begins with '-'")]
    [InlineData("zones.csv", "West,1", "\u001b[31mWest,1", "control character U+001B")]
    [InlineData("ftrs.csv", "F1,CityMunicipal,", "F1\u202E,CityMunicipal,", "control character U+202E")]
    [InlineData("interfaces.csv", "WEST_EXPORT,15,33,1,180", "=WEST_EXPORT,15,33,1,180", "begins with '='")]
    [InlineData("schedules.csv", "SM_FIRM,SierraMarketing,26,", "SM_FIRM,\"Sierra\nMarketing\",26,", "control character U+000A")]
    public void A_name_that_is_a_formula_or_holds_a_control_character_exits_2_with_the_line(string file, string old, string replacement, string problem)
    {
        var text = File.ReadAllText(Path.Combine(ExampleMarket.Folder, file));
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, old);
        var line = text[..at].Count(c => c == '\n') + 1;
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { [file] = text[..at] + replacement + text[(at + old.Length)..] });
        var run = InProcessCli.Run("clear", "--case", ExampleMarket.Case, "--market", market.Path, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, run.Code);
        Assert.Contains($"{file}:{line}: column '", run.Error, StringComparison.Ordinal);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void Negative_numbers_and_free_form_notes_stay_fine()
    {
        // schedules.csv of the example has negative MW rows; a note may say anything, even "=1+2".
        var schedules = File.ReadAllText(Path.Combine(ExampleMarket.Folder, "schedules.csv"));
        Assert.Contains(",-", schedules, StringComparison.Ordinal);
        var zones = string.Join('\n', File.ReadAllLines(Path.Combine(ExampleMarket.Folder, "zones.csv")).Select((l, i) => l + (i == 0 ? ",note" : ",=1+2"))) + "\n";
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { ["zones.csv"] = zones });
        Assert.Equal(0, InProcessCli.Run("clear", "--case", ExampleMarket.Case, "--market", market.Path, "--out", Path.Combine(_dir, "out")).Code);
    }

    [Fact]
    public void The_engine_refuses_unsafe_names_too()
    {
        Assert.Throws<ArgumentException>(() => new Resource("=1+2", "p", 1, ResourceKind.Generator, Election.Nodal));
        Assert.Throws<ArgumentException>(() => new Resource("g", "a\u001bb", 1, ResourceKind.Generator, Election.Nodal));
        Assert.Null(Names.Problem("-120"));
        Assert.Null(Names.Problem("G10"));
    }
}
