using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.Tests.MarketFolder;

public sealed class CsvTableTests
{
    private static CsvTable Parse(string text, string[]? optional = null) =>
        CsvTable.Parse(text, "t.csv", ["id", "mw"], optional);

    /// <summary>A table whose text column is the free-form note, where line breaks are data.</summary>
    private static CsvTable ParseNotes(string text) =>
        CsvTable.Parse(text, "t.csv", ["mw"], ["note"]);

    private static InvalidInputException Fails(string text, string[]? optional = null) =>
        Assert.Throws<InvalidInputException>(() => Parse(text, optional));

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        // Line breaks are data only in free-form note columns: names refuse control characters.
        var t = ParseNotes("note,mw\n\"a, b\",1\n\"say \"\"hi\"\"\", 2 \n\"two\nlines\",3\nlast,4\n");

        Assert.Equal(["a, b", "say \"hi\"", "two\nlines", "last"], t.Rows.Select(r => t.GetString(r, "note")));
        Assert.Equal([1.0, 2, 3, 4], t.Rows.Select(r => t.GetDouble(r, "mw")));
        Assert.Equal([2, 3, 4, 6], t.Rows.Select(r => r.Line)); // a row starts on its first line
    }

    [Fact]
    public void Spaces_around_fields_are_trimmed_but_quoted_content_is_kept()
    {
        var t = Parse("  id , MW \n  x  , \" 5\" \n");
        Assert.Equal("x", t.GetString(t.Rows[0], "id"));
        Assert.Equal(" 5", t.GetString(t.Rows[0], "mw"));
        Assert.Equal(5, t.GetDouble(t.Rows[0], "mw"));
    }

    [Fact]
    public void A_byte_order_mark_is_ignored_in_text_and_in_files()
    {
        var t = Parse("\uFEFFid,mw\na,1\n");
        Assert.Equal("a", t.GetString(t.Rows[0], "id"));

        var path = Path.Combine(Path.GetTempPath(), $"gridclear-csv-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "id,mw\nb,2\n"u8.ToArray()]);
        try
        {
            var f = CsvTable.Read(path, ["id", "mw"]);
            Assert.Equal("b", f.GetString(f.Rows[0], "id"));
            Assert.Equal(path, f.Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Blank_and_comment_lines_are_skipped_and_lines_keep_their_numbers()
    {
        var t = Parse("# a market file\n\nid,mw\n\n   \na,1\n# note\n  # indented note\nb,2\n\n");
        Assert.Equal(3, t.HeaderLine);
        Assert.Equal([6, 9], t.Rows.Select(r => r.Line));
        var e = Assert.Throws<InvalidInputException>(() => t.GetInt(t.Rows[1], "id"));
        Assert.Equal("t.csv:9: column 'id': 'b' is not an integer", e.Message);
    }

    [Fact]
    public void A_hash_inside_a_row_is_data()
    {
        var t = Parse("id,mw\n\"#1\",1\nG#2,2\n");
        Assert.Equal(["#1", "G#2"], t.Rows.Select(r => t.GetString(r, "id")));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Any_line_end_works(string eol)
    {
        var t = Parse($"id,mw{eol}a,1{eol}{eol}b,2{eol}");
        Assert.Equal([2, 4], t.Rows.Select(r => r.Line));
        Assert.Equal("b", t.GetString(t.Rows[1], "id"));
        Assert.Equal(2, t.GetDouble(t.Rows[1], "mw"));
    }

    [Fact]
    public void A_quoted_line_break_keeps_crlf_and_counts_lines()
    {
        var t = ParseNotes("note,mw\r\n\"x\r\ny\",1\r\nz,2\r\n");
        Assert.Equal("x\r\ny", t.GetString(t.Rows[0], "note"));
        Assert.Equal(4, t.Rows[1].Line);
    }

    [Fact]
    public void A_missing_column_names_the_header()
    {
        var e = Fails("id,price\na,1\n");
        Assert.Equal("t.csv", e.Source);
        Assert.Equal(1, e.Line);
        Assert.Contains("missing column 'mw' (header: id,price", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_names_ignore_case_and_free_form_note_columns_are_accepted()
    {
        var t = Parse("ID,Mw,comment\na,1,whatever\n");
        Assert.Equal(1, t.GetDouble(t.Rows[0], "mw"));
        Assert.Equal(["ID", "Mw", "comment"], t.Header);
    }

    [Fact]
    public void An_unknown_column_is_an_error_naming_it()
    {
        var e = Fails("id,mw,coun\na,1,x\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("unknown column 'coun'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_named_twice_is_an_error()
    {
        var e = Fails("id,mw,MW\na,1,2\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("column 'MW' appears twice", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,mw\na\n", 2, "the row has 1 field(s) but the header has 2")]
    [InlineData("id,mw\na,1,2\n", 2, "the row has 3 field(s) but the header has 2")]
    [InlineData("id,mw\na,1\n\"b,2\n", 3, "a quoted field is not closed")]
    [InlineData("id,mw\n\"a\"x,1\n", 2, "unexpected 'x' after a closing quote")]
    [InlineData("", 1, "the file has no header row (expected columns: id,mw)")]
    [InlineData("# only a comment\n\n", 1, "the file has no header row")]
    public void Malformed_text_names_the_line(string text, int line, string problem)
    {
        var e = Fails(text);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "column 'mw': 'abc' is not a number")]
    [InlineData("1,5", null)] // a quoted decimal comma is not a number either
    [InlineData("Infinity", "column 'mw': 'Infinity' is not a finite number")]
    [InlineData("", "column 'mw' is empty")]
    public void Numbers_are_invariant_and_finite(string value, string? problem)
    {
        var t = Parse($"id,mw\na,\"{value}\"\n");
        var e = Assert.Throws<InvalidInputException>(() => t.GetDouble(t.Rows[0], "mw"));
        Assert.Equal(2, e.Line);
        Assert.Contains(problem ?? "is not a number", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_getters_parse_numbers_integers_booleans_and_enums()
    {
        var t = Parse("id,mw,n,flag,kind\na,-3.5e2,-7,YES,Generator\nb,0.25,12,0,load\n", ["n", "flag", "kind"]);
        Assert.Equal(-350, t.GetDouble(t.Rows[0], "mw"));
        Assert.Equal(-7, t.GetInt(t.Rows[0], "n"));
        Assert.True(t.GetBool(t.Rows[0], "flag"));
        Assert.False(t.GetBool(t.Rows[1], "flag"));
        Assert.Equal(ResourceKind.Generator, t.GetEnum<ResourceKind>(t.Rows[0], "kind"));
        Assert.Equal(ResourceKind.Load, t.GetEnum<ResourceKind>(t.Rows[1], "kind"));
        Assert.Equal("column 'mw': '0.25' is not an integer", Assert.Throws<InvalidInputException>(() => t.GetInt(t.Rows[1], "mw")).Problem);
    }

    [Fact]
    public void Enum_getter_refuses_numbers_and_lists_the_names()
    {
        var t = Parse("id,mw,kind\na,1,0\n", ["kind"]);
        var e = Assert.Throws<InvalidInputException>(() => t.GetEnum<ResourceKind>(t.Rows[0], "kind"));
        Assert.Equal("column 'kind': '0' is not one of generator, load", e.Problem);
    }

    [Fact]
    public void Optional_columns_fall_back_when_absent_or_empty()
    {
        var absent = Parse("id,mw\na,1\n", ["min_mw", "circuit"]);
        Assert.False(absent.Has("min_mw"));
        Assert.Equal(4, absent.GetDouble(absent.Rows[0], "min_mw", 4));
        Assert.Null(absent.GetOptionalInt(absent.Rows[0], "circuit"));
        Assert.Null(absent.GetOptionalString(absent.Rows[0], "circuit"));

        var empty = Parse("id,mw,min_mw,circuit\na,1,,\nb,1,2.5,3\n", ["min_mw", "circuit"]);
        Assert.True(empty.Has("min_mw"));
        Assert.Equal(0, empty.GetDouble(empty.Rows[0], "min_mw", 0));
        Assert.Null(empty.GetOptionalInt(empty.Rows[0], "circuit"));
        Assert.Equal(2.5, empty.GetDouble(empty.Rows[1], "min_mw", 0));
        Assert.Equal(3, empty.GetOptionalInt(empty.Rows[1], "circuit"));
    }

    [Fact]
    public void Reading_an_undeclared_column_is_a_programming_error()
    {
        var t = Parse("id,mw,note\na,1,2\n");
        Assert.Throws<InvalidOperationException>(() => t.GetString(t.Rows[0], "note"));
    }

    [Fact]
    public void An_unreadable_file_is_bad_input()
    {
        var e = Assert.Throws<InvalidInputException>(() => CsvTable.Read("/nonexistent/x.csv", ["id"]));
        Assert.Equal("/nonexistent/x.csv", e.Source);
        Assert.Null(e.Line);
    }
}
