using Gridclear.Cli;
using Gridclear.Tests.MarketFolder;

namespace Gridclear.Tests.Market;

/// <summary>
/// Bad market input through the command line (in-process): exit code 2 and a message naming the file, the line and
/// the problem (FORMATS.md). Each case is a small valid market on the example network with one file broken.
/// </summary>
public sealed class BadInputTests
{
    private static readonly Dictionary<string, string> Valid = new()
    {
        ["resources.csv"] = "resource,participant,bus,kind,settlement\nG10,WestPower,10,generator,nodal\nL11,WestPower,11,load,zonal\n",
        ["offers.csv"] = "resource,segment,mw,price\nG10,1,200,20\n",
        ["demand.csv"] = "resource,mw\nL11,70\n",
        ["schedules.csv"] = "schedule,participant,bus,mw,balanced\nS1,Trader,12,30,true\nS1,Trader,15,-30,true\n",
    };

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        {
            "schedule at an unknown bus", "schedules.csv",
            "schedule,participant,bus,mw,balanced\nS1,Trader,12,30,true\nS1,Trader,999,-30,true\n",
            "schedules.csv:3: column 'bus': bus 999 is not in the network"
        },
        {
            "balanced schedule that does not balance", "schedules.csv",
            "schedule,participant,bus,mw,balanced\nS1,Trader,12,30,true\nS1,Trader,15,-25,true\n",
            "schedules.csv:2: schedule S1 is balanced but its 2 row(s) sum to 5 MW, not 0"
        },
        {
            "election neither nodal nor zonal", "resources.csv",
            "resource,participant,bus,kind,settlement\nG10,WestPower,10,generator,nodal\nL11,WestPower,11,load,regional\n",
            "resources.csv:3: column 'settlement': 'regional' is not one of nodal, zonal"
        },
        {
            "resource owned by two participants", "resources.csv",
            "resource,participant,bus,kind,settlement\nG10,WestPower,10,generator,nodal\nL11,WestPower,11,load,zonal\nG10,EastGrid,10,generator,nodal\n",
            "resources.csv:4: resource G10 is owned by two participants: WestPower (line 2) and EastGrid"
        },
        {
            "trade whose rows name two counterparties", "schedules.csv",
            "schedule,participant,bus,mw,balanced,counterparty\nS1,Trader,12,30,true,Buyer\nS1,Trader,15,-30,true,Other\n",
            "schedules.csv:3: schedule S1 has counterparty Other here but Buyer on line 2"
        },
        {
            "portfolio instruction for a participant without schedules", "portfolio.csv",
            "participant,balanced\nNobody,true\n",
            "portfolio.csv:2: participant Nobody submits no schedule"
        },
    };

    [Fact]
    public void The_valid_base_market_clears()
    {
        using var folder = new TempFolder(Valid);
        using var output = new TempFolder(new Dictionary<string, string>());
        var (code, _, error) = ClearCli.Run("--case", ExampleMarket.Case, "--market", folder.Path, "--out", output.Path);
        Assert.True(code == CommandRunner.Success, error);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_exits_2_naming_file_line_and_problem(string what, string file, string text, string expected)
    {
        var files = new Dictionary<string, string>(Valid) { [file] = text };
        using var folder = new TempFolder(files);
        using var output = new TempFolder(new Dictionary<string, string>());
        var (code, _, error) = ClearCli.Run("--case", ExampleMarket.Case, "--market", folder.Path, "--out", output.Path);

        Assert.True(code == CommandRunner.BadInput, $"{what}: exit {code}, {error}");
        Assert.Contains(Path.Combine(folder.Path, expected), error, StringComparison.Ordinal);
    }
}
