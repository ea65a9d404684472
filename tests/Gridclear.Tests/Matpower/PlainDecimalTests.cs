using System.Globalization;
using Gridclear.IO.Matpower;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Matpower;

/// <summary>The reader's fast number path must give exactly (bit for bit) what double.Parse gives.</summary>
public class PlainDecimalTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("-17.371589")]
    [InlineData("0.1")]
    [InlineData("9007199254740991")]
    [InlineData("0.0000000000000000000001")]
    [InlineData("123456789012.3456")]
    public void Agrees_with_double_parse(string token) => AssertSame(token);

    [Theory]
    [InlineData("1e5")]
    [InlineData("+1")]
    [InlineData("Inf")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("9007199254740993")]
    [InlineData("0.00000000000000000000001")]
    public void Leaves_the_rest_to_double_parse(string token) => Assert.False(MatpowerScanner.TryParsePlainDecimal(System.Text.Encoding.UTF8.GetBytes(token), out _));

    [Fact]
    public void Agrees_on_every_number_of_a_large_case_and_on_random_decimals()
    {
        var text = File.ReadAllText(TestPaths.Case("case_ACTIVSg10k"));
        var checkedTokens = 0;
        foreach (var token in text.Split([' ', '\t', '\n', '\r', ';', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (MatpowerScanner.TryParsePlainDecimal(System.Text.Encoding.UTF8.GetBytes(token), out _))
            {
                AssertSame(token);
                checkedTokens++;
            }
        }

        Assert.True(checkedTokens > 400_000, $"{checkedTokens} tokens");
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var integer = random.NextInt64(0, 10_000_000_000);
            var fraction = random.NextInt64(0, 10_000_000);
            var token = (random.Next(2) == 0 ? "-" : string.Empty) + integer.ToString(CultureInfo.InvariantCulture) + "."
                + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(random.Next(1, 9), '0');
            if (MatpowerScanner.TryParsePlainDecimal(System.Text.Encoding.UTF8.GetBytes(token), out _))
            {
                AssertSame(token);
                checkedTokens++;
            }
        }

        Assert.True(checkedTokens > 500_000, $"{checkedTokens} tokens");
    }

    /// <summary>A matrix's numbers are parsed on the way through their text (not by TryParsePlainDecimal): every kind of
    /// token, plain or not, must come out as double.Parse reads it, small matrices and deferred large ones alike.</summary>
    [Fact]
    public void A_matrix_reads_every_token_as_double_parse_does()
    {
        string[] tokens =
        [
            "0", "-0", "5.", ".5", "-17.371589", "0.1", "9007199254740991", "9007199254740992", "9007199254740993",
            "18446744073709551617", "0.0000000000000000000001", "0.00000000000000000000001", "1e5", "-2.5E-3", "+1", "Inf",
            "-inf", "123456789012.3456", "-0.30000000000000004", "99999999999999999999.5",
        ];
        var random = new Random(11);
        var rows = new List<string>();
        for (var r = 0; r < 2_000; r++)
        {
            rows.Add(string.Join("\t", Enumerable.Range(0, tokens.Length).Select(c => tokens[(c + r + random.Next(3)) % tokens.Length])));
        }

        foreach (var count in new[] { 1, rows.Count })
        {
            var text = "function mpc = t\nmpc.bus = [\n" + string.Join(";\n", rows.Take(count)) + "\n];\n";
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            Assert.Equal(count > 1, bytes.Length > MatpowerScanner.ParallelMatrixBytes);
            var matrix = MatpowerScanner.Scan(bytes, "t.m").Matrices["bus"];
            for (var r = 0; r < count; r++)
            {
                var row = rows[r].Split('\t');
                for (var c = 0; c < row.Length; c++)
                {
                    var expected = row[c].EndsWith("inf", StringComparison.OrdinalIgnoreCase)
                        ? (row[c][0] == '-' ? double.NegativeInfinity : double.PositiveInfinity) // MATLAB's Inf, which double.Parse does not know
                        : double.Parse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture);
                    Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(matrix[r, c]), $"row {r + 1}, {row[c]}: {matrix[r, c]:R}");
                }
            }
        }
    }

    private static void AssertSame(string token)
    {
        Assert.True(MatpowerScanner.TryParsePlainDecimal(System.Text.Encoding.UTF8.GetBytes(token), out var fast), token);
        var expected = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(fast), $"{token}: {fast:R} ≠ {expected:R}");
    }
}
