using System.Net.Http.Headers;
using System.Text;
using Gridclear.Service.Files;
using Gridclear.Store;

namespace Gridclear.Cli.Runs;

/// <summary>
/// <c>serve --load DIR</c>: puts a market folder (its network.m and CSVs) into the running service as a market would
/// receive it, through the service's own API: registers the operator and every participant the folder names (printing
/// their keys), the operator puts the network and market files, each participant submits its own rows, the operator
/// clears. A demonstration and a smoke test of the whole path in one command.
/// </summary>
internal static class MarketLoader
{
    public const string OperatorName = "operator-iso";

    public static async Task LoadAsync(IMarketStore store, Uri service, string folder, string day, TextWriter output)
    {
        var network = Path.Combine(folder, "network.m");
        if (!File.Exists(network))
        {
            throw new InvalidInputException(folder, null, "--load needs a market folder with its network as network.m (like examples/market)");
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, op) in MarketSplit.Participants(folder).Select(p => (p, false)).Prepend((OperatorName, true)))
        {
            var key = ApiKeys.NewKey();
            try
            {
                store.AddParticipant(name, op, ApiKeys.Hash(key), DateTimeOffset.UtcNow);
            }
            catch (StoreConflictException)
            {
                throw new InvalidInputException("--load", null, $"'{name}' is already registered in this store (its key is not known here): load into a new --store");
            }

            keys[name] = key;
        }

        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(10) };
        async Task Send(string who, HttpMethod method, string path, string? body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "text/csv") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", keys[who]);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{method} {path} as {who}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        await Send(OperatorName, HttpMethod.Put, $"/api/days/{day}/network", await File.ReadAllTextAsync(network));
        foreach (var (file, text) in MarketSplit.OperatorFiles(folder).OrderBy(f => f.Key == BidFiles.Resources ? 0 : 1))
        {
            await Send(OperatorName, HttpMethod.Put, $"/api/days/{day}/market/{file}", text);
        }

        foreach (var participant in MarketSplit.Participants(folder))
        {
            // Schedules first: adjustments and the portfolio instruction refer to them.
            foreach (var (file, text) in MarketSplit.BidsOf(folder, participant).OrderBy(f => f.Key == BidFiles.Schedules ? 0 : 1))
            {
                await Send(participant, HttpMethod.Put, $"/api/days/{day}/bids/{file}", text);
            }
        }

        await Send(OperatorName, HttpMethod.Post, $"/api/days/{day}/clear", null);
        output.WriteLine($"gridclear: loaded {folder} as day {day} and cleared it; the API keys (send as 'Authorization: Bearer KEY'):");
        foreach (var (name, key) in keys)
        {
            output.WriteLine($"  {name,-20} {key}");
        }
    }
}
