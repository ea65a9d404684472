using System.Text;

namespace Gridclear.IO.Files;

/// <summary>
/// Reads an input file's text with the checks every reader needs, each an <see cref="InvalidInputException"/> naming
/// the file: it must exist, be a regular file (a folder is "a folder, not a file", not "Access denied"; a device such
/// as <c>/dev/zero</c> would be read until memory runs out) and hold at most <see cref="MaxBytes"/>.
/// </summary>
public static class InputText
{
    /// <summary>The largest input file read: 256 MiB, some 80 times the largest MATPOWER case shipped (10,000 buses,
    /// 3.4 MB), so that a wrong file cannot exhaust memory.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Why a field's text is unsafe to carry into outputs, or null when it is safe. Names reach terminals, text files and
    /// spreadsheets: a control character (terminal escape codes, bidirectional overrides) is refused anywhere, and text
    /// that begins with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> and is not a number is refused because a spreadsheet
    /// runs it as a formula (<c>=HYPERLINK(…)</c>). Negative numbers (<c>-120</c>) are numbers, not names, and stay fine.
    /// </summary>
    public static string? UnsafeText(string text) => Gridclear.Names.Problem(text);

    /// <summary>The UTF-8 text of <paramref name="path"/> (a byte-order mark dropped); <paramref name="what"/> names
    /// the kind of file in messages ("the case file").</summary>
    public static string Read(string path, string what = "the file")
    {
        var text = ReadBytes(path, what).AsSpan();
        return Encoding.UTF8.GetString(text.StartsWith(Encoding.UTF8.Preamble) ? text[Encoding.UTF8.Preamble.Length..] : text);
    }

    /// <summary>The bytes of <paramref name="path"/>, as they are (a byte-order mark kept), with the checks of
    /// <see cref="Read"/>: for readers that scan UTF-8 without decoding the whole file.</summary>
    public static byte[] ReadBytes(string path, string what = "the file")
    {
        try
        {
            using var stream = Open(path, what);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw CannotRead(path, what, e);
        }
    }

    /// <summary>Opens <paramref name="path"/> for reading after the checks every reader needs (it exists, is a regular
    /// file, holds at most <see cref="MaxBytes"/>); I/O failures propagate (<see cref="IsReadFailure"/>).</summary>
    internal static FileStream Open(string path, string what)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Missing:
                throw new InvalidInputException(path, null, $"cannot read {what}: it does not exist");
            case FileKind.Directory:
                throw new InvalidInputException(path, null, $"{what} is a folder, not a file");
            case FileKind.Special:
                throw new InvalidInputException(path, null, $"{what} is a device or pipe, not a regular file");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var length = stream.Length;
        if (length > MaxBytes)
        {
            stream.Dispose();
            throw new InvalidInputException(path, null, $"{what} is {length / (1024 * 1024)} MiB, more than the {MaxBytes / (1024 * 1024)} MiB an input may have");
        }

        return stream;
    }

    internal static bool IsReadFailure(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;

    internal static InvalidInputException CannotRead(string path, string what, Exception e) => new(path, null, $"cannot read {what}: {e.Message}", e);
}
