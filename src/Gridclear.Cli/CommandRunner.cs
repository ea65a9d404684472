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

        // A first word that is no verb is an error even with --help (System.CommandLine would print the root's help
        // and exit 0, so a typo in a script passes unnoticed).
        if (args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.Count > 0
            && !root.Subcommands.Any(c => c.Name == args[0] || c.Aliases.Contains(args[0])))
        {
            error.WriteLine($"gridclear: unknown verb '{args[0]}' (verbs: {string.Join(", ", root.Subcommands.Select(c => c.Name))}; see gridclear --help)");
            return BadInput;
        }

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
