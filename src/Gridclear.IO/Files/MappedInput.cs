using System.IO.MemoryMappedFiles;

namespace Gridclear.IO.Files;

/// <summary>
/// An input file's bytes mapped read-only into memory, with the checks of <see cref="InputText"/>: a reader scans the
/// page cache in place instead of copying the file into a fresh array. On this project's machine touching fresh memory
/// costs more than reading it (BENCHMARKS.md, "page faults"): a mapped file arrives sixteen pages a fault.
/// </summary>
public sealed unsafe class MappedInput : IDisposable
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
            return new MappedInput(file, view, start + view.PointerOffset, length);
        }
        catch (Exception e) when (InputText.IsReadFailure(e))
        {
            file?.Dispose();
            stream?.Dispose();
            throw InputText.CannotRead(path, what, e);
        }
    }

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
