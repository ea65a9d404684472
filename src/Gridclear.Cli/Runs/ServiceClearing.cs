using System.CommandLine;
using Gridclear.Cli.Commands;
using Gridclear.Service;

namespace Gridclear.Cli.Runs;

/// <summary>
/// The service's clear is the CLI's: the <c>clear</c> verb itself, parsed from the same arguments a user would type
/// and invoked in process (its table goes nowhere), so every option default and every output file of <c>clear</c>
/// applies to the service as well. Bad input propagates as the <see cref="InvalidInputException"/> the verb threw.
/// </summary>
public sealed class ServiceClearing : IDayAheadClearing
{
    public void Clear(string casePath, string marketDirectory, string outDirectory)
    {
        var root = new RootCommand { ClearCommand.Create(TextWriter.Null) };
        var parse = root.Parse(["clear", "--case", casePath, "--market", marketDirectory, "--out", outDirectory]);
        if (parse.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", parse.Errors.Select(e => e.Message)));
        }

        var code = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = TextWriter.Null, Error = TextWriter.Null });
        if (code != CommandRunner.Success)
        {
            throw new InvalidOperationException($"clear ended with exit code {code}");
        }
    }
}
