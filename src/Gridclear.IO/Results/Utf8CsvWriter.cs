using System.Globalization;
using System.Text;

namespace Gridclear.IO.Results;

/// <summary>
/// A CSV file's rows written as UTF-8 straight from their values, for the files with a row per bus or resource: no string
/// per number or row, no UTF-16 text to encode. The bytes are those of <see cref="CsvText"/>'s strings (its
/// <see cref="CsvText.Number"/>, <see cref="CsvText.Text"/>), so a file reads the same whichever way it was written.
/// </summary>
public sealed class Utf8CsvWriter
{
    // The longest double in "R" form is 24 characters (-1.2345678901234567E-308); an int is at most 11.
    private const int LongestNumber = 32;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    // The texts of recently written numbers, by a hash of their bits (2^RecentBits slots of LongestNumber bytes).
    private const int RecentBits = 6;
    private readonly long[] _recentBits = new long[1 << RecentBits];
    private readonly byte[] _recentLength = new byte[1 << RecentBits];
    private readonly byte[] _recentText = new byte[(1 << RecentBits) * LongestNumber];

    private Utf8CsvWriter(Stream stream) => _stream = stream;

    /// <summary>Writes <paramref name="path"/> as <see cref="CsvText.WriteFile(string, Action{TextWriter})"/> does
    /// (beside it, then renamed into place), its content from <paramref name="write"/>.</summary>
    public static void WriteFile(string path, Action<Utf8CsvWriter> write) =>
        CsvText.WriteFile(path, stream =>
        {
            var writer = new Utf8CsvWriter(stream);
            write(writer);
            writer.Flush();
        });

    /// <summary>Shortest round-trip text of <paramref name="value"/>, as <see cref="CsvText.Number"/>.</summary>
    public Utf8CsvWriter Number(double value)
    {
        Reserve(LongestNumber);
        if (value == 0)
        {
            _buffer[_used++] = (byte)'0';
            return this;
        }

        // A price file repeats its values (an uncongested network has one price at every bus, in two columns): a value
        // met lately is copied from its earlier text instead of formatted again (the same bytes).
        var bits = BitConverter.DoubleToInt64Bits(value);
        var slot = (int)((ulong)(bits * unchecked((long)0x9E3779B97F4A7C15)) >> (64 - RecentBits));
        var recent = _recentText.AsSpan(slot * LongestNumber, LongestNumber);
        if (_recentLength[slot] > 0 && _recentBits[slot] == bits)
        {
            recent[.._recentLength[slot]].CopyTo(_buffer.AsSpan(_used));
            _used += _recentLength[slot];
        }
        else if (value.TryFormat(_buffer.AsSpan(_used), out var written, "R", CultureInfo.InvariantCulture))
        {
            _buffer.AsSpan(_used, written).CopyTo(recent);
            _recentBits[slot] = bits;
            _recentLength[slot] = (byte)written;
            _used += written;
        }
        else
        {
            Encoded(CsvText.Number(value), Encoding.ASCII);
        }

        return this;
    }

    public Utf8CsvWriter Integer(int value)
    {
        Reserve(LongestNumber);
        _ = value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
        return this;
    }

    /// <summary>Text, quoted when it must be, as <see cref="CsvText.Text"/>.</summary>
    public Utf8CsvWriter Text(string value) => Encoded(CsvText.Text(value), Encoding.UTF8);

    /// <summary>ASCII text as it is, never quoted (a header, a keyword).</summary>
    public Utf8CsvWriter Ascii(string value) => Encoded(value, Encoding.ASCII);

    // Into the buffer, or, when it could take more than half of it, straight to the file.
    private Utf8CsvWriter Encoded(string text, Encoding encoding)
    {
        var bytes = encoding.GetMaxByteCount(text.Length);
        if (bytes > _buffer.Length / 2)
        {
            Flush();
            _stream.Write(encoding.GetBytes(text));
            return this;
        }

        Reserve(bytes);
        _used += encoding.GetBytes(text, _buffer.AsSpan(_used));
        return this;
    }

    public Utf8CsvWriter Comma() => Byte((byte)',');

    public Utf8CsvWriter EndRow() => Byte((byte)'\n');

    private Utf8CsvWriter Byte(byte value)
    {
        Reserve(1);
        _buffer[_used++] = value;
        return this;
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _used < bytes)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }
}
