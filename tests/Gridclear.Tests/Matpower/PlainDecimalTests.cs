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

    private static void AssertSame(string token)
    {
        Assert.True(MatpowerScanner.TryParsePlainDecimal(System.Text.Encoding.UTF8.GetBytes(token), out var fast), token);
        var expected = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(fast), $"{token}: {fast:R} ≠ {expected:R}");
    }
}
