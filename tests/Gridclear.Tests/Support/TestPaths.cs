namespace Gridclear.Tests.Support;

/// <summary>Where the repository and the shared reference material are. CI clones the repo with shared/ beside it.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared beside the checkout; a missing folder fails the test rather than skipping it.</summary>
    public static string Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("GRIDCLEAR_SHARED");
            if (env is not null)
            {
                return Directory.Exists(env) ? env : throw new DirectoryNotFoundException($"GRIDCLEAR_SHARED={env} does not exist");
            }

            // Beside the checkout (CI), or beside a parent folder (a worktree under a work folder).
            for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "cases")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"no shared/ folder with cases beside {RepoRoot} or its parents (set GRIDCLEAR_SHARED)");
        }
    }

    public static string Cases => Path.Combine(Shared, "cases");

    public static string Reference => Path.Combine(Shared, "reference");

    public static string Case(string name) => Path.Combine(Cases, name.EndsWith(".m", StringComparison.Ordinal) ? name : name + ".m");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gridclear.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gridclear.slnx not found above " + AppContext.BaseDirectory);
    }
}
