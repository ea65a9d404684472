namespace Gridclear.Service.Tests.Support;

/// <summary>Where the repository, the example market and the test outputs are.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string ExampleMarket => Path.Combine(Root, "examples", "market");

    /// <summary>Screenshots and other files a test leaves for people to look at.</summary>
    public static string Artifacts(string folder)
    {
        var dir = Path.Combine(Root, ".artifacts", folder);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gridclear.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gridclear.slnx not found above " + AppContext.BaseDirectory);
    }
}
