using System.CommandLine;

namespace Gridclear.Cli;

/// <summary>Runs a parsed command line and maps failures to the exit codes of FORMATS.md:
/// 0 success, 2 bad input (message names file, line, problem), 1 anything else.</summary>
public static class CommandRunner
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static int Invoke(RootCommand root, string[] args, TextWriter? error = null)
    {
        error ??= Console.Error;
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"gridclear: {e.Message}");
            }

            return BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (InvalidInputException e)
        {
            error.WriteLine($"gridclear: error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"gridclear: error: {e.Message}");
            return BadInput;
        }
        catch (Exception e)
        {
            error.WriteLine($"gridclear: failed: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("GRIDCLEAR_DEBUG") == "1")
            {
                error.WriteLine(e.ToString());
            }

            return Failure;
        }
    }
}
