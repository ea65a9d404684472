namespace Gridclear.Service.Tests.Support;

/// <summary>Puts the example market on a day through the API: the operator's network and files, every participant's bids.</summary>
public static class ExampleDay
{
    public const string Operator = "ISO";

    /// <summary>Registers the operator and every example participant (in the example's order).</summary>
    public static void RegisterAll(IServiceClients host)
    {
        host.Register(Operator, isOperator: true);
        foreach (var p in ExampleMarket.Participants())
        {
            host.Register(p);
        }
    }

    public static async Task PutOperatorFiles(IServiceClients host, string day)
    {
        using var op = host.Client(Operator);
        await op.PutText($"/api/days/{day}/network", ExampleMarket.Network).Expect(System.Net.HttpStatusCode.OK);
        // resources.csv first: the others are checked against it.
        foreach (var (file, text) in ExampleMarket.OperatorFiles().OrderBy(f => f.Key == "resources.csv" ? 0 : 1))
        {
            await op.PutText($"/api/days/{day}/market/{file}", text).Expect(System.Net.HttpStatusCode.OK);
        }
    }

    public static async Task SubmitAll(IServiceClients host, string day)
    {
        foreach (var p in ExampleMarket.Participants())
        {
            using var client = host.Client(p);
            // Schedules before adjustments and the portfolio instruction, which refer to them.
            foreach (var (file, text) in ExampleMarket.BidsOf(p).OrderBy(f => f.Key == "schedules.csv" ? 0 : 1))
            {
                await client.PutText($"/api/days/{day}/bids/{file}", text).Expect(System.Net.HttpStatusCode.OK);
            }
        }
    }
}

/// <summary>A running service (in process or a real process) and the keys of its participants.</summary>
public interface IServiceClients
{
    /// <summary>Registers a participant (or the operator) and keeps its key.</summary>
    string Register(string name, bool isOperator = false);

    /// <summary>A client sending <paramref name="name"/>'s key (none when null).</summary>
    HttpClient Client(string? name = null);
}
