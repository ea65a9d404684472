using System.CommandLine;
using System.Net;
using Gridclear.Cli;
using Gridclear.Service.Files;
using Gridclear.Service.Tests.Support;

namespace Gridclear.Service.Tests;

/// <summary>
/// The service's results are the CLI's: the example market put through the API (operator files, each participant's
/// own rows) and cleared gives byte for byte the files <c>./gridclear clear</c> writes for examples/market.
/// </summary>
[Collection(ClearedExampleCollection.Name)]
public sealed class EqualityTests(ClearedExample example)
{
    private static readonly Lazy<string> CliOut = new(RunCli);

    [Theory]
    [InlineData("prices", "lmp.csv")]
    [InlineData("constraints", "constraints.csv")]
    [InlineData("zonal", "zonal.csv")]
    [InlineData("hubs", "hubs.csv")]
    public async Task Public_results_equal_the_CLI_s_files_byte_for_byte(string endpoint, string file)
    {
        using var client = example.Host.Client();
        var served = await client.GetAsync($"/api/days/{ClearedExample.Day}/{endpoint}").Expect(HttpStatusCode.OK);
        Assert.Equal(File.ReadAllText(Path.Combine(CliOut.Value, file)), served);
    }

    [Fact]
    public async Task Statements_equal_the_CLI_s_settlement_rows_and_sum_to_zero()
    {
        var cli = File.ReadAllText(Path.Combine(CliOut.Value, "settlement.csv"));
        using var op = example.Host.Client(ExampleDay.Operator);
        Assert.Equal(cli, await op.GetAsync($"/api/days/{ClearedExample.Day}/statement").Expect(HttpStatusCode.OK));

        var table = CsvSource.Parse(cli, "settlement.csv", "participant", "amount");
        var (p, a) = (CsvSource.Column(table, "participant"), CsvSource.Column(table, "amount"));
        var total = 0m;
        foreach (var name in ExampleMarket.Participants())
        {
            using var client = example.Host.Client(name);
            var served = await client.GetAsync($"/api/days/{ClearedExample.Day}/statement").Expect(HttpStatusCode.OK);
            var expected = CsvSource.Write(table.Header, table.Rows.Where(r => r.Fields[p] == name).Select(r => r.Fields));
            Assert.Equal(expected, served);
            var rows = CsvSource.Parse(served, "statement", "amount");
            total += rows.Rows.Sum(r => decimal.Parse(r.Fields[a], System.Globalization.CultureInfo.InvariantCulture));
        }

        total += table.Rows.Where(r => r.Fields[p] == "operator").Sum(r => decimal.Parse(r.Fields[a], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0m, total);
    }

    [Fact]
    public async Task Prices_as_JSON_are_the_same_numbers()
    {
        using var client = example.Host.Client();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var json = System.Text.Json.JsonDocument.Parse(await client.GetAsync($"/api/days/{ClearedExample.Day}/prices").Expect(HttpStatusCode.OK));
        var cli = CsvSource.Parse(File.ReadAllText(Path.Combine(CliOut.Value, "lmp.csv")), "lmp.csv", "bus", "lmp");
        Assert.Equal(cli.Rows.Count, json.RootElement.GetArrayLength());
        var first = json.RootElement[0];
        Assert.Equal(double.Parse(cli.Rows[0].Fields[CsvSource.Column(cli, "lmp")], System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("lmp").GetDouble());
    }

    /// <summary>The CLI's own verb, in process, on examples/market: exactly what <c>./gridclear clear</c> runs.</summary>
    private static string RunCli()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gridclear-service-tests", "cli-" + Guid.NewGuid().ToString("N"));
        var root = new RootCommand();
        foreach (var verb in Verbs.All())
        {
            root.Subcommands.Add(verb);
        }

        var code = CommandRunner.Invoke(root, ["clear", "--case", Path.Combine(Repo.ExampleMarket, "network.m"), "--market", Repo.ExampleMarket, "--out", dir], TextWriter.Null);
        Assert.Equal(0, code);
        return dir;
    }
}
