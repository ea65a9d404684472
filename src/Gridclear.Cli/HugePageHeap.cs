using System.Globalization;
using System.Runtime.InteropServices;

namespace Gridclear.Cli;

/// <summary>
/// Asks Linux to back the garbage collector's next regions with 2 MiB transparent huge pages (BENCHMARKS.md, "Page
/// faults"). On this project's machine a first touch of a 4 KiB page costs 10–30 µs, so a 14,000-bus clear spent about
/// a third of its time faulting in the 30 MiB it allocates; one fault per 2 MiB removes most of that (pegase: 10,000
/// faults to 3,000, 0.21 to 0.14 CPU-s).
/// <para>
/// The collector reserves its heap inaccessible and commits it 64 KiB at a time (mprotect, then MADV_DODUMP), which splits
/// the mapping so finely that no 2 MiB block is ever whole: the kernel can only use small pages. Here the regions after
/// the first one (where the collector allocates next) are made readable and writable, dumpable and huge-page-advised
/// ahead, in whole 2 MiB blocks; the collector's own commits then change nothing. Memory is still only used where
/// touched (a touched block is 2 MiB of it). Anything unexpected (no /proc, transparent huge pages off, another layout)
/// leaves the heap as it is: this changes speed, never results. <c>GRIDCLEAR_HUGE_PAGES=0</c> turns it off.
/// </para>
/// </summary>
internal static unsafe partial class HugePageHeap
{
    /// <summary>How much of the collector's reservation is prepared: enough for a 70,000-bus clear's young objects.</summary>
    private const long Bytes = 256L << 20;

    private const long Block = 2L << 20;
    private const long Reservation = 1L << 30;
    private const int MadvHugepage = 14;
    private const int MadvDodump = 17;
    private const int ProtReadWrite = 3;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint address, nuint length, int protection);

    /// <summary>Prepares the heap; call first thing in the process. Returns whether it did.</summary>
    public static bool Prepare()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("GRIDCLEAR_HUGE_PAGES") == "0")
        {
            return false;
        }

        try
        {
            // Where the collector is allocating now: the region of a fresh object.
            var probe = new byte[16];
            long address;
            fixed (byte* p = probe)
            {
                address = (long)p;
            }

            var from = (address + Block - 1) & ~(Block - 1);
            var to = ReservedEnd(address, from + Bytes);
            if (to != from + Bytes)
            {
                return false;
            }

            var length = (nuint)(to - from);

            // Advice first: where huge pages are off it fails and nothing is changed.
            return madvise((nint)from, length, MadvHugepage) == 0
                && mprotect((nint)from, length, ProtReadWrite) == 0
                && madvise((nint)from, length, MadvDodump) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary><paramref name="limit"/> when the run of anonymous mappings that holds <paramref name="address"/> reaches
    /// past it inside one inaccessible reservation of at least a gibibyte (the collector's: nothing else reserves that
    /// much, so no thread's stack guard or other mapping is touched); otherwise <paramref name="address"/>.</summary>
    private static long ReservedEnd(long address, long limit)
    {
        var end = address;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms offset dev inode [path]": anonymous mappings have inode 0 and no path.
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var range = fields[0].Split('-');
            var start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var stop = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var anonymous = fields.Length == 5 && fields[4] == "0" && fields[1] is "rw-p" or "---p";
            if (stop <= end)
            {
                continue;
            }

            if (start > end || !anonymous)
            {
                return address;
            }

            if (stop > limit)
            {
                return fields[1] == "---p" && stop - limit >= Reservation ? limit : address;
            }

            end = stop;
        }

        return address;
    }
}
