namespace Gridclear;

/// <summary>
/// Input that cannot be used: the CLI turns it into exit code 2 with its message. The message names the
/// source (file), the line or record when known, and what is wrong, e.g. <c>offers.csv:7: price falls</c>.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string source, int? line, string problem)
        : base(line is { } l ? $"{source}:{l}: {problem}" : $"{source}: {problem}")
    {
        Source = source;
        Line = line;
        Problem = problem;
    }

    public InvalidInputException(string source, int? line, string problem, Exception inner)
        : base(line is { } l ? $"{source}:{l}: {problem}" : $"{source}: {problem}", inner)
    {
        Source = source;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file (or record set) at fault.</summary>
    public new string Source { get; }

    /// <summary>1-based line, when the problem is on one line.</summary>
    public int? Line { get; }

    public string Problem { get; }
}
