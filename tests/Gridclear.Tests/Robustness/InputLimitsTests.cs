using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Network;
using Gridclear.Solvers;
using Gridclear.Tests.Market;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Robustness;

/// <summary>Issue 11: magnitudes beyond the input limits are refused with exit 2 and the line; the solver never
/// aborts the process (Clp asserts on costs of 1e25: exit 134 before).</summary>
public sealed class InputLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>case5 with one line replaced; the line number (1-based) is returned with the file.</summary>
    private string Case5With(string oldLine, string newLine)
    {
        var text = File.ReadAllText(TestPaths.Case("case5"));
        Assert.Contains(oldLine, text, StringComparison.Ordinal);
        var path = Path.Combine(_dir, "case.m");
        File.WriteAllText(path, text.Replace(oldLine, newLine, StringComparison.Ordinal));
        return path;
    }

    private static int LineOf(string path, string content) =>
        Array.FindIndex(File.ReadAllLines(path), l => l.Contains(content, StringComparison.Ordinal)) + 1;

    [Theory]
    [InlineData("\t2\t1\t300\t98.61\t", "\t2\t1\t1e30\t98.61\t", "PD 1E+30 is beyond the limit of ±1e7 MW")]
    [InlineData("\t1\t40\t0\t30\t-30\t1\t100\t1\t40\t0\t", "\t1\t40\t0\t30\t-30\t1\t100\t1\t1e30\t0\t", "PMAX 1E+30 is beyond the limit of ±1e7 MW")]
    [InlineData("\t2\t0\t0\t2\t14\t0;", "\t2\t0\t0\t2\t1e308\t0;", "the coefficient of P^1 1E+308 is beyond the limit of ±1e6 $/MWh")]
    [InlineData("\t1\t2\t0.00281\t0.0281\t0.00712\t400\t400\t400\t0\t", "\t1\t2\t0.00281\t0.0281\t0.00712\t400\t400\t400\t-0.9\t", "TAP is -0.9")]
    public void A_case_beyond_the_limits_exits_2_naming_the_line(string oldLine, string newLine, string problem)
    {
        var path = Case5With(oldLine, newLine);
        var run = InProcessCli.Run("clear", "--case", path, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, run.Code);
        Assert.Contains($"{path}:{LineOf(path, newLine)}:", run.Error, StringComparison.Ordinal);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Theory]
    [InlineData("offers.csv", "G10,2,151.5,27.48", "G10,2,151.5,1e26", "column 'price': 1E+26 is beyond the limit of ±1e6 $/MWh")]
    [InlineData("bids.csv", "L74,1,47.6,2000", "L74,1,47.6,1e308", "column 'price': 1E+308 is beyond the limit of ±1e6 $/MWh")]
    [InlineData("demand.csv", "L1,51", "L1,1e24", "column 'mw': 1E+24 is beyond the limit of ±1e7 MW")]
    [InlineData("offers.csv", "G10,2,151.5,27.48", "G10,2,1e30,27.48", "column 'mw': 1E+30 is beyond the limit of ±1e7 MW")]
    [InlineData("hubs.csv", "WEST_HUB,11,2", "WEST_HUB,11,1e300", "column 'weight': 1E+300 is beyond the limit of ±1e6")]
    public void A_market_beyond_the_limits_exits_2_naming_the_line(string file, string oldRow, string newRow, string problem)
    {
        var text = File.ReadAllText(Path.Combine(ExampleMarket.Folder, file));
        Assert.Contains(oldRow + "\n", text, StringComparison.Ordinal);
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { [file] = text.Replace(oldRow + "\n", newRow + "\n", StringComparison.Ordinal) });
        var run = InProcessCli.Run("clear", "--case", ExampleMarket.Case, "--market", market.Path, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, run.Code);
        var line = LineOf(Path.Combine(market.Path, file), newRow);
        Assert.Contains($"{file}:{line}: {problem}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shortage_of_a_million_MW_is_within_the_limits()
    {
        var text = File.ReadAllText(Path.Combine(ExampleMarket.Folder, "demand.csv")).Replace("L1,51\n", "L1,1000000\n", StringComparison.Ordinal);
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string> { ["demand.csv"] = text });
        var input = MarketFolderReader.Read(market.Path, NetworkCompiler.Compile(MatpowerReader.ReadFile(ExampleMarket.Case)).Network);
        Assert.Equal(1e6, input.Demand["L1"]);
    }

    [Fact]
    public void The_engine_records_refuse_magnitudes_beyond_the_limits_too()
    {
        Assert.Throws<ArgumentException>(() => new PriceStep(1, 1e26));
        Assert.Throws<ArgumentException>(() => new PriceStep(1e24, 10));
        Assert.Throws<ArgumentException>(() => new ScheduleLeg(1, 1e30));
        Assert.Throws<ArgumentException>(() => new HubBus(1, 1e300));
    }

    [Fact]
    public void The_solver_refuses_a_cost_it_cannot_take_instead_of_aborting_the_process()
    {
        var problem = new LpProblem();
        var x = problem.AddColumn(0, 10, 1e26);
        problem.AddRow(new LpRow(1, double.PositiveInfinity, [x], [1.0]));
        using var model = new ClpSolver().Load(problem, LpOptions.Default);
        var e = Assert.Throws<InvalidInputException>(() => model.Solve());
        Assert.Contains("beyond the ±1e20 the LP solver handles", e.Message, StringComparison.Ordinal);
    }
}
