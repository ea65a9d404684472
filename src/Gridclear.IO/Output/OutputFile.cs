using Gridclear.IO.Files;

namespace Gridclear.IO.Output;

/// <summary>
/// A single output file (e.g. <c>ptdf --out FILE</c>) written atomically: the verb writes a hidden temporary file
/// beside it and <see cref="Commit"/> renames it over the target, so the file is either the previous one or the
/// complete new one. As <see cref="OutputFolder"/>, it is opened before the work, so a bad path is refused (exit 2,
/// naming the option) before anything is computed.
/// </summary>
public sealed class OutputFile : IDisposable
{
    private bool _committed;

    private OutputFile(string target, string temporary)
    {
        Target = target;
        Path = temporary;
    }

    /// <summary>The file the user named (absolute).</summary>
    public string Target { get; }

    /// <summary>The temporary file to write until <see cref="Commit"/>.</summary>
    public string Path { get; }

    public static OutputFile Open(string target, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new InvalidInputException(option, null, "the output file is empty: name a file");
        }

        string full;
        try
        {
            full = System.IO.Path.GetFullPath(target);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidInputException(option, null, $"'{target}' is not a usable file path: {e.Message}", e);
        }

        switch (FileKinds.Of(full))
        {
            case FileKind.Directory:
                throw new InvalidInputException(option, null, $"'{target}' is a folder: name a file");
            case FileKind.Special:
                // A device or pipe (/dev/null) must not be replaced by a rename.
                throw new InvalidInputException(option, null, $"'{target}' is a device or pipe, not a regular file: name a file");
        }

        if (System.IO.Path.EndsInDirectorySeparator(target))
        {
            throw new InvalidInputException(option, null, $"'{target}' names a folder: name a file");
        }

        var parent = System.IO.Path.GetDirectoryName(full)!;
        var temporary = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full)}.gridclear-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            File.WriteAllBytes(temporary, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidInputException(option, null, $"cannot write the output file '{target}': {e.Message}", e);
        }

        return new OutputFile(full, temporary);
    }

    /// <summary>Renames the written temporary file over the target (one atomic rename).</summary>
    public void Commit()
    {
        File.Move(Path, Target, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            try
            {
                File.Delete(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A temporary file left behind is harmless and hidden.
            }
        }
    }
}
