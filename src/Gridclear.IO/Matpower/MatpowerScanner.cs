using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Gridclear.IO.Matpower;

/// <summary>
/// Reads the text of a MATPOWER case file (a MATLAB function that fills a struct with literals) into a
/// <see cref="MatpowerFile"/>. It understands exactly the MATLAB a case file uses: <c>function mpc = name</c>,
/// <c>mpc.field = value;</c> assignments whose values are numbers, quoted strings, matrices <c>[ … ]</c> and
/// cell arrays <c>{ … }</c>, <c>%</c> comments, <c>...</c> continuations, rows separated by <c>;</c> or new lines.
/// Any other code is refused, because running it is what would give the data its meaning.
/// Hand-written over the text (no regular expressions, no per-token strings) so a 2 MB case reads in
/// tens of milliseconds.
/// </summary>
internal ref struct MatpowerScanner
{
    /// <summary>The fields read as numeric matrices; the rest are skipped.</summary>
    private static readonly string[] MatrixFields = ["bus", "gen", "branch", "gencost"];

    // The file's UTF-8 bytes: the syntax is ASCII, so the scanner reads bytes as characters (a byte ≥ 0x80 is never
    // syntax) and decodes only the strings it keeps (names, quoted text). No UTF-16 copy of the file is made.
    private readonly ReadOnlySpan<byte> _text;
    private readonly string _source;
    private int _pos;
    private int _line = 1;

    private MatpowerScanner(ReadOnlySpan<byte> text, string source)
    {
        _text = text;
        _source = source;
    }

    private bool AtEnd => _pos >= _text.Length;

    /// <summary>Matrices at least this long (bytes of text) are parsed on the thread pool as the scan finds them:
    /// a 10,000-bus case has four of 0.1–1.5 MB, and a 70,000-bus one spends a quarter of its run parsing numbers.</summary>
    internal const int ParallelMatrixBytes = 64 * 1024;

    // Where matrices found (delimited, not yet parsed) go when parsing is deferred.
    private DeferredMatrices? _deferred;

    /// <param name="parallel">Whether large matrices are parsed on the thread pool (the same result either way).</param>
    public static unsafe MatpowerFile Scan(ReadOnlySpan<byte> text, string source, bool parallel = true)
    {
        if (!parallel)
        {
            return new MatpowerScanner(text, source).ScanFile();
        }

        fixed (byte* start = text)
        {
            // Parsed on the other cores as they are found; Finish parses the rest here and waits for every worker
            // (they read this pinned text) before anything returns.
            var deferred = new DeferredMatrices(start, text.Length, source);
            var scanner = new MatpowerScanner(text, source) { _deferred = deferred };
            MatpowerFile? file = null;
            IReadOnlyList<(string Field, MatpowerMatrix Matrix)>? matrices;
            try
            {
                file = scanner.ScanFile();
            }
            catch (InvalidInputException)
            {
                // The error a plain reading reports first, wherever the deferred parses would have stopped.
            }
            finally
            {
                matrices = deferred.Finish();
            }

            if (file is null || matrices is null)
            {
                return new MatpowerScanner(text, source).ScanFile();
            }

            foreach (var (field, matrix) in matrices)
            {
                file.Matrices[field] = matrix;
            }

            return file;
        }
    }

    /// <summary>A scanner positioned at <paramref name="position"/> (on line <paramref name="line"/>), to parse one
    /// matrix there.</summary>
    internal static MatpowerScanner At(ReadOnlySpan<byte> text, string source, int position, int line) =>
        new(text, source) { _pos = position, _line = line };

    private MatpowerFile ScanFile()
    {
        var file = new MatpowerFile();
        var outVar = "mpc";
        var sawFunction = false;
        if (_text.StartsWith("\uFEFF"u8))
        {
            _pos = 3; // a UTF-8 byte-order mark left by some editors
        }

        while (true)
        {
            SkipBetweenStatements();
            if (AtEnd)
            {
                return file;
            }

            var line = _line;
            var c = (char)_text[_pos];
            if (!IsIdentifierStart(c))
            {
                throw Error(line, $"unexpected {DescribeNext()}: a MATPOWER case holds only '{outVar}.<field> = value;' assignments");
            }

            var identifier = ReadIdentifier();
            switch (identifier)
            {
                case "function" when !sawFunction:
                    outVar = ReadFunctionHeader(file, line);
                    sawFunction = true;
                    break;
                case "end" or "endfunction" or "return":
                    EndStatement(identifier);
                    break;
                default:
                    if (identifier != outVar)
                    {
                        throw Error(line, $"'{Shorten(identifier)}' is not an assignment to {outVar}: Gridclear reads case files as data "
                            + $"('{outVar}.<field> = value;' only), it does not run MATLAB code; save the case with MATPOWER's savecase");
                    }

                    ReadAssignment(file, outVar, line);
                    break;
            }
        }
    }

    /// <summary>After <c>function</c>: <c>mpc = name</c>. Returns the output variable.</summary>
    private string ReadFunctionHeader(MatpowerFile file, int line)
    {
        var start = _pos;
        while (!AtEnd && (char)_text[_pos] != '\n' && (char)_text[_pos] != '%')
        {
            _pos++;
        }

        var header = Encoding.UTF8.GetString(_text[start.._pos]).AsSpan().Trim();
        if (header.Length > 0 && header[0] == '[')
        {
            throw Error(line, "this is a MATPOWER version 1 case (a function returning [baseMVA, bus, gen, …]); Gridclear reads version 2 "
                + "(function mpc = name with mpc.version = '2'): convert it with MATPOWER's loadcase and savecase");
        }

        var eq = header.IndexOf('=');
        var outVar = "mpc";
        var name = header;
        if (eq >= 0)
        {
            outVar = header[..eq].Trim().ToString();
            name = header[(eq + 1)..].Trim();
            if (!IsIdentifier(outVar))
            {
                throw Error(line, $"function line names '{Shorten(outVar)}' as its output, which is not a variable name");
            }
        }

        var paren = name.IndexOf('(');
        if (paren >= 0)
        {
            name = name[..paren].TrimEnd();
        }

        if (name.Length > 0 && name[^1] == ';')
        {
            name = name[..^1].TrimEnd();
        }

        if (!IsIdentifier(name))
        {
            throw Error(line, $"function line 'function {Shorten(header.ToString())}' does not name the case");
        }

        file.FunctionName = name.ToString();
        return outVar;
    }

    /// <summary>After the output variable: <c>.field = value</c>.</summary>
    private void ReadAssignment(MatpowerFile file, string outVar, int line)
    {
        SkipInline();
        if (AtEnd || (char)_text[_pos] != '.')
        {
            throw Error(_line, $"expected '.' after '{outVar}' (an assignment '{outVar}.<field> = value;'), found {DescribeNext()}");
        }

        _pos++;
        SkipInline();
        if (AtEnd || !IsIdentifierStart((char)_text[_pos]))
        {
            throw Error(_line, $"expected a field name after '{outVar}.', found {DescribeNext()}");
        }

        var field = ReadIdentifier();
        var isRead = Array.IndexOf(MatrixFields, field) >= 0 || field is "baseMVA" or "version" or "bus_name";
        SkipInline();
        var c = AtEnd ? '\0' : (char)_text[_pos];
        if (c is '(' or '{' or '.')
        {
            if (isRead)
            {
                throw Error(line, $"{outVar}.{field} is changed by code (an indexed or nested assignment); Gridclear reads literal data only: "
                    + "save the case with MATPOWER's savecase");
            }

            SkipValue(field, line);
            NoteSkipped(file, field);
            EndStatement($"{outVar}.{field}");
            return;
        }

        if (c != '=' || (_pos + 1 < _text.Length && (char)_text[_pos + 1] == '='))
        {
            throw Error(_line, $"expected '=' after {outVar}.{field}, found {DescribeNext()}");
        }

        _pos++;
        SkipInline();
        if (isRead)
        {
            if (file.AssignedAt.TryGetValue(field, out var first))
            {
                throw Error(line, $"{outVar}.{field} is assigned twice (first at line {first})");
            }

            file.AssignedAt[field] = line;
        }

        if (Array.IndexOf(MatrixFields, field) >= 0)
        {
            if (AtEnd || (char)_text[_pos] != '[')
            {
                throw Error(_line, $"{outVar}.{field} must be a literal matrix '[ … ]', found {DescribeNext()}");
            }

            _pos++;
            if (_deferred is not null && Delimit() is var (end, lines) && end - _pos >= ParallelMatrixBytes)
            {
                _deferred.Add(field, line, _pos, _line, end - _pos);
                _pos = end + 1;
                _line += lines;
            }
            else
            {
                file.Matrices[field] = ReadMatrix(field, line);
            }
        }
        else if (field == "baseMVA")
        {
            file.BaseMva = ReadScalar(field);
            file.BaseMvaLine = line;
        }
        else if (field == "version")
        {
            file.Version = !AtEnd && (char)_text[_pos] is '\'' or '"' ? ReadQuoted() : ReadScalar(field).ToString(CultureInfo.InvariantCulture);
            file.VersionLine = line;
        }
        else if (field == "bus_name")
        {
            if (AtEnd || (char)_text[_pos] != '{')
            {
                throw Error(_line, $"{outVar}.bus_name must be a cell array of quoted names '{{ … }}', found {DescribeNext()}");
            }

            _pos++;
            file.BusNames = ReadCell(field, line);
            file.BusNamesLine = line;
        }
        else
        {
            SkipValue(field, line);
            NoteSkipped(file, field);
        }

        EndStatement($"{outVar}.{field}");
    }

    private static void NoteSkipped(MatpowerFile file, string field)
    {
        if (!file.SkippedFields.Contains(field))
        {
            file.SkippedFields.Add(field);
        }
    }

    /// <summary>A statement ends at <c>;</c>, <c>,</c>, a new line, a comment or the end of the file.</summary>
    private void EndStatement(string what)
    {
        SkipInline();
        if (AtEnd)
        {
            return;
        }

        var c = (char)_text[_pos];
        if (c is ';' or ',' or '\n' or '%')
        {
            return;
        }

        throw Error(_line, $"unexpected {DescribeNext()} after {what}; expected ';' or the end of the line");
    }

    /// <summary>The error for a matrix whose rows differ in length: the first row that differs from the length most rows
    /// have (the first row's length when as many rows have it as any other).</summary>
    private InvalidInputException RaggedRows(string field, int firstCount, int firstLine, int rowCount, List<(int Line, int Count)> odd)
    {
        var byCount = odd.GroupBy(r => r.Count).Select(g => (Count: g.Key, Rows: g.Count())).ToList();
        var firstRows = rowCount - odd.Count;
        var (common, commonRows) = byCount.Aggregate((Count: firstCount, Rows: firstRows), (best, g) => g.Rows > best.Rows ? g : best);
        if (common != firstCount)
        {
            return Error(firstLine, $"this row of mpc.{field} has {firstCount} values but {commonRows} of its {rowCount} rows have {common}");
        }

        var (line, count) = odd[0];
        return Error(line, $"this row of mpc.{field} has {count} values but the rows above it have {firstCount}");
    }

    /// <summary>Reads a matrix after its '[' up to and including ']'.</summary>
    /// <remarks>Optimised from the first call: the CLI reads one case per process, so tiered JIT would run it unoptimised.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal MatpowerMatrix ReadMatrix(string field, int startLine)
    {
        // Values in an array sized once the first row gives the width (rows ≈ the lines up to the closing bracket),
        // handed to the matrix as it is: no growth copies, no final copy. Lines are kept per value only where a value
        // is not on its row's first line (after a '...' continuation): a case file is one row a line.
        var values = new double[256];
        var lines = new MatpowerMatrix.LineBook();
        var bookLine = 0;
        var n = 0;
        var columns = -1;
        var rowStart = 0;
        var rowLine = _line;
        var firstRowLine = _line;

        // Rows whose length differs from the first row's: reported at the end, against the length most rows have,
        // so a short first row is blamed, not the good row after it.
        List<(int Line, int Count)>? odd = null;
        var rowCount = 0;
        var text = _text;
        while (true)
        {
            if (_pos >= text.Length)
            {
                throw Unclosed(field, startLine, ']');
            }

            var c = (char)text[_pos];
            switch (c)
            {
                case ' ' or '\t' or '\r' or ',':
                    _pos++;
                    continue;
                case '%':
                    SkipComment();
                    continue;
                case '\n' or ';' or ']':
                    var count = n - rowStart;
                    if (count > 0)
                    {
                        rowCount++;
                        if (columns < 0)
                        {
                            columns = count;
                            firstRowLine = rowLine;
                            var close = IndexOf((byte)']', _pos);
                            var expected = ((close < 0 ? 0 : text[_pos..close].Count((byte)'\n')) + 1) * (long)columns;
                            if (expected > values.Length && expected <= Array.MaxLength)
                            {
                                Array.Resize(ref values, (int)expected);
                            }
                        }
                        else if (count != columns)
                        {
                            (odd ??= []).Add((rowLine, count));
                        }

                        rowStart = n;
                    }

                    _pos++;
                    if (c == '\n')
                    {
                        _line++;
                    }
                    else if (c == ']')
                    {
                        if (odd is not null)
                        {
                            throw RaggedRows(field, columns, firstRowLine, rowCount, odd);
                        }

                        var rows = columns <= 0 ? 0 : n / columns;
                        return new MatpowerMatrix(field, startLine, rows, Math.Max(columns, 0), values, lines.Done());
                    }

                    continue;
                case '.' when IsContinuation():
                    SkipContinuation();
                    continue;
                case '[' or '{' or '}' or ')' or '(' or '\'' or '"':
                    throw Error(_line, $"mpc.{field} holds {Describe(c)} where a number belongs");
            }

            if (n == rowStart)
            {
                rowLine = _line;
            }

            // The token's end and, on the way, its value when it is a plain decimal (TryParsePlainDecimal's rule, in one
            // pass over the bytes); any other token is parsed again from its text.
            var tokenStart = _pos;
            var pos = tokenStart;
            var negative = text[pos] == '-';
            if (negative)
            {
                pos++;
            }

            ulong mantissa = 0;
            var digits = 0;
            var decimals = -1;
            var plain = true;
            while (pos < text.Length)
            {
                var b = text[pos];
                var d = (uint)(b - '0');
                if (d <= 9)
                {
                    mantissa = (mantissa * 10) + d; // below 2^57: no overflow, as mantissa ≤ 2^53 while plain
                    plain &= mantissa <= 1UL << 53;
                    mantissa = plain ? mantissa : 0;
                    digits++;
                    decimals += decimals >= 0 ? 1 : 0;
                }
                else if (b == '.')
                {
                    if (pos + 2 < text.Length && text[pos + 1] == '.' && text[pos + 2] == '.')
                    {
                        break;
                    }

                    plain &= decimals < 0;
                    decimals = 0;
                }
                else if (b is (byte)' ' or (byte)'\t' or (byte)',' or (byte)';' or (byte)']' or (byte)'\n' or (byte)'\r' or (byte)'%' or (byte)'[' or (byte)'{' or (byte)'}' or (byte)'\'' or (byte)'"')
                {
                    break;
                }
                else
                {
                    plain = false;
                }

                pos++;
            }

            _pos = pos;
            if (pos >= text.Length)
            {
                throw Unclosed(field, startLine, ']'); // the file ends inside a number: truncated, whatever the number
            }

            if (n == values.Length)
            {
                Array.Resize(ref values, 2 * n);
            }

            if (plain && digits > 0 && decimals <= 22)
            {
                var value = decimals > 0 ? mantissa / PowersOfTen[decimals] : mantissa;
                values[n] = negative ? -value : value;
            }
            else
            {
                values[n] = ParseNumber(text[tokenStart..pos], field);
            }

            if (n == rowStart || _line != bookLine)
            {
                // Only a row's first value and a value on a new line (after a continuation) are booked.
                lines.Add(n, n == rowStart, _line);
                bookLine = _line;
            }

            n++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ParseNumber(ReadOnlySpan<byte> token, string field)
    {
        if (TryParsePlainDecimal(token, out var plain))
        {
            return plain;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var unsigned = token.Length > 0 && (char)token[0] is '+' or '-' ? token[1..] : token;
        if (Ascii.EqualsIgnoreCase(unsigned, "Inf"u8))
        {
            return token[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (Ascii.EqualsIgnoreCase(unsigned, "NaN"u8))
        {
            return double.NaN;
        }

        throw Error(_line, $"mpc.{field} holds '{Shorten(Encoding.UTF8.GetString(token))}' where a number belongs");
    }

    /// <summary>Exact powers of ten: every one up to 1e22 is a double without rounding.</summary>
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// The fast path for what case files are made of: an optional minus, digits, an optional point and digits,
    /// no exponent. When the digits fit in 2^53 and there are at most 22 decimals, mantissa / 10^k is one
    /// correctly rounded division of two exact doubles, so the result equals double.Parse's (Clinger's fast path).
    /// Anything else falls back to double.Parse.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParsePlainDecimal(ReadOnlySpan<byte> token, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (token.Length > 0 && token[0] == '-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var decimals = -1;
        for (; i < token.Length; i++)
        {
            var c = (char)token[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                mantissa = (mantissa * 10) + d; // below 2^57: no overflow, as mantissa ≤ 2^53 before
                if (mantissa > 1UL << 53)
                {
                    return false;
                }

                digits++;
                if (decimals >= 0)
                {
                    decimals++;
                }
            }
            else if (c == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || decimals > 22)
        {
            return false;
        }

        value = decimals > 0 ? mantissa / PowersOfTen[decimals] : mantissa;
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private double ReadScalar(string field)
    {
        var start = _pos;
        while (!AtEnd && (char)_text[_pos] is not (' ' or '\t' or '\r' or '\n' or ';' or ',' or '%'))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error(_line, $"mpc.{field} needs a number, found {DescribeNext()}");
        }

        return ParseNumber(_text[start.._pos], field);
    }

    /// <summary>Reads a cell array after its '{' up to and including '}': rows of quoted strings (or bare tokens).</summary>
    private List<List<(string Text, bool Quoted, int Line)>> ReadCell(string field, int startLine)
    {
        var rows = new List<List<(string, bool, int)>>();
        var row = new List<(string, bool, int)>();
        while (true)
        {
            if (AtEnd)
            {
                throw Unclosed(field, startLine, '}');
            }

            var c = (char)_text[_pos];
            switch (c)
            {
                case ' ' or '\t' or '\r' or ',':
                    _pos++;
                    continue;
                case '%':
                    SkipComment();
                    continue;
                case '\n' or ';' or '}':
                    if (row.Count > 0)
                    {
                        rows.Add(row);
                        row = [];
                    }

                    _pos++;
                    if (c == '\n')
                    {
                        _line++;
                    }
                    else if (c == '}')
                    {
                        return rows;
                    }

                    continue;
                case '.' when IsContinuation():
                    SkipContinuation();
                    continue;
                case '\'' or '"':
                    var line = _line;
                    row.Add((ReadQuoted(), true, line));
                    continue;
                case '{' or '[' or '(' or ']' or ')':
                    throw Error(_line, $"mpc.{field} holds {Describe(c)}; only quoted names are expected");
            }

            var start = _pos;
            while (!AtEnd && (char)_text[_pos] is not (' ' or '\t' or '\r' or '\n' or ';' or ',' or '%' or '}' or '\'' or '"'))
            {
                _pos++;
            }

            row.Add((Encoding.UTF8.GetString(_text[start.._pos]), false, _line));
        }
    }

    /// <summary>Reads a quoted string at the current quote; a doubled quote stands for one.</summary>
    private string ReadQuoted()
    {
        var quote = (char)_text[_pos];
        var line = _line;
        _pos++;
        var start = _pos;
        StringBuilder? escaped = null;
        while (true)
        {
            if (AtEnd || (char)_text[_pos] == '\n')
            {
                throw Error(line, "a quoted string is not closed on its line");
            }

            if ((char)_text[_pos] == quote)
            {
                if (_pos + 1 < _text.Length && (char)_text[_pos + 1] == quote)
                {
                    escaped ??= new StringBuilder();
                    escaped.Append(Encoding.UTF8.GetString(_text[start..(_pos + 1)]));
                    _pos += 2;
                    start = _pos;
                    continue;
                }

                var tail = Encoding.UTF8.GetString(_text[start.._pos]);
                _pos++;
                return escaped is null ? tail : escaped.Append(tail).ToString();
            }

            _pos++;
        }
    }

    /// <summary>Skips the value of a field Gridclear does not use, whatever its shape, to the end of its statement.</summary>
    private void SkipValue(string field, int startLine)
    {
        var stack = new Stack<char>();
        var previous = '=';
        while (true)
        {
            if (AtEnd)
            {
                if (stack.Count > 0)
                {
                    throw Unclosed(field, startLine, stack.Peek());
                }

                return;
            }

            var c = (char)_text[_pos];
            switch (c)
            {
                case '%':
                    SkipComment();
                    continue;
                case '.' when IsContinuation():
                    SkipContinuation();
                    previous = ' ';
                    continue;
                case '\n':
                    if (stack.Count == 0)
                    {
                        return;
                    }

                    _line++;
                    break;
                case ';' or ',' when stack.Count == 0:
                    return;
                case '[':
                    stack.Push(']');
                    break;
                case '{':
                    stack.Push('}');
                    break;
                case '(':
                    stack.Push(')');
                    break;
                case ']' or '}' or ')':
                    if (stack.Count == 0 || stack.Peek() != c)
                    {
                        throw Error(_line, $"unbalanced {Describe(c)} in mpc.{field}");
                    }

                    stack.Pop();
                    break;
                case '"':
                    ReadQuoted();
                    previous = '"';
                    continue;
                case '\'' when !(char.IsLetterOrDigit(previous) || previous is '_' or ')' or ']' or '}' or '.' or '\''):
                    ReadQuoted();
                    previous = '"';
                    continue;
            }

            previous = c;
            _pos++;
        }
    }

    /// <summary>Between statements: blank space, new lines, separators, comments (also <c>%{ … %}</c> blocks).</summary>
    private void SkipBetweenStatements()
    {
        while (!AtEnd)
        {
            var c = (char)_text[_pos];
            switch (c)
            {
                case ' ' or '\t' or '\r' or ';' or ',':
                    _pos++;
                    break;
                case '\n':
                    _pos++;
                    _line++;
                    break;
                case '%':
                    if (IsBlockCommentOpening())
                    {
                        SkipBlockComment();
                    }
                    else
                    {
                        SkipComment();
                    }

                    break;
                case '.' when IsContinuation():
                    SkipContinuation();
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>Inside a statement: blanks and continuations only.</summary>
    private void SkipInline()
    {
        while (!AtEnd)
        {
            var c = (char)_text[_pos];
            if (c is ' ' or '\t' or '\r')
            {
                _pos++;
            }
            else if (c == '.' && IsContinuation())
            {
                SkipContinuation();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>To the end of the line, leaving the new line to the caller.</summary>
    private void SkipComment()
    {
        var next = IndexOf((byte)'\n', _pos);
        _pos = next < 0 ? _text.Length : next;
    }

    private bool IsContinuation() => _pos + 2 < _text.Length && (char)_text[_pos + 1] == '.' && (char)_text[_pos + 2] == '.';

    /// <summary>'...' makes the rest of the line a comment and joins the next line to this one.</summary>
    private void SkipContinuation()
    {
        var next = IndexOf((byte)'\n', _pos);
        if (next < 0)
        {
            _pos = _text.Length;
            return;
        }

        _pos = next + 1;
        _line++;
    }

    /// <summary>A block comment opens with a line holding only '%{'.</summary>
    private bool IsBlockCommentOpening()
    {
        if (_pos + 1 >= _text.Length || (char)_text[_pos + 1] != '{')
        {
            return false;
        }

        var lineStart = _text[..Math.Max(_pos, 0)].LastIndexOf((byte)'\n') + 1;
        if (_pos > 0 && (char)_text[_pos - 1] == '\n')
        {
            lineStart = _pos;
        }

        var end = IndexOf((byte)'\n', _pos);
        var rest = _text[(_pos + 2)..(end < 0 ? _text.Length : end)];
        return IsBlank(_text[lineStart.._pos]) && IsBlank(rest);
    }

    private void SkipBlockComment()
    {
        var line = _line;
        var depth = 0;
        while (!AtEnd)
        {
            var end = IndexOf((byte)'\n', _pos);
            var content = _text[_pos..(end < 0 ? _text.Length : end)];
            content = content[Ascii.Trim(content)];
            if (content.SequenceEqual("%{"u8))
            {
                depth++;
            }
            else if (content.SequenceEqual("%}"u8))
            {
                depth--;
            }

            if (end < 0)
            {
                _pos = _text.Length;
                break;
            }

            _pos = end + 1;
            _line++;
            if (depth == 0)
            {
                return;
            }
        }

        throw Error(line, "the block comment '%{' that starts here is not closed by '%}'");
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit((char)_text[_pos]) || (char)_text[_pos] == '_'))
        {
            _pos++;
        }

        return Encoding.ASCII.GetString(_text[start.._pos]);
    }

    /// <summary>
    /// The closing ']' of the matrix whose text starts here and the new lines before it, without parsing: comments and
    /// '...' continuations end at their line, anything else waits for the parse. (−1, 0) when there is no ']'.
    /// </summary>
    private (int End, int Lines) Delimit()
    {
        // Searched for ']' and '%' alone ('.' is in nearly every number); a '...' continuation before the one found
        // turns the rest of its line into a comment, as the parse reads it.
        var pos = _pos;
        var lines = 0;
        while (true)
        {
            var at = _text[pos..].IndexOfAny((byte)']', (byte)'%');
            if (at < 0)
            {
                return (-1, 0);
            }

            var dots = _text.Slice(pos, at).IndexOf("..."u8);
            if (dots >= 0)
            {
                at = dots;
            }

            lines += _text.Slice(pos, at).Count((byte)'\n');
            pos += at;
            if (_text[pos] == ']')
            {
                return (pos, lines);
            }

            // A comment or a continuation: to the end of the line; the new line itself is counted with what follows.
            var next = _text[pos..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return (-1, 0);
            }

            pos += next;
        }
    }

    /// <summary>Where <paramref name="value"/> next occurs at or after <paramref name="from"/>, or −1.</summary>
    private int IndexOf(byte value, int from)
    {
        var at = _text[from..].IndexOf(value);
        return at < 0 ? -1 : from + at;
    }

    private static bool IsBlank(ReadOnlySpan<byte> text) => Ascii.Trim(text).GetOffsetAndLength(text.Length).Length == 0;

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c);

    private static bool IsIdentifier(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !IsIdentifierStart(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private InvalidInputException Unclosed(string field, int startLine, char closer) =>
        Error(startLine, $"mpc.{field} starts at line {startLine} but is not closed: the file ends at line {LastLine} "
            + $"before its '{closer}' (is the file truncated?)");

    /// <summary>The last line with text: a final new line does not start another.</summary>
    private int LastLine => _text.Length > 0 && (char)_text[^1] == '\n' && _line > 1 ? _line - 1 : _line;

    private InvalidInputException Error(int line, string problem) => new(_source, line, problem);

    // A byte ≥ 0x80 starts a multi-byte character: the message names the character (U+FFFD when the bytes are not UTF-8).
    private string DescribeNext() =>
        AtEnd ? "the end of the file"
        : _text[_pos] < 0x80 ? Describe((char)_text[_pos])
        : Rune.DecodeFromUtf8(_text[_pos..], out var rune, out _) != System.Buffers.OperationStatus.Done ? Describe('\uFFFD')
        : rune.IsBmp ? Describe((char)rune.Value)
        : $"the character U+{rune.Value:X4}";

    private static string Describe(char c) => c switch
    {
        '\n' => "the end of the line",
        '\'' => "a quote (')",
        '"' => "a quote (\")",
        _ when char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' => $"the character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private static string Shorten(string s) => s.Length <= 24 ? s : s[..24] + "…";
}
