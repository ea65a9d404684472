using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Gridclear.Flows;

/// <summary>
/// The version id of a shift-factor library (X5, N3): a hash of what the factors depend on and nothing else, so a
/// participant can tell which library a result used. Shift factors in MW/MW are fixed by the buses (their numbers and
/// order), the reference bus, and each in-service branch's ends and susceptance (reactance and tap); loads, offers,
/// ratings and phase-shifter angles do not change them and do not change the version. Switching a branch in or out,
/// changing an impedance or the reference bus does.
/// </summary>
public static class TopologyVersion
{
    // One computation per network, shared by every caller (a clear names it in summary.json and on the console), and
    // safe to start early on another core (Prefetch) and wait for later.
    private static readonly ConditionalWeakTable<Network.Network, Lazy<string>> Versions = [];

    /// <summary>16 hex digits: the first 64 bits of SHA-256 over the topology written out in invariant text.</summary>
    public static string Of(Network.Network network) =>
        Versions.GetValue(network, n => new Lazy<string>(() => Compute(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Starts computing the version on the thread pool, so it is ready when a writer asks (about 10 ms on a
    /// 10,000-bus network, off the path of the clear).</summary>
    public static void Prefetch(Network.Network network) => ThreadPool.QueueUserWorkItem(n => Of(n), network, preferLocal: false);

    private static string Compute(Network.Network network)
    {
        // The text is formatted straight into UTF-8 bytes (no string per number) and hashed 64 KiB at a time: the same
        // bytes as before, without holding the whole text (5 MB of fresh memory on a 70,000-bus network).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new ArrayBufferWriter<byte>(Chunk + 256);
        Append(text, "buses"u8);
        foreach (var id in network.BusIds)
        {
            Append(text, " "u8);
            Append(text, id);
            Flush(hash, text);
        }

        Append(text, "\nreference "u8);
        Append(text, network.BusIds[network.ReferenceBus]);
        Append(text, "\n"u8);
        foreach (var br in network.Branches)
        {
            Append(text, network.BusIds[br.From]);
            Append(text, " "u8);
            Append(text, network.BusIds[br.To]);
            Append(text, " "u8);
            Append(text, br.Susceptance);
            Append(text, "\n"u8);
            Flush(hash, text);
        }

        Flush(hash, text, all: true);
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8));
    }

    private const int Chunk = 64 * 1024;

    // Hands the text written so far to the hash once a chunk has gathered (or at the end).
    private static void Flush(IncrementalHash hash, ArrayBufferWriter<byte> text, bool all = false)
    {
        if (text.WrittenCount >= Chunk || (all && text.WrittenCount > 0))
        {
            hash.AppendData(text.WrittenSpan);
            text.ResetWrittenCount();
        }
    }

    private static void Append(ArrayBufferWriter<byte> text, ReadOnlySpan<byte> bytes) => text.Write(bytes);

    private static void Append(ArrayBufferWriter<byte> text, int value)
    {
        value.TryFormat(text.GetSpan(16), out var written, default, CultureInfo.InvariantCulture);
        text.Advance(written);
    }

    private static void Append(ArrayBufferWriter<byte> text, double value)
    {
        // "R": the shortest text that reads back to the same double, as double.ToString("R") wrote it.
        value.TryFormat(text.GetSpan(40), out var written, "R", CultureInfo.InvariantCulture);
        text.Advance(written);
    }
}
