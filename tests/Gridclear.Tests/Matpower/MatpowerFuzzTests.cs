using System.Text;
using Gridclear.IO.Matpower;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Matpower;

/// <summary>
/// Damaged files either read or fail as <see cref="InvalidInputException"/> with a line inside the file —
/// never any other exception. Every prefix of case5.m and case9.m, and seeded random edits of case30.m.
/// </summary>
public class MatpowerFuzzTests
{
    [Theory]
    [InlineData("case5")]
    [InlineData("case9")]
    public void Every_truncation_reads_or_is_invalid_input(string name)
    {
        var text = File.ReadAllText(TestPaths.Case(name));
        var failures = new List<string>();
        var parsed = 0;
        for (var length = 0; length <= text.Length; length++)
        {
            if (Outcome(text[..length], name + ".m", failures, $"prefix {length}"))
            {
                parsed++;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        // The whole file reads; so do prefixes that stop after a complete matrix (gencost is optional).
        Assert.True(parsed >= 1);
        MatpowerReader.Parse(text, name + ".m");
    }

    [Fact]
    public void A_truncation_inside_the_branch_matrix_names_where_it_started()
    {
        var text = File.ReadAllText(TestPaths.Case("case5"));
        var open = text.IndexOf("mpc.branch = [", StringComparison.Ordinal) + "mpc.branch = [".Length;
        var close = text.IndexOf("];", open, StringComparison.Ordinal);
        for (var length = open; length <= close; length++)
        {
            var e = Assert.Throws<InvalidInputException>(() => MatpowerReader.Parse(text[..length], "case5.m"));
            Assert.True(e.Line == 43, $"prefix {length}: {e.Message}");
        }
    }

    [Fact]
    public void Random_corruptions_read_or_are_invalid_input()
    {
        var text = File.ReadAllText(TestPaths.Case("case30"));
        var random = new Random(20240611);
        var failures = new List<string>();
        int parsed = 0, refused = 0;
        for (var trial = 0; trial < 500; trial++)
        {
            var (corrupted, what) = Corrupt(text, random);
            if (Outcome(corrupted, "case30.m", failures, $"trial {trial} ({what})"))
            {
                parsed++;
            }
            else
            {
                refused++;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.True(refused > 100, $"only {refused} of 500 corruptions were refused"); // the edits do damage
    }

    /// <summary>True when the text reads; false when refused properly; records anything else.</summary>
    private static bool Outcome(string text, string source, List<string> failures, string label)
    {
        try
        {
            MatpowerReader.Parse(text, source);
            return true;
        }
        catch (InvalidInputException e)
        {
            var lines = 1 + text.AsSpan().Count('\n');
            if (e.Source != source || !e.Message.StartsWith(source + ":", StringComparison.Ordinal)
                || e.Line is { } l && (l < 1 || l > lines))
            {
                failures.Add($"{label}: bad message or line ({lines} lines): {e.Message}");
            }

            return false;
        }
        catch (Exception e)
        {
            failures.Add($"{label}: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }

    private static readonly string[] Garbage = ["abc", "[", "]", "{", "}", "'", "\"", ";", "...", "%", "NaN", "-Inf", "1e999", "=", "mpc.", ",", "\n", "(", "0x1F", "\t", "%{\n", "function"];

    private static (string Text, string What) Corrupt(string text, Random random)
    {
        var lines = text.Split('\n');
        switch (random.Next(6))
        {
            case 0:
            {
                var at = random.Next(text.Length);
                return (text.Remove(at, 1), $"delete char {at}");
            }

            case 1:
            {
                var (start, length) = RandomToken(text, random);
                return (text.Remove(start, length), $"delete token at {start}");
            }

            case 2:
            {
                var k = random.Next(lines.Length);
                return (string.Join('\n', lines.Where((_, i) => i != k)), $"delete line {k + 1}");
            }

            case 3:
            {
                var (start, length) = RandomToken(text, random);
                var word = random.Next(3) switch { 0 => "x", 1 => "one", _ => "1.2.3" };
                return (text.Remove(start, length).Insert(start, word), $"replace token at {start} with {word}");
            }

            case 4:
            {
                var k = random.Next(lines.Length);
                var copy = new List<string>(lines);
                copy.Insert(k, lines[k]);
                return (string.Join('\n', copy), $"duplicate line {k + 1}");
            }

            default:
            {
                var at = random.Next(text.Length + 1);
                var junk = Garbage[random.Next(Garbage.Length)];
                return (text.Insert(at, junk), $"insert {Escape(junk)} at {at}");
            }
        }
    }

    /// <summary>A run of characters between blanks, starting at a random place.</summary>
    private static (int Start, int Length) RandomToken(string text, Random random)
    {
        var at = random.Next(text.Length);
        while (at > 0 && !char.IsWhiteSpace(text[at - 1]))
        {
            at--;
        }

        var end = at;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return (at, Math.Max(end - at, 1));
    }

    private static string Escape(string s) => new StringBuilder(s).Replace("\n", "\\n").Replace("\t", "\\t").ToString();
}
