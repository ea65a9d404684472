using Gridclear.Tests.Support;

namespace Gridclear.Tests.Matpower;

/// <summary>Case file texts for tests, and edits of them that keep track of the line they touch.</summary>
internal static class CaseText
{
    private static readonly Lazy<string> Case5Text = new(() => File.ReadAllText(TestPaths.Case("case5")));

    public static string Case5 => Case5Text.Value;

    /// <summary>1-based line of the first occurrence of <paramref name="snippet"/>; fails when absent.</summary>
    public static int LineOf(string text, string snippet)
    {
        var at = text.IndexOf(snippet, StringComparison.Ordinal);
        Assert.True(at >= 0, $"snippet not found: {snippet}");
        return 1 + text.AsSpan(0, at).Count('\n');
    }

    /// <summary>Replaces the one occurrence of <paramref name="find"/>; returns the text and the line it was on.</summary>
    public static (string Text, int Line) Replace(string text, string find, string replacement)
    {
        var line = LineOf(text, find);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(text.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"snippet is not unique: {find}");
        return (string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length)), line);
    }
}
