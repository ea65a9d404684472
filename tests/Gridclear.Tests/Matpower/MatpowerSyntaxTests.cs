using Gridclear.IO.Matpower;
using Gridclear.Network;

namespace Gridclear.Tests.Matpower;

/// <summary>The MATLAB that real case files use: comments, continuations, separators, skipped fields.</summary>
public class MatpowerSyntaxTests
{
    private const string Tiny = """
        function mpc = tiny
        mpc.version = '2';
        mpc.baseMVA = 100;
        mpc.bus = [
        	1	3	0	0	0	0	1	1	0	230	1	1.1	0.9;
        	2	1	50	0	0	0	1	1	0	230	1	1.1	0.9;
        ];
        mpc.gen = [
        	1	0	0	0	0	1	100	1	100	0;
        ];
        mpc.branch = [
        	1	2	0	0.1	0	100	0	0	0	0	1;
        ];
        """;

    [Fact]
    public void Tiny_case_reads_with_default_angle_limits()
    {
        var c = MatpowerReader.Parse(Tiny, "tiny.m");

        Assert.Equal(("tiny", 2, 1, 1), (c.Name, c.Buses.Count, c.Generators.Count, c.Branches.Count));
        Assert.Empty(c.GenCosts);
        Assert.Equal((-360.0, 360.0), (c.Branches[0].AngMinDeg, c.Branches[0].AngMaxDeg));
    }

    [Fact]
    public void Continuations_comments_commas_exponents_and_inf()
    {
        var text = Tiny.Replace(
            "\t2\t1\t50\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;",
            "% a comment line inside the matrix; with ] and [ in it\n"
            + "  2, 1, 5.0e1, ... the rest of this line is ignored ]\n"
            + "     0, 0 0 1 1 0 2.3E+2 1 1.1 0.9   % PD written as 5.0e1\n",
            StringComparison.Ordinal)
            .Replace("\t1\t2\t0\t0.1\t0\t100\t0\t0\t0\t0\t1;", "1 2 0 .1 0 Inf 0 0 0 0 1", StringComparison.Ordinal);

        var c = MatpowerReader.Parse(text, "tiny.m");

        Assert.Equal(50, c.Buses[1].Pd);
        Assert.Equal(230, c.Buses[1].BaseKv);
        Assert.Equal(7, c.Buses[1].SourceLine); // the row starts on the line after the comment line
        Assert.Equal(0.1, c.Branches[0].X);
        Assert.True(double.IsPositiveInfinity(c.Branches[0].RateA));
    }

    [Fact]
    public void Rows_on_one_line_and_a_matrix_on_one_line()
    {
        var text = Tiny.Replace(
            "mpc.bus = [\n\t1\t3\t0\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;\n\t2\t1\t50\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;\n];",
            "mpc.bus = [1 3 0 0 0 0 1 1 0 230 1 1.1 0.9; 2 1 50 0 0 0 1 1 0 230 1 1.1 0.9];",
            StringComparison.Ordinal);
        Assert.NotEqual(Tiny, text);

        var c = MatpowerReader.Parse(text, "tiny.m");

        Assert.Equal([1, 2], c.Buses.Select(b => b.Id));
        Assert.All(c.Buses, b => Assert.Equal(4, b.SourceLine));
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark()
    {
        var c = MatpowerReader.Parse("\uFEFF" + Tiny.Replace("\n", "\r\n", StringComparison.Ordinal), "tiny.m");

        Assert.Equal(2, c.Buses.Count);
        Assert.Equal(12, c.Branches[0].SourceLine);
    }

    [Fact]
    public void Unused_fields_of_any_shape_are_skipped()
    {
        var text = Tiny + """

            mpc.areas = [
            	1	1;
            ];
            mpc.gentype = {
            	'NG';   % ']' and '}' in comments do not close anything
            };
            mpc.genfuel = { 'it''s; %not a comment ] }' };
            mpc.user = struct('a', [1 2 3; 4 5 6], 'b', "text; with ] and %", ...
                'c', {{1, 'x'}});
            mpc.user.sub(2) = 5;
            mpc.flags = [1 2 3]';
            mpc.nested = { {1, 'x'}, [1 2; 3 4] };
            """;

        var c = MatpowerReader.Parse(text, "tiny.m");

        Assert.Equal(2, c.Buses.Count);
        Assert.Equal(["areas", "gentype", "genfuel", "user", "flags", "nested"], c.SkippedFields!);
    }

    [Fact]
    public void Bus_names_with_quotes_and_percent_signs()
    {
        var text = Tiny + "\nmpc.bus_name = {\n\t'O''Brien 230';  % first\n\t'100% \"North\"';\n};\n";

        var c = MatpowerReader.Parse(text, "tiny.m");

        Assert.Equal(["O'Brien 230", "100% \"North\""], c.BusNames!);
    }

    [Fact]
    public void Gencost_padding_and_reactive_rows()
    {
        var gen2 = Tiny.Replace("\t1\t0\t0\t0\t0\t1\t100\t1\t100\t0;\n", "\t1\t0\t0\t0\t0\t1\t100\t1\t100\t0;\n\t2\t0\t0\t0\t0\t1\t100\t1\t50\t0;\n", StringComparison.Ordinal);
        var text = gen2 + """

            mpc.gencost = [
            	1	0	0	2	0	0	100	2000;
            	2	5	1	3	0.01	20	7	0;
            	2	0	0	1	0	0	0	0;
            	2	0	0	1	0	0	0	0;
            ];
            """;

        var c = MatpowerReader.Parse(text, "tiny.m");

        Assert.Equal(2, c.GenCosts.Count);
        Assert.Equal(new[] { 0.0, 0.0, 100.0, 2000.0 }, c.GenCosts[0].Parameters);
        Assert.Equal(CostModel.Polynomial, c.GenCosts[1].Model);
        Assert.Equal((5.0, 1.0), (c.GenCosts[1].Startup, c.GenCosts[1].Shutdown));
        Assert.Equal(new[] { 0.01, 20, 7 }, c.GenCosts[1].Parameters);
    }

    [Fact]
    public void Without_a_function_line_the_name_is_the_file_stem()
    {
        var text = Tiny.Replace("function mpc = tiny\n", "%{\nA block comment\nwith mpc.bus = [ inside\n%}\n", StringComparison.Ordinal);

        var c = MatpowerReader.Parse(text, "/some/where/my_case.m");

        Assert.Equal("my_case", c.Name);
        Assert.Equal(8, c.Buses[0].SourceLine);
    }

    [Fact]
    public void A_version_1_layout_without_version_reads_when_columns_match()
    {
        var text = Tiny.Replace("mpc.version = '2';\n", string.Empty, StringComparison.Ordinal);

        var c = MatpowerReader.Parse(text, "tiny.m");

        Assert.Equal(2, c.Buses.Count);
    }

    [Fact]
    public void Out_of_service_branch_may_have_zero_reactance_and_isolated_buses_count_as_out()
    {
        var text = Tiny.Replace("\t1\t2\t0\t0.1\t0\t100\t0\t0\t0\t0\t1;", "\t1\t2\t0\t0.1\t0\t100\t0\t0\t0\t0\t1;\n\t1\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0;\n\t1\t3\t0\t0\t0\t0\t0\t0\t0\t0\t1;", StringComparison.Ordinal)
            .Replace("\t2\t1\t50\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;", "\t2\t1\t50\t0\t0\t0\t1\t1\t0\t230\t1\t1.1\t0.9;\n\t3\t4\t10\t0\t0\t0\t2\t1\t0\t230\t1\t1.1\t0.9;", StringComparison.Ordinal);

        var c = MatpowerReader.Parse(text, "tiny.m");
        var s = CaseSummary.Of(c);

        Assert.Equal((3, 2, 3, 1, 50.0, 1), (s.Buses, s.InServiceBuses, s.Branches, s.InServiceBranches, s.TotalLoadMw, s.Areas));
    }
}
