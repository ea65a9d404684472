using System.CommandLine;
using System.Text.Json;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Matpower;

/// <summary>The <c>case info</c> verb, run in-process as <c>./gridclear</c> runs it.</summary>
public class CaseInfoCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand("test");
        root.Subcommands.Add(CaseCommand.Create(output));
        var code = CommandRunner.Invoke(root, args, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Table_for_case5()
    {
        var (code, output, error) = Run("case", "info", TestPaths.Case("case5"));

        Assert.True(code == CommandRunner.Success, error);
        Assert.Contains("case5", output, StringComparison.Ordinal);
        Assert.Contains("Branches in service", output, StringComparison.Ordinal);
        Assert.Contains("6 of 6", output, StringComparison.Ordinal);
        Assert.Contains("1,000.0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal); // no colour codes into a writer
    }

    [Fact]
    public void Json_for_case5()
    {
        var (code, output, _) = Run("case", "info", TestPaths.Case("case5"), "--json");

        Assert.Equal(CommandRunner.Success, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("case5", json.GetProperty("name").GetString());
        Assert.Equal(5, json.GetProperty("buses").GetInt32());
        Assert.Equal(6, json.GetProperty("inServiceBranches").GetInt32());
        Assert.Equal(5, json.GetProperty("inServiceGenerators").GetInt32());
        Assert.Equal(1000, json.GetProperty("totalLoadMw").GetDouble());
        Assert.Equal(2, json.GetProperty("limitedBranches").GetInt32());
        Assert.Equal(0, json.GetProperty("phaseShifters").GetInt32());
        Assert.Equal(1, json.GetProperty("areas").GetInt32());
    }

    /// <summary>Two live islands (1-2 and 3-4, each with generation and load, one reference bus): the summary still
    /// prints and says why the network model cannot be built, naming the islands.</summary>
    [Fact]
    public void Islands_are_reported()
    {
        const string text = """
            function mpc = islands
            mpc.version = '2';
            mpc.baseMVA = 100;
            mpc.bus = [
            1 3 0 0 0 0 1 1 0 100 1 1.1 0.9;
            2 1 50 0 0 0 1 1 0 100 1 1.1 0.9;
            3 2 0 0 0 0 1 1 0 100 1 1.1 0.9;
            4 1 40 0 0 0 1 1 0 100 1 1.1 0.9;
            ];
            mpc.gen = [
            1 50 0 0 0 1 100 1 100 0;
            3 40 0 0 0 1 100 1 100 0;
            ];
            mpc.branch = [
            1 2 0 0.1 0 0 0 0 0 0 1 -360 360;
            3 4 0 0.1 0 0 0 0 0 0 1 -360 360;
            ];
            """;
        var path = Path.Combine(Path.GetTempPath(), "gridclear-islands-" + Guid.NewGuid().ToString("N") + ".m");
        File.WriteAllText(path, text);
        try
        {
            var (code, output, error) = Run("case", "info", path);

            Assert.True(code == CommandRunner.Success, error);
            Assert.Contains("Islands", output, StringComparison.Ordinal);
            Assert.Contains("cannot be built", output, StringComparison.Ordinal);
            Assert.Contains("island", output.Split("Islands")[1], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_corrupted_case_exits_2_naming_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), "gridclear-info-" + Guid.NewGuid().ToString("N") + ".m");
        File.WriteAllText(path, CaseText.Replace(CaseText.Case5, "0.00064\t0.0064\t", "0.00064\t0\t").Text);
        try
        {
            var (code, output, error) = Run("case", "info", path);

            Assert.Equal(CommandRunner.BadInput, code);
            Assert.Contains($"{path}:46: ", error, StringComparison.Ordinal);
            Assert.Contains("zero reactance", error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_case_exits_2()
    {
        var (code, _, error) = Run("case", "info", "/nonexistent/case.m");

        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("/nonexistent/case.m", error, StringComparison.Ordinal);
    }
}
