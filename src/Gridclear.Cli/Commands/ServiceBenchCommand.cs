using System.Diagnostics;
using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Gridclear.Cli.Runs;
using Gridclear.Service;
using Gridclear.Store;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear bench-service --case N.m [--store FILE | --postgres CONN] [--participants 50] [--rounds 20]</c>: the
/// service's load benchmark. Starts the service on a loopback port over the store, registers the participants, gives each
/// one generator, then every participant submits its offers (3 steps) <c>--rounds</c> times, all participants at once over
/// real HTTP. Prints submissions per second and latency percentiles. Each submission is the full path: key check, the
/// same validation as the CLI, and one committed transaction.
/// </summary>
internal static class ServiceBenchCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var casePath = new Option<string>("--case") { Description = "The network (a MATPOWER case).", Required = true };
        var participants = new Option<int>("--participants") { Description = "Participants submitting at once.", DefaultValueFactory = _ => 50 };
        var rounds = new Option<int>("--rounds") { Description = "Submissions per participant.", DefaultValueFactory = _ => 20 };
        var command = new Command(ServiceVerbs.Bench, ServiceVerbs.BenchDescription);
        command.Options.Add(casePath);
        command.Options.Add(participants);
        command.Options.Add(rounds);
        store.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(casePath)!, store.Open(parse), parse.GetValue(participants), parse.GetValue(rounds)).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> Run(string casePath, SqlMarketStore store, int n, int rounds)
    {
        using var _ = store;
        var day = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var caseText = await File.ReadAllTextAsync(casePath);
        var buses = IO.Matpower.MatpowerReader.Parse(caseText, casePath).Buses.Select(b => b.Id).ToArray();
        var operatorKey = ApiKeys.NewKey();
        store.AddParticipant("bench-operator-" + day, true, ApiKeys.Hash(operatorKey), DateTimeOffset.UtcNow);
        var keys = new string[n];
        var resources = new StringBuilder("resource,participant,bus,kind,settlement\n");
        for (var i = 0; i < n; i++)
        {
            keys[i] = ApiKeys.NewKey();
            var name = $"{day}-P{i}";
            store.AddParticipant(name, false, ApiKeys.Hash(keys[i]), DateTimeOffset.UtcNow);
            resources.Append(CultureInfo.InvariantCulture, $"BG{i},{name},{buses[i % buses.Length]},generator,nodal\n");
        }

        var app = MarketService.Build(store, new ServiceClearing(), ["http://127.0.0.1:0"]);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = n * 2 }) { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
            async Task Put(string key, string path, string body)
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(body, Encoding.UTF8, "text/csv") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }

            await Put(operatorKey, $"/api/days/{day}/network", caseText);
            await Put(operatorKey, $"/api/days/{day}/market/resources.csv", resources.ToString());

            // One warm-up submission each (JIT, connection set-up), not timed.
            await Task.WhenAll(Enumerable.Range(0, n).Select(i => Put(keys[i], $"/api/days/{day}/bids/offers.csv", Offers(i, 0))));
            var latencies = new double[n * rounds];
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
            {
                for (var r = 0; r < rounds; r++)
                {
                    var watch = Stopwatch.StartNew();
                    await Put(keys[i], $"/api/days/{day}/bids/offers.csv", Offers(i, r + 1));
                    latencies[(i * rounds) + r] = watch.Elapsed.TotalMilliseconds;
                }
            }));
            var seconds = wall.Elapsed.TotalSeconds;
            Array.Sort(latencies);
            double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
            Console.WriteLine($"store {store.Backend}: {n} participants x {rounds} submissions = {latencies.Length} in {seconds:0.00} s: " +
                $"{latencies.Length / seconds:0.0} submissions/s; latency p50 {P(0.5):0.0} ms, p90 {P(0.9):0.0} ms, p99 {P(0.99):0.0} ms, max {latencies[^1]:0.0} ms");
            return CommandRunner.Success;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Participant i's offer curve in round r: three steps, prices varied per round so each one is a new file.</summary>
    private static string Offers(int i, int r) =>
        string.Create(CultureInfo.InvariantCulture, $"resource,segment,mw,price\nBG{i},1,50,{20 + (i % 7) + (r % 5)}\nBG{i},2,30,{30 + (r % 3)}\nBG{i},3,20,{45 + (r % 4)}\n");
}
