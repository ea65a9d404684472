using System.Globalization;
using Gridclear.IO.Files;

namespace Gridclear.IO.Output;

/// <summary>
/// The folder a verb writes its results into (<c>--out</c>), written atomically: the run writes into a fresh
/// staging folder beside the target (same parent, so the same file system) and <see cref="Commit"/> swaps it in
/// whole with one rename. The target then always holds exactly one run's files: a run killed part-way leaves the
/// previous folder untouched (and a hidden staging folder that the next run removes), a failed run changes nothing,
/// and files of an earlier run that this run does not write (settlement.csv after a rerun without a market folder)
/// are gone.
/// <para>Every verb that writes a folder uses it the same way, so it is checked before any work is done:</para>
/// <code>
/// using var output = OutputFolder.Open(outPath, "--out");   // bad --out: exit 2 now, before the clear
/// … clear …
/// DayAheadWriter.Write(output.Path, result);                 // write into the staging folder
/// output.Commit();                                           // swap it in whole
/// </code>
/// <para>An existing target is replaced only when it is empty or was written by gridclear (it holds the marker file
/// <see cref="MarkerFile"/>): a folder of someone's own files given as <c>--out</c> by mistake is refused, never
/// deleted.</para>
/// </summary>
public sealed class OutputFolder : IDisposable
{
    /// <summary>The marker every output folder holds, so that a later run knows it may replace the folder whole.</summary>
    public const string MarkerFile = ".gridclear-output";

    private const string MarkerText = "Written by gridclear. The next run writing to this folder replaces it whole.\n";
    private const string StagingInfix = ".gridclear-staging-";

    private readonly string _option;
    private bool _committed;

    private OutputFolder(string target, string staging, string option)
    {
        Target = target;
        Path = staging;
        _option = option;
    }

    /// <summary>The folder the user named (absolute).</summary>
    public string Target { get; }

    /// <summary>The staging folder to write the run's files into until <see cref="Commit"/>.</summary>
    public string Path { get; }

    /// <summary>
    /// Checks that <paramref name="target"/> can receive a run's results and creates the staging folder beside it.
    /// Problems are <see cref="InvalidInputException"/>s naming <paramref name="option"/> (exit 2): an empty path, an
    /// existing file or device (<c>/dev/null</c>), a folder not written by gridclear, a parent that cannot be
    /// written (<c>/proc/x</c>).
    /// </summary>
    public static OutputFolder Open(string target, string option = "--out")
    {
        var full = CheckedTarget(target, option);
        CheckReplaceable(full, option);
        var parent = System.IO.Path.GetDirectoryName(full)!;
        var name = System.IO.Path.GetFileName(full);
        string staging;
        try
        {
            Directory.CreateDirectory(parent);
            RemoveAbandonedStaging(parent, name);
            staging = System.IO.Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $".{name}{StagingInfix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
            Directory.CreateDirectory(staging);
            File.WriteAllText(System.IO.Path.Combine(staging, MarkerFile), MarkerText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidInputException(option, null, $"cannot write the output folder '{target}': {e.Message}", e);
        }

        return new OutputFolder(full, staging, option);
    }

    /// <summary>
    /// Swaps the staging folder in as the target, whole: an atomic exchange where the file system offers one
    /// (Linux <c>renameat2(RENAME_EXCHANGE)</c>), else two renames; the previous folder is then deleted.
    /// </summary>
    public void Commit()
    {
        if (_committed)
        {
            throw new InvalidOperationException("the output folder was already committed");
        }

        try
        {
            // The target may have appeared or changed since Open: check again just before the swap.
            CheckReplaceable(Target, _option);
            if (!Directory.Exists(Target))
            {
                Directory.Move(Path, Target);
            }
            else if (AtomicRename.TryExchange(Path, Target))
            {
                // The staging path now holds the previous run's folder.
                Directory.Delete(Path, recursive: true);
            }
            else
            {
                var old = Path + "-previous";
                Directory.Move(Target, old);
                Directory.Move(Path, Target);
                Directory.Delete(old, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(_option, null, $"cannot replace the output folder '{Target}': {e.Message}", e);
        }

        _committed = true;
    }

    /// <summary>Removes the staging folder of a run that failed or was not committed.</summary>
    public void Dispose()
    {
        if (!_committed)
        {
            TryDelete(Path);
        }
    }

    private static string CheckedTarget(string target, string option)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new InvalidInputException(option, null, "the output folder is empty: name a folder");
        }

        string full;
        try
        {
            full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidInputException(option, null, $"'{target}' is not a usable folder path: {e.Message}", e);
        }

        if (System.IO.Path.GetDirectoryName(full) is null || System.IO.Path.GetFileName(full).Length == 0)
        {
            throw new InvalidInputException(option, null, $"'{target}' is a root folder: name a folder inside it");
        }

        return full;
    }

    /// <summary>Refuses a target that exists and is not a folder gridclear may replace.</summary>
    private static void CheckReplaceable(string full, string option)
    {
        if (FileKinds.Of(full) is FileKind.Regular or FileKind.Special)
        {
            throw new InvalidInputException(option, null, $"'{full}' exists and is not a folder (a file or a device): name a folder");
        }

        if (!Directory.Exists(full))
        {
            return;
        }

        if (new DirectoryInfo(full).LinkTarget is not null)
        {
            throw new InvalidInputException(option, null, $"'{full}' is a symbolic link: name the folder itself");
        }

        bool empty;
        try
        {
            empty = !Directory.EnumerateFileSystemEntries(full).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(option, null, $"cannot read the output folder '{full}': {e.Message}", e);
        }

        if (!empty && !File.Exists(System.IO.Path.Combine(full, MarkerFile)))
        {
            throw new InvalidInputException(
                option,
                null,
                $"'{full}' is a folder that gridclear did not write (it holds files and no {MarkerFile}); a run replaces its output folder whole, so name a new or empty folder");
        }
    }

    /// <summary>Staging folders of runs that were killed: their process is gone.</summary>
    private static void RemoveAbandonedStaging(string parent, string name)
    {
        foreach (var dir in Directory.EnumerateDirectories(parent, $".{name}{StagingInfix}*"))
        {
            var rest = System.IO.Path.GetFileName(dir)[(name.Length + 1 + StagingInfix.Length)..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
            {
                TryDelete(dir);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A staging folder left behind is removed by the next run writing beside it.
        }
    }
}
