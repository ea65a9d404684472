using System.Net;
using Gridclear.Service.Tests.Support;
using Gridclear.Store;
using Microsoft.Data.Sqlite;

namespace Gridclear.Service.Tests;

/// <summary>
/// The real server process killed with SIGKILL in the middle of a write (held open there by GRIDCLEAR_FAULT_PAUSE, after
/// part of the write is done) and started again on the same store: everything committed before is there, nothing of
/// the killed write is.
/// </summary>
public sealed class DurabilityTests
{
    private const string Day = "2026-12-03";
    private const string B = "CentralEnergy";

    [Fact]
    public async Task Killed_during_a_submission_the_earlier_submission_survives_and_the_new_one_left_nothing()
    {
        var store = NewStoreFile();
        var keys = ServerProcess.RegisterInStore(store, [(ExampleDay.Operator, true), (B, false)]);
        var v1 = ExampleMarket.BidsOf(B)["offers.csv"];
        var v2 = string.Join('\n', v1.Split('\n')[..3]) + "\n";

        using (var server = await ServerProcess.StartAsync(store, keys))
        {
            await ExampleDay.PutOperatorFiles(server, Day);
            using var b = server.Client(B);
            await b.PutText($"/api/days/{Day}/bids/offers.csv", v1).Expect(HttpStatusCode.OK);
            server.Kill(); // committed, then killed without any shutdown
        }

        using (var server = await ServerProcess.StartAsync(store, keys, faultPause: "submission:60000"))
        {
            using var b = server.Client(B);
            var put = b.PutText($"/api/days/{Day}/bids/offers.csv", v2);
            await server.WaitForLine("fault pause inside the submission transaction", TimeSpan.FromSeconds(60));
            server.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => put);
        }

        using (var server = await ServerProcess.StartAsync(store, keys))
        {
            using var b = server.Client(B);
            Assert.Equal(v1, await b.GetAsync($"/api/days/{Day}/bids/offers.csv").Expect(HttpStatusCode.OK));
            // The killed write had logged itself before the pause: that row went with it.
            Assert.Equal(1L, Count(store, "SELECT COUNT(*) FROM submission_log"));
            await b.PutText($"/api/days/{Day}/bids/offers.csv", v2).Expect(HttpStatusCode.OK);
            Assert.Equal(v2, await b.GetAsync($"/api/days/{Day}/bids/offers.csv").Expect(HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task Killed_during_a_clear_the_earlier_clear_is_whole_and_the_killed_one_left_nothing()
    {
        var store = NewStoreFile();
        var keys = ServerProcess.RegisterInStore(store, ExampleMarket.Participants().Select(p => (p, false)).Prepend((ExampleDay.Operator, true)));
        string firstPrices;
        using (var server = await ServerProcess.StartAsync(store, keys))
        {
            await ExampleDay.PutOperatorFiles(server, Day);
            await ExampleDay.SubmitAll(server, Day);
            using var op = server.Client(ExampleDay.Operator);
            await op.PostAsync($"/api/days/{Day}/clear", null).Expect(HttpStatusCode.OK);
            firstPrices = await op.GetAsync($"/api/days/{Day}/prices").Expect(HttpStatusCode.OK);
            server.Kill();
        }

        var filesPerClear = Count(store, "SELECT COUNT(*) FROM clear_files");
        Assert.True(filesPerClear >= 8, $"a clear of the example market stores its output files ({filesPerClear})");

        using (var server = await ServerProcess.StartAsync(store, keys, faultPause: "clear:60000"))
        {
            using var op = server.Client(ExampleDay.Operator);
            var clear = op.PostAsync($"/api/days/{Day}/clear", null);
            await server.WaitForLine("fault pause inside the clear transaction", TimeSpan.FromSeconds(90));
            server.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => clear);
        }

        Assert.Equal(1L, Count(store, "SELECT COUNT(*) FROM clears"));
        Assert.Equal(filesPerClear, Count(store, "SELECT COUNT(*) FROM clear_files"));
        using (var server = await ServerProcess.StartAsync(store, keys))
        {
            using var client = server.Client();
            Assert.Equal(firstPrices, await client.GetAsync($"/api/days/{Day}/prices").Expect(HttpStatusCode.OK));
            using var b = server.Client(B);
            Assert.NotEmpty(await b.GetAsync($"/api/days/{Day}/statement").Expect(HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task The_README_s_serve_load_command_loads_clears_and_serves_the_example()
    {
        var store = NewStoreFile();
        using var server = await ServerProcess.StartAsync(store, [], null, "--load", Repo.ExampleMarket, "--day", Day);
        await server.WaitForLine("gridclear: the map:", TimeSpan.FromSeconds(120));
        using var client = server.Client();
        var prices = await client.GetAsync($"/api/days/{Day}/prices").Expect(HttpStatusCode.OK);
        Assert.Equal(119, prices.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header and 118 buses
        Assert.Contains("<svg id=\"map\"", await client.GetAsync("/").Expect(HttpStatusCode.OK), StringComparison.Ordinal);
    }

    private static string NewStoreFile() =>
        Path.Combine(Path.GetTempPath(), "gridclear-service-tests", Guid.NewGuid().ToString("N"), "market.db");

    /// <summary>Reads the store file directly (a fresh connection, after the server is gone or beside it).</summary>
    private static long Count(string storeFile, string sql)
    {
        using var c = new SqliteConnection($"Data Source={storeFile};Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
