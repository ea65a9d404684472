using Gridclear.Cli;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.FlowPaths;

/// <summary>Bad flow-path input exits 2 naming the file, the line and the problem, and writes nothing.</summary>
public sealed class FlowPathBadInputTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        {
            "a path naming a missing branch", "flowpaths.csv",
            "path,from_bus,to_bus,weight,rating\nP12,1,2,1,60\nP23,2,4,1,300\n",
            "flowpaths.csv:3: no branch of the case joins buses 2 and 4"
        },
        {
            "a path with two ratings", "flowpaths.csv",
            "path,from_bus,to_bus,weight,rating\nP12,1,2,1,60\nP12,1,3,1,70\n",
            "flowpaths.csv:3: flow path P12 has rating 60 on line 2 but 70 here: one rating per path"
        },
        {
            "a threshold above 100", "thresholds.csv",
            "parameter,value\nW,50\nX,110\nY,80\nZ,40\n",
            "thresholds.csv:3: X = 110 is not a percentage in 0-100"
        },
        {
            "a negative threshold", "thresholds.csv",
            "parameter,value\nW,-1\nX,10\nY,80\nZ,40\n",
            "thresholds.csv:2: W = -1 is not a percentage in 0-100"
        },
        {
            "Y below W", "thresholds.csv",
            "parameter,value\nW,50\nX,10\nY,20\nZ,40\n",
            "thresholds.csv:4: Y = 20 % is below W = 50 %"
        },
        {
            "Z below X", "thresholds.csv",
            "parameter,value\nW,50\nX,10\nY,80\nZ,5\n",
            "thresholds.csv:5: Z = 5 % is below X = 10 %"
        },
        {
            "a missing threshold", "thresholds.csv",
            "parameter,value\nW,50\nX,10\nY,80\n",
            "thresholds.csv: Z is missing"
        },
        {
            "a right on an unknown path", "path_rights.csv",
            "holder,path,mw\nGamma,P13,5\n",
            "path_rights.csv:2: path P13 is not in flowpaths.csv"
        },
        {
            "a contract at an unknown bus", "contracts.csv",
            "contract,holder,source,sink,mw\nC1,Alpha,1,9,30\n",
            "contracts.csv:2: column 'sink': bus 9 is not in the network"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_exits_2_naming_file_line_and_problem(string what, string file, string text, string expected)
    {
        using var folder = FlowPathCli.ExampleWith(new Dictionary<string, string?> { [file] = text });
        using var output = new TempFolder(new Dictionary<string, string>());
        var outDir = Path.Combine(output.Path, "out");
        var (code, _, error) = FlowPathCli.Run("path-rights", "--case", FlowPathCli.ExampleCase, "--market", folder.Path, "--out", outDir);

        Assert.True(code == CommandRunner.BadInput, $"{what}: exit {code}, {error}");
        Assert.Contains(Path.Combine(folder.Path, expected), error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "nothing is written on bad input");
    }

    [Fact]
    public void A_market_without_flowpaths_csv_exits_2()
    {
        using var folder = FlowPathCli.ExampleWith(new Dictionary<string, string?> { ["flowpaths.csv"] = null });
        using var output = new TempFolder(new Dictionary<string, string>());
        var (code, _, error) = FlowPathCli.Run("path-rights", "--case", FlowPathCli.ExampleCase, "--market", folder.Path, "--out", output.Path);
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("flowpaths.csv", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ptdf_paths_with_a_missing_branch_exits_2_with_the_line()
    {
        using var folder = new TempFolder(new Dictionary<string, string> { ["paths.csv"] = "path,from_bus,to_bus,weight,rating\nP,1,4,1,60\n" });
        var (code, _, error) = FlowPathCli.Run("ptdf", "--case", FlowPathCli.ExampleCase, "--paths", Path.Combine(folder.Path, "paths.csv"), "--out", Path.Combine(folder.Path, "out.csv"));
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains("paths.csv:2: no branch of the case joins buses 1 and 4", error, StringComparison.Ordinal);
    }
}
