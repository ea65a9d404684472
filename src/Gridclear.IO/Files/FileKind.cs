using System.Runtime.InteropServices;

namespace Gridclear.IO.Files;

/// <summary>What is at a path, as the file system says: .NET reports a device such as <c>/dev/zero</c> or
/// <c>/dev/null</c> as an ordinary file of length 0, which a reader would read forever and a writer would replace.</summary>
public enum FileKind
{
    /// <summary>Nothing is at the path.</summary>
    Missing,

    /// <summary>A regular file (or a link to one).</summary>
    Regular,

    /// <summary>A folder (or a link to one).</summary>
    Directory,

    /// <summary>A device, pipe or socket: not a file to read or replace.</summary>
    Special,
}

/// <summary>Finds the <see cref="FileKind"/> of a path (Linux <c>statx</c>, whose layout is the same on every
/// architecture; elsewhere .NET's view, which cannot tell devices apart).</summary>
public static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var buffer = new byte[256];
                if (statx(AtFdCwd, path, 0, StatxType, buffer) == 0)
                {
                    var type = BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask;
                    return type == RegularType ? FileKind.Regular : type == DirectoryType ? FileKind.Directory : FileKind.Special;
                }

                // Missing, or not reachable (a parent that is a file): either way there is no file to use.
                if (!File.Exists(path) && !System.IO.Directory.Exists(path))
                {
                    return FileKind.Missing;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // An old C library without statx: fall back to what .NET knows.
            }
        }

        return System.IO.Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
