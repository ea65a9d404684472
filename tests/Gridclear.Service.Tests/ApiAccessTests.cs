using System.Net;
using Gridclear.Service.Tests.Support;

namespace Gridclear.Service.Tests;

/// <summary>
/// Who may do what, endpoint by endpoint: no key or a wrong key is 401 wherever a key is needed; a participant on an
/// operator's endpoint is 403; participant B can neither submit for nor read participant A's bids or statement; the
/// public results need no key. A is WestPower (generators and zonal loads), B CentralEnergy; schedules belong to
/// SierraMarketing and DeltaTrading.
/// </summary>
[Collection(ClearedExampleCollection.Name)]
public sealed class ApiAccessTests(ClearedExample example)
{
    private const string A = "WestPower";
    private const string B = "CentralEnergy";
    private const string Day = ClearedExample.Day;

    private ServiceHost Host => example.Host;

    public static TheoryData<string, string> KeyedEndpoints => new()
    {
        { "GET", "/api/me" },
        { "GET", $"/api/days/{Day}/network" },
        { "PUT", $"/api/days/{Day}/network" },
        { "GET", $"/api/days/{Day}/market/resources.csv" },
        { "PUT", $"/api/days/{Day}/market/zones.csv" },
        { "PUT", $"/api/days/{Day}/gate" },
        { "POST", $"/api/days/{Day}/clear" },
        { "PUT", $"/api/days/{Day}/bids/offers.csv" },
        { "GET", $"/api/days/{Day}/bids/offers.csv" },
        { "GET", $"/api/days/{Day}/submissions" },
        { "GET", $"/api/days/{Day}/statement" },
    };

    public static TheoryData<string, string> OperatorEndpoints => new()
    {
        { "PUT", $"/api/days/{Day}/network" },
        { "GET", $"/api/days/{Day}/market/resources.csv" },
        { "PUT", $"/api/days/{Day}/market/zones.csv" },
        { "PUT", $"/api/days/{Day}/gate" },
        { "POST", $"/api/days/{Day}/clear" },
    };

    public static TheoryData<string> PublicEndpoints => new()
    {
        "/api/days",
        $"/api/days/{Day}/map",
        $"/api/days/{Day}/gate",
        $"/api/days/{Day}/prices",
        $"/api/days/{Day}/constraints",
        $"/api/days/{Day}/zonal",
        $"/api/days/{Day}/hubs",
        $"/api/days/{Day}/summary",
        "/",
    };

    [Theory]
    [MemberData(nameof(KeyedEndpoints))]
    public async Task Without_a_key_or_with_a_wrong_key_every_keyed_endpoint_is_401(string method, string path)
    {
        using var none = Host.Client();
        var problem = await none.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("x") }).ExpectProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var wrong = Host.Client();
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", Host.Keys[A] + "x");
        await wrong.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("x") }).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task A_participant_on_an_operator_endpoint_is_403_and_nothing_changes(string method, string path)
    {
        var before = Host.Store.LatestClear(Day)!.Id;
        var marketBefore = Host.Store.MarketFiles(Day);
        using var b = Host.Client(B);
        await b.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("zone,bus\nX,1\n") }).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(before, Host.Store.LatestClear(Day)!.Id);
        Assert.Equal(marketBefore, Host.Store.MarketFiles(Day));
        Assert.Null(Host.Store.Day(Day)!.GateClosure);
    }

    [Theory]
    [MemberData(nameof(PublicEndpoints))]
    public async Task Public_results_need_no_key(string path)
    {
        using var none = Host.Client();
        var body = await none.GetAsync(path).Expect(HttpStatusCode.OK);
        Assert.NotEmpty(body);
    }

    [Fact]
    public async Task B_cannot_submit_offers_for_A_s_resource_and_is_told_the_line()
    {
        // B's own offers with one of A's generators slipped in on line 3.
        var bOffers = ExampleMarket.BidsOf(B)["offers.csv"].Split('\n');
        var aRow = ExampleMarket.BidsOf(A)["offers.csv"].Split('\n')[1];
        var text = string.Join('\n', bOffers[..2].Append(aRow).Concat(bOffers[2..]));
        var before = Host.Store.Submissions(Day).Single(s => s.Participant == B && s.File == "offers.csv");
        using var b = Host.Client(B);
        var problem = await b.PutText($"/api/days/{Day}/bids/offers.csv", text).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal("offers.csv", problem.GetProperty("file").GetString());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Contains($"is not assigned to {B}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Host.Store.Submissions(Day).Single(s => s.Participant == B && s.File == "offers.csv"));
    }

    [Theory]
    [InlineData("bids.csv", "MetroAggregator", B)]
    [InlineData("demand.csv", "CoastalRetail", B)]
    [InlineData("demand.csv", A, B)]
    public async Task Another_s_bids_or_demand_are_403(string file, string owner, string caller)
    {
        var text = ExampleMarket.BidsOf(owner)[file];
        using var client = Host.Client(caller);
        var problem = await client.PutText($"/api/days/{Day}/bids/{file}", text).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(file, problem.GetProperty("file").GetString());
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Schedules_adjustments_and_portfolio_of_another_are_403()
    {
        using var sierra = Host.Client("SierraMarketing");
        // DeltaTrading's schedules, as SierraMarketing: the rows name DeltaTrading.
        var delta = ExampleMarket.BidsOf("DeltaTrading");
        var p1 = await sierra.PutText($"/api/days/{Day}/bids/schedules.csv", delta["schedules.csv"]).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(2, p1.GetProperty("line").GetInt32());

        // DeltaTrading's schedule id under SierraMarketing's own name.
        var stolen = "schedule,participant,bus,mw,balanced\nDT_WE,SierraMarketing,10,50,true\nDT_WE,SierraMarketing,59,-50,true\n";
        var p2 = await sierra.PutText($"/api/days/{Day}/bids/schedules.csv", stolen).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("belongs to another participant", p2.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await sierra.PutText($"/api/days/{Day}/bids/adjustments.csv", delta["adjustments.csv"]).ExpectProblem(HttpStatusCode.Forbidden);
        await sierra.PutText($"/api/days/{Day}/bids/portfolio.csv", delta["portfolio.csv"]).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(ExampleMarket.BidsOf("SierraMarketing")["schedules.csv"], Host.Store.Submissions(Day).Single(s => s.Participant == "SierraMarketing" && s.File == "schedules.csv").Content);
    }

    [Fact]
    public async Task Each_reads_back_only_its_own_bids_and_the_operator_reads_all()
    {
        using var a = Host.Client(A);
        using var b = Host.Client(B);
        Assert.Equal(ExampleMarket.BidsOf(A)["offers.csv"], await a.GetAsync($"/api/days/{Day}/bids/offers.csv").Expect(HttpStatusCode.OK));
        var bOffers = await b.GetAsync($"/api/days/{Day}/bids/offers.csv").Expect(HttpStatusCode.OK);
        Assert.Equal(ExampleMarket.BidsOf(B)["offers.csv"], bOffers);
        Assert.DoesNotContain("G10,", bOffers, StringComparison.Ordinal); // G10 is A's

        // B has no bids.csv: 404, not someone else's.
        await b.GetAsync($"/api/days/{Day}/bids/bids.csv").ExpectProblem(HttpStatusCode.NotFound);

        var mine = await b.GetAsync($"/api/days/{Day}/submissions").Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(A, mine, StringComparison.Ordinal);
        Assert.Contains(B, mine, StringComparison.Ordinal);

        using var op = Host.Client(ExampleDay.Operator);
        var all = await op.GetAsync($"/api/days/{Day}/bids/offers.csv").Expect(HttpStatusCode.OK);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.ExampleMarket, "offers.csv")).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, all.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var everyone = await op.GetAsync($"/api/days/{Day}/submissions").Expect(HttpStatusCode.OK);
        Assert.Contains(A, everyone, StringComparison.Ordinal);
        Assert.Contains(B, everyone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_reads_only_its_own_statement_and_the_operator_reads_all()
    {
        using var a = Host.Client(A);
        using var b = Host.Client(B);
        var aRows = Rows(await a.GetAsync($"/api/days/{Day}/statement").Expect(HttpStatusCode.OK));
        var bRows = Rows(await b.GetAsync($"/api/days/{Day}/statement").Expect(HttpStatusCode.OK));
        Assert.NotEmpty(aRows);
        Assert.NotEmpty(bRows);
        Assert.All(aRows, r => Assert.Equal(A, r[0]));
        Assert.All(bRows, r => Assert.Equal(B, r[0]));

        using var op = Host.Client(ExampleDay.Operator);
        var all = Rows(await op.GetAsync($"/api/days/{Day}/statement").Expect(HttpStatusCode.OK));
        Assert.Contains(all, r => r[0] == A);
        Assert.Contains(all, r => r[0] == B);
        Assert.Contains(all, r => r[0] == "operator");
    }

    [Fact]
    public async Task The_key_names_its_owner()
    {
        using var b = Host.Client(B);
        var me = await b.GetAsync("/api/me").Expect(HttpStatusCode.OK);
        Assert.Contains($"\"name\":\"{B}\"", me, StringComparison.Ordinal);
        Assert.Contains("\"operator\":false", me, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_with_the_CLI_s_message_file_and_line()
    {
        var text = ExampleMarket.BidsOf(B)["offers.csv"].Split('\n');
        text[2] = string.Join(',', text[2].Split(',')[..2].Append("abc").Append(text[2].Split(',')[3]));
        using var b = Host.Client(B);
        var problem = await b.PutText($"/api/days/{Day}/bids/offers.csv", string.Join('\n', text)).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("offers.csv", problem.GetProperty("file").GetString());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Equal("offers.csv:3: column 'mw': 'abc' is not a number", problem.GetProperty("detail").GetString());

        using var op = Host.Client(ExampleDay.Operator);
        var network = await op.PutText("/api/days/bad-network/network", "function mpc = x\nmpc.baseMVA = 100;\nmpc.bus = [1 3 0 0 0 0 1 1 0 100 1 1.1 0.9;\n").ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("network.m", network.GetProperty("file").GetString());
    }

    [Fact]
    public async Task A_resubmission_replaces_the_earlier_one_and_a_repeat_changes_nothing()
    {
        const string day = "replace-day";
        await ExampleDay.PutOperatorFiles(Host, day);
        using var b = Host.Client(B);
        var offers = ExampleMarket.BidsOf(B)["offers.csv"];
        await b.PutText($"/api/days/{day}/bids/offers.csv", offers).Expect(HttpStatusCode.OK);
        var cheaper = offers.Replace(",1,", ",1,", StringComparison.Ordinal).Split('\n')[..3];
        var second = string.Join('\n', cheaper) + "\n";
        await b.PutText($"/api/days/{day}/bids/offers.csv", second).Expect(HttpStatusCode.OK);
        await b.PutText($"/api/days/{day}/bids/offers.csv", second).Expect(HttpStatusCode.OK);
        var stored = Host.Store.Submissions(day).Where(s => s.Participant == B).ToList();
        Assert.Single(stored);
        Assert.Equal(second, stored[0].Content);
        Assert.Equal(second, await b.GetAsync($"/api/days/{day}/bids/offers.csv").Expect(HttpStatusCode.OK));
    }

    [Fact]
    public async Task After_the_gate_closes_submissions_are_409_and_before_it_they_are_taken()
    {
        const string day = "gate-day";
        await ExampleDay.PutOperatorFiles(Host, day);
        using var op = Host.Client(ExampleDay.Operator);
        using var b = Host.Client(B);
        var offers = ExampleMarket.BidsOf(B)["offers.csv"];

        await op.PutAsync($"/api/days/{day}/gate", new StringContent("{\"closes_at\": \"2999-01-01T00:00:00Z\"}")).Expect(HttpStatusCode.OK);
        await b.PutText($"/api/days/{day}/bids/offers.csv", offers).Expect(HttpStatusCode.OK);

        await op.PutAsync($"/api/days/{day}/gate", new StringContent("2001-01-01T00:00:00Z")).Expect(HttpStatusCode.OK);
        var problem = await b.PutText($"/api/days/{day}/bids/offers.csv", "resource,segment,mw,price\n").ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("gate", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(offers, Host.Store.Submissions(day).Single(s => s.Participant == B).Content);
        Assert.Contains("2001-01-01", await b.GetAsync($"/api/days/{day}/gate").Expect(HttpStatusCode.OK), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bids_before_the_network_are_409_and_unknown_files_404()
    {
        using var b = Host.Client(B);
        await b.PutText("/api/days/no-network-day/bids/offers.csv", "resource,segment,mw,price\n").ExpectProblem(HttpStatusCode.Conflict);
        await b.PutText($"/api/days/{Day}/bids/zones.csv", "zone,bus\n").ExpectProblem(HttpStatusCode.NotFound);
        using var op = Host.Client(ExampleDay.Operator);
        await op.PostAsync("/api/days/no-network-day/clear", null).ExpectProblem(HttpStatusCode.Conflict);
        await op.PutText($"/api/days/{Day}/bids/offers.csv", "resource,segment,mw,price\n").ExpectProblem(HttpStatusCode.Forbidden);
    }

    private static List<string[]> Rows(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
}
