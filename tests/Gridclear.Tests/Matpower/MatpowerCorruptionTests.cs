using Gridclear.IO.Matpower;

namespace Gridclear.Tests.Matpower;

/// <summary>
/// What a user gets wrong in a case file, each as one edit of case5.m: the reader must throw
/// <see cref="InvalidInputException"/> naming the file and the line (checked by hand against case5.m).
/// </summary>
public class MatpowerCorruptionTests
{
    private const string Source = "case5.m";

    public static TheoryData<string, string, string, int?, string> Corruptions() => new()
    {
        // what, find, replace with, expected line (null: no single line), part of the problem
        { "text where a number belongs", "\t2\t1\t300\t98.61", "\t2\t1\tabc\t98.61", 25, "'abc' where a number belongs" },
        { "an expression where a number belongs", "\t400\t131.47", "\t2*200\t131.47", 27, "'2*200' where a number belongs" },
        { "a quote inside a matrix", "\t5\t466.51", "\t5\t'466.51'", 38, "where a number belongs" },
        { "NaN in a required column", "\t2\t1\t300\t98.61", "\t2\t1\tNaN\t98.61", 25, "PD (column 3) is NaN" },
        { "a row one value short", "230\t1\t1.1\t0.9;\n\t5\t2", "230\t1\t1.1;\n\t5\t2", 27, "has 12 values but the rows above it have 13" },
        { "a branch at an unknown bus", "\t2\t3\t0.00108", "\t2\t33\t0.00108", 47, "connects bus 33, which is not in mpc.bus" },
        { "a generator at an unknown bus", "\t4\t0\t0\t150", "\t44\t0\t0\t150", 37, "is at bus 44, which is not in mpc.bus" },
        { "a duplicate bus id", "\t5\t2\t0\t0\t0\t0\t1", "\t3\t2\t0\t0\t0\t0\t1", 28, "bus 3 appears twice in mpc.bus (first at line 26)" },
        { "a fractional bus id", "\t5\t2\t0\t0\t0\t0\t1", "\t5.5\t2\t0\t0\t0\t0\t1", 28, "BUS_I (column 1) is 5.5" },
        { "a bus id too large for an integer", "\t5\t2\t0\t0\t0\t0\t1", "\t1e20\t2\t0\t0\t0\t0\t1", 28, "must be a whole number" },
        { "an unknown bus type", "\t5\t2\t0\t0\t0\t0\t1", "\t5\t7\t0\t0\t0\t0\t1", 28, "BUS_TYPE (column 2) is 7" },
        { "no reference bus", "\t4\t3\t400", "\t4\t2\t400", 23, "no reference bus" },
        { "an in-service branch from a bus to itself", "\t2\t3\t0.00108", "\t2\t2\t0.00108", 47, "connects bus 2 to itself" },
        { "zero reactance on an in-service branch", "0.00064\t0.0064\t", "0.00064\t0\t", 46, "zero reactance" },
        { "a negative rating", "400\t400\t400", "-400\t400\t400", 44, "RATE_A (column 6) is -400" },
        // A row continued with '...': the value is reported on the line it is on, not its row's first line.
        { "zero reactance after a continuation", "0.00064\t0.0064\t", "0.00064\t...\n\t0\t", 47, "zero reactance" },
        { "an unknown bus after a continuation", "\t2\t3\t0.00108", "\t2\t...\n\t33\t0.00108", 48, "connects bus 33, which is not in mpc.bus" },
        { "a non-ASCII character between statements", "mpc.baseMVA = 100;", "mpc.baseMVA = 100;\n\u00e9", 20, "unexpected '\u00e9'" },
        { "PMIN above PMAX", "\t1\t100\t1\t40\t0\t", "\t1\t100\t1\t40\t50\t", 34, "PMIN 50 exceeds PMAX 40" },
        { "a gencost row missing", "\t2\t0\t0\t2\t40\t0;\n", string.Empty, 56, "mpc.gencost has 4 rows but mpc.gen has 5 generators" },
        { "an unknown cost model", "\t2\t0\t0\t2\t30\t0;", "\t3\t0\t0\t2\t30\t0;", 59, "MODEL (column 1) is 3" },
        { "NCOST larger than the row", "\t2\t0\t0\t2\t15\t0;", "\t2\t0\t0\t3\t15\t0;", 58, "NCOST 3 needs 3 coefficients" },
        { "piecewise points missing", "\t2\t0\t0\t2\t14\t0;", "\t1\t0\t0\t2\t14\t0;", 57, "NCOST 2 needs 4 numbers" },
        { "no bus matrix", "mpc.bus = [", "mpc.buses = [", null, "no mpc.bus matrix" },
        { "no gen matrix", "mpc.gen = [", "mpc.generators = [", null, "no mpc.gen matrix" },
        { "no branch matrix", "mpc.branch = [", "mpc.lines = [", null, "no mpc.branch matrix" },
        { "no baseMVA", "mpc.baseMVA = 100;", string.Empty, null, "no mpc.baseMVA" },
        { "a zero baseMVA", "mpc.baseMVA = 100;", "mpc.baseMVA = 0;", 19, "mpc.baseMVA is 0" },
        { "version 1 with version 2 columns", "mpc.version = '2';", "mpc.version = '1';", 15, "version 1" },
        { "no version with version 2 columns", "mpc.version = '2';", string.Empty, null, "has no mpc.version" },
        { "an unknown version", "mpc.version = '2';", "mpc.version = '3';", 15, "mpc.version is '3'" },
        { "a version 1 function", "function mpc = case5", "function [baseMVA, bus, gen, branch] = case5", 1, "version 1 case" },
        { "code that changes a matrix", "mpc.gencost = [", "mpc.bus(2, 3) = 10;\nmpc.gencost = [", 56, "mpc.bus is changed by code" },
        { "code that is not an assignment to mpc", "mpc.gencost = [", "Vbase = 230e3;\nmpc.gencost = [", 56, "'Vbase' is not an assignment to mpc" },
        { "a matrix assigned twice", "mpc.gencost = [", "mpc.gen = [1 2];\nmpc.gencost = [", 56, "mpc.gen is assigned twice (first at line 33)" },
        { "a matrix given by a function call", "mpc.gencost = [", "mpc.gencost = load('costs.txt');\nmpc.x = [", 56, "must be a literal matrix" },
        { "an unclosed string", "mpc.gencost = [", "mpc.bus_name = { 'a;\n};\nmpc.gencost = [", 56, "quoted string is not closed" },
        { "too few bus names", "mpc.gencost = [", "mpc.bus_name = { 'a'; 'b' };\nmpc.gencost = [", 56, "mpc.bus_name has 2 names but mpc.bus has 5 buses" },
        { "a bus name that is not quoted", "mpc.gencost = [", "mpc.bus_name = { 'a'; 'b'; c; 'd'; 'e' };\nmpc.gencost = [", 56, "entry 3 must be one quoted name" },
        { "garbage between matrices", "%% generator data", "@@ generator data", 31, "unexpected '@'" },
        { "a stray bracket in a matrix", "\t5\t466.51", "\t5\t[466.51", 38, "holds '[' where a number belongs" },
        { "an unbalanced bracket in a skipped field", "mpc.gencost = [", "mpc.areas = [1 2) ;\nmpc.gencost = [", 56, "unbalanced ')'" },
        { "text after a matrix", "];\n\n%% generator data", "] junk;\n\n%% generator data", 29, "unexpected 'j' after mpc.bus" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Each_corruption_names_file_and_line(string what, string find, string replacement, int? line, string problem)
    {
        var (text, _) = CaseText.Replace(CaseText.Case5, find, replacement);

        var e = Assert.Throws<InvalidInputException>(() => MatpowerReader.Parse(text, Source));

        Assert.True(e.Line == line, $"{what}: expected line {line?.ToString() ?? "none"}, got {e.Line?.ToString() ?? "none"}: {e.Message}");
        Assert.Equal(Source, e.Source);
        Assert.StartsWith(line is null ? $"{Source}: " : $"{Source}:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generator_problem_is_reported_before_a_branch_problem()
    {
        // The branches are read on another thread while the generators are read: the error is still the one a reading
        // in order meets first, every time.
        var (withBranch, _) = CaseText.Replace(CaseText.Case5, "\t2\t3\t0.00108", "\t2\t33\t0.00108");
        var (both, _) = CaseText.Replace(withBranch, "\t4\t0\t0\t150", "\t44\t0\t0\t150");

        for (var run = 0; run < 20; run++)
        {
            var e = Assert.Throws<InvalidInputException>(() => MatpowerReader.Parse(both, Source));
            Assert.Equal(37, e.Line);
            Assert.Contains("is at bus 44, which is not in mpc.bus", e.Message, StringComparison.Ordinal);
        }

        var branchOnly = Assert.Throws<InvalidInputException>(() => MatpowerReader.Parse(withBranch, Source));
        Assert.Equal(47, branchOnly.Line);
    }

    [Fact]
    public void Every_row_too_short_names_the_first_row()
    {
        var text = CaseText.Case5.Replace("\t1.1\t0.9;", "\t1.1;", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidInputException>(() => MatpowerReader.Parse(text, Source));

        Assert.Equal(24, e.Line);
        Assert.Contains("mpc.bus has 12 columns; it needs at least 13", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_says_where_the_open_matrix_started()
    {
        var text = CaseText.Case5[..CaseText.Case5.IndexOf("\t4\t5\t0.00297", StringComparison.Ordinal)];

        var e = Assert.Throws<InvalidInputException>(() => MatpowerReader.Parse(text, Source));

        Assert.Equal(43, e.Line);
        Assert.StartsWith("case5.m:43: mpc.branch starts at line 43 but is not closed: the file ends at line 48", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_skipped_field_says_where_it_started()
    {
        var text = CaseText.Case5 + "\nmpc.gentype = {\n\t'NG';\n\t'NG';\n";
        var line = CaseText.LineOf(text, "mpc.gentype");

        var e = Assert.Throws<InvalidInputException>(() => MatpowerReader.Parse(text, Source));

        Assert.Equal(line, e.Line);
        Assert.Contains("mpc.gentype starts at line", e.Message, StringComparison.Ordinal);
        Assert.Contains("before its '}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decreasing_piecewise_point_is_refused()
    {
        var text = CaseText.Case5
            .Replace("mpc.gencost = [\n\t2\t0\t0\t2\t14\t0;", "mpc.gencost = [\n\t1\t0\t0\t2\t40\t10\t20\t30;", StringComparison.Ordinal)
            .Replace("\t2\t0\t0\t2\t15\t0;", "\t2\t0\t0\t2\t15\t0\t0\t0;", StringComparison.Ordinal)
            .Replace("\t2\t0\t0\t2\t30\t0;", "\t2\t0\t0\t2\t30\t0\t0\t0;", StringComparison.Ordinal)
            .Replace("\t2\t0\t0\t2\t40\t0;", "\t2\t0\t0\t2\t40\t0\t0\t0;", StringComparison.Ordinal)
            .Replace("\t2\t0\t0\t2\t10\t0;", "\t2\t0\t0\t2\t10\t0\t0\t0;", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidInputException>(() => MatpowerReader.Parse(text, Source));

        Assert.Equal(57, e.Line);
        Assert.Contains("x2 = 20 is less than x1 = 40", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_bad_input()
    {
        var path = Path.Combine(Path.GetTempPath(), "gridclear-no-such-case-" + Guid.NewGuid().ToString("N") + ".m");

        var e = Assert.Throws<InvalidInputException>(() => MatpowerReader.ReadFile(path));

        Assert.StartsWith(path + ": cannot read the case file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupted_file_on_disk_is_named_by_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "gridclear-bad-" + Guid.NewGuid().ToString("N") + ".m");
        File.WriteAllText(path, CaseText.Replace(CaseText.Case5, "\t2\t3\t0.00108", "\t2\t33\t0.00108").Text);
        try
        {
            var e = Assert.Throws<InvalidInputException>(() => MatpowerReader.ReadFile(path));

            Assert.StartsWith(path + ":47: ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
