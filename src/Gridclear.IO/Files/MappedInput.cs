using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Gridclear.IO.Files;

/// <summary>
/// An input file's bytes mapped read-only into memory, with the checks of <see cref="InputText"/>: a reader scans the
/// page cache in place instead of copying the file into a fresh array. On this project's machine touching fresh memory
/// costs more than reading it (BENCHMARKS.md, "page faults"): a mapped file arrives sixteen pages a fault.
/// </summary>
public sealed unsafe partial class MappedInput : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _start;
    private readonly int _length;

    private MappedInput(MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* start, int length)
    {
        _file = file;
        _view = view;
        _start = start;
        _length = length;
    }

    /// <summary>The file's bytes, as they are (a byte-order mark kept), valid until disposed.</summary>
    public ReadOnlySpan<byte> Bytes => new(_start, _length);

    /// <summary>Maps <paramref name="path"/>; <paramref name="what"/> names the kind of file in messages.</summary>
    public static MappedInput Open(string path, string what = "the file")
    {
        FileStream? stream = null;
        MemoryMappedFile? file = null;
        try
        {
            stream = InputText.Open(path, what);
            var length = (int)stream.Length;
            if (length == 0)
            {
                stream.Dispose();
                return new MappedInput(null, null, null, 0); // an empty file cannot be mapped; it has nothing to map
            }

            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            stream = null;
            var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* start = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            Populate(start, length + view.PointerOffset);
            return new MappedInput(file, view, start + view.PointerOffset, length);
        }
        catch (Exception e) when (InputText.IsReadFailure(e))
        {
            file?.Dispose();
            stream?.Dispose();
            throw InputText.CannotRead(path, what, e);
        }
    }

    // MADV_POPULATE_READ (Linux 5.14): the whole mapping's page tables filled in one call, not a fault per sixteen pages
    // as the scan first touches them (a 19 MB case: 1 ms against about 3). Advice only: an older kernel refuses it and
    // the pages fault in as before.
    private const int MadvPopulateRead = 22;

    private static void Populate(byte* start, long length)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Madvise((nint)start, (nuint)length, MadvPopulateRead);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);

    public void Dispose()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file!.Dispose();
        }
    }
}
