using System.Runtime.InteropServices;

namespace Gridclear.IO.Files;

/// <summary>
/// Linux <c>renameat2(…, RENAME_EXCHANGE)</c>: swaps two existing paths in one atomic step, so an output folder is
/// never missing, half old or half new, even if the process is killed at that instant. Not every file system or
/// platform offers it; callers fall back to two renames.
/// </summary>
internal static partial class AtomicRename
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    /// <summary>Exchanges <paramref name="a"/> and <paramref name="b"/>; false when the platform or file system
    /// cannot (the paths are then unchanged).</summary>
    public static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return renameat2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int renameat2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
