using System.Text;
using Gridclear.IO.Matpower;
using Gridclear.Network;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Matpower;

/// <summary>Large matrices are parsed on the thread pool: the same case, and the same first error, as a plain reading.</summary>
public class ParallelMatrixTests
{
    private static readonly Lazy<string> Case2000 = new(() => File.ReadAllText(TestPaths.Case("case_ACTIVSg2000")));

    [Fact]
    public void A_case_with_large_matrices_reads_the_same_in_parallel()
    {
        var bytes = Encoding.UTF8.GetBytes(Case2000.Value);
        var branchText = Case2000.Value[Case2000.Value.IndexOf("mpc.branch", StringComparison.Ordinal)..];
        Assert.True(branchText.IndexOf("];", StringComparison.Ordinal) > MatpowerScanner.ParallelMatrixBytes, "the branch matrix is large enough to be deferred");

        var parallel = MatpowerCaseBuilder.Build(MatpowerScanner.Scan(bytes, "c.m"), "c.m");
        var plain = MatpowerCaseBuilder.Build(MatpowerScanner.Scan(bytes, "c.m", parallel: false), "c.m");

        Assert.Equal(plain.Buses, parallel.Buses);
        Assert.Equal(plain.Generators, parallel.Generators);
        Assert.Equal(plain.Branches, parallel.Branches);
        Assert.Equal(plain.GenCosts.Select(c => (c.Model, c.SourceLine, string.Join(",", c.Parameters))), parallel.GenCosts.Select(c => (c.Model, c.SourceLine, string.Join(",", c.Parameters))));
    }

    [Fact]
    public void A_continuation_whose_comment_holds_a_bracket_does_not_end_a_large_matrix()
    {
        // The scan delimits a deferred matrix by ']' and '%' alone: a ']' after '...' on its line is comment.
        var text = Case2000.Value;
        var branchAt = text.IndexOf("mpc.branch", StringComparison.Ordinal);
        var rowStart = text.IndexOf('\n', branchAt + 2000) + 1;
        var split = text.IndexOf('\t', rowStart + 2);
        text = text[..split] + " ... ] not the end; 1.5 ...]\n" + text[split..];
        var bytes = Encoding.UTF8.GetBytes(text);

        var parallel = MatpowerCaseBuilder.Build(MatpowerScanner.Scan(bytes, "c.m"), "c.m");
        var plain = MatpowerCaseBuilder.Build(MatpowerScanner.Scan(bytes, "c.m", parallel: false), "c.m");

        Assert.Equal(plain.Branches, parallel.Branches);
        Assert.Equal(MatpowerCaseBuilder.Build(MatpowerScanner.Scan(Encoding.UTF8.GetBytes(Case2000.Value), "c.m"), "c.m").Branches.Count, parallel.Branches.Count);
    }

    [Theory]
    [InlineData("a bad number in a large matrix")]
    [InlineData("a comment, a continuation and a bad number after them")]
    [InlineData("an error after a large matrix and one in it: the first wins")]
    public void Errors_name_the_line_a_plain_reading_names(string what)
    {
        var text = Case2000.Value;
        var branchAt = text.IndexOf("mpc.branch", StringComparison.Ordinal);
        var rowStart = text.IndexOf('\n', branchAt + 2000) + 1;
        var rowEnd = text.IndexOf('\n', rowStart);
        var row = text[rowStart..rowEnd];
        var broken = what switch
        {
            "a bad number in a large matrix" => row.Replace("\t0\t", "\tx0\t", StringComparison.Ordinal),
            "a comment, a continuation and a bad number after them" => "% a comment ] with a bracket\n" + row.Replace("\t0\t", "\t...\n\tx0\t", StringComparison.Ordinal),
            _ => row.Replace("\t0\t", "\tx0\t", StringComparison.Ordinal),
        };
        Assert.NotEqual(row, broken);
        text = text[..rowStart] + broken + text[rowEnd..];
        if (what.StartsWith("an error after", StringComparison.Ordinal))
        {
            text += "\nmpc.extra = oops(;\n";
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var plain = Assert.Throws<InvalidInputException>(() => MatpowerScanner.Scan(bytes, "c.m", parallel: false));
        var parallel = Assert.Throws<InvalidInputException>(() => MatpowerScanner.Scan(bytes, "c.m"));

        Assert.Equal(plain.Message, parallel.Message);
        Assert.Contains("'x0' where a number belongs", parallel.Message, StringComparison.Ordinal);
    }
}
