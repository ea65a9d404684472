using Gridclear.IO.Market;
using Gridclear.Network;

namespace Gridclear.Service.Files;

/// <summary>Runs the CLI's market-folder reader on an assembled folder, so the service refuses exactly what the CLI refuses,
/// with the same message; file names in errors are the folder's own (<c>offers.csv</c>, not a temporary path).</summary>
public static class FolderCheck
{
    public static void Validate(string caseText, PowerCase powerCase, CompiledNetwork compiled, IReadOnlyDictionary<string, string> files)
    {
        using var folder = MarketFolderAssembly.Write(caseText, files);
        try
        {
            MarketFolderReader.Read(folder.MarketDirectory, compiled.Network, powerCase);
        }
        catch (InvalidInputException e)
        {
            throw Relative(e, folder);
        }
    }

    /// <summary>The error with its source named relative to the assembled folder (network.m, offers.csv …).</summary>
    public static InvalidInputException Relative(InvalidInputException e, AssembledFolder folder)
    {
        var source = e.Source;
        if (source.StartsWith(folder.MarketDirectory, StringComparison.Ordinal))
        {
            source = source[folder.MarketDirectory.Length..].TrimStart('/');
        }
        else if (source.StartsWith(folder.Root, StringComparison.Ordinal))
        {
            source = source[folder.Root.Length..].TrimStart('/');
        }

        source = source.Length == 0 ? "market" : source;
        var problem = e.Problem.Replace(folder.MarketDirectory + "/", string.Empty, StringComparison.Ordinal)
            .Replace(folder.Root + "/", string.Empty, StringComparison.Ordinal);
        return new InvalidInputException(source, e.Line, problem, e);
    }
}
