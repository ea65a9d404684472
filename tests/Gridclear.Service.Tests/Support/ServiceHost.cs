using System.Net.Http.Headers;
using Gridclear.Cli.Runs;
using Gridclear.Store;
using Microsoft.AspNetCore.Builder;

namespace Gridclear.Service.Tests.Support;

/// <summary>The service in process on a free loopback port over a fresh SQLite store (or a given store), with the
/// CLI's clear; keys of registered participants by name.</summary>
public sealed class ServiceHost : IServiceClients, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _folder;

    private ServiceHost(WebApplication app, IMarketStore store, string? folder)
    {
        _app = app;
        Store = store;
        _folder = folder;
        BaseAddress = new Uri(app.Urls.First());
    }

    public IMarketStore Store { get; }

    public Uri BaseAddress { get; }

    public Dictionary<string, string> Keys { get; } = [];

    public static async Task<ServiceHost> StartAsync(IMarketStore? store = null, TimeProvider? clock = null)
    {
        string? folder = null;
        if (store is null)
        {
            folder = Path.Combine(Path.GetTempPath(), "gridclear-service-tests", Guid.NewGuid().ToString("N"));
            store = SqlMarketStore.OpenSqlite(Path.Combine(folder, "market.db"));
        }

        var app = MarketService.Build(store, new ServiceClearing(), ["http://127.0.0.1:0"], clock);
        await app.StartAsync();
        return new ServiceHost(app, store, folder);
    }

    /// <summary>Registers a participant (or the operator) and keeps its key.</summary>
    public string Register(string name, bool isOperator = false)
    {
        var key = ApiKeys.NewKey();
        Store.AddParticipant(name, isOperator, ApiKeys.Hash(key), DateTimeOffset.UtcNow);
        Keys[name] = key;
        return key;
    }

    /// <summary>A client sending <paramref name="name"/>'s key (none when null).</summary>
    public HttpClient Client(string? name = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        if (name is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[name]);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Store.Dispose();
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
