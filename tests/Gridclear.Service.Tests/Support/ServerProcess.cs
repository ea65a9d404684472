using System.Diagnostics;
using System.Net.Http.Headers;
using Gridclear.Store;

namespace Gridclear.Service.Tests.Support;

/// <summary>
/// The real <c>gridclear serve</c> process (the CLI's own build, beside the tests) over a SQLite file, on a free port,
/// so a test can kill it with SIGKILL and start it again on the same store. Participants are registered in the store
/// file directly before it starts (what <c>gridclear participants add</c> does).
/// </summary>
public sealed class ServerProcess : IServiceClients, IDisposable
{
    private readonly Process _process;
    private readonly List<string> _errors = [];
    private readonly SemaphoreSlim _errorLine = new(0);

    private ServerProcess(Process process, Uri address, Dictionary<string, string> keys)
    {
        _process = process;
        BaseAddress = address;
        Keys = keys;
    }

    public Uri BaseAddress { get; }

    public Dictionary<string, string> Keys { get; }

    /// <summary>Starts the server on <paramref name="storeFile"/>, with <c>GRIDCLEAR_FAULT_PAUSE</c> when given.</summary>
    public static async Task<ServerProcess> StartAsync(string storeFile, Dictionary<string, string> keys, string? faultPause = null, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "gridclear.dll"), "serve", "--store", storeFile, "--port", "0" }.Concat(extra))
        {
            info.ArgumentList.Add(a);
        }

        if (faultPause is not null)
        {
            info.Environment["GRIDCLEAR_FAULT_PAUSE"] = faultPause;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
        var match = System.Text.RegularExpressions.Regex.Match(line ?? string.Empty, @"serving on (http://\S+?)[ ,]");
        if (!match.Success)
        {
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill();
            throw new InvalidOperationException($"the server did not start: {line} {error}");
        }

        var server = new ServerProcess(process, new Uri(match.Groups[1].Value), keys);
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } l)
            {
                lock (server._errors)
                {
                    server._errors.Add(l);
                }

                server._errorLine.Release();
            }
        });
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } l)
            {
                lock (server._errors)
                {
                    server._errors.Add(l);
                }

                server._errorLine.Release();
            }
        });
        return server;
    }

    public string Register(string name, bool isOperator = false) => throw new NotSupportedException("register before the server starts (RegisterInStore)");

    /// <summary>Registers participants in a store file, as <c>gridclear participants add</c> does; returns their keys.</summary>
    public static Dictionary<string, string> RegisterInStore(string storeFile, IEnumerable<(string Name, bool Operator)> participants)
    {
        using var store = SqlMarketStore.OpenSqlite(storeFile);
        var keys = new Dictionary<string, string>();
        foreach (var (name, op) in participants)
        {
            var key = ApiKeys.NewKey();
            store.AddParticipant(name, op, ApiKeys.Hash(key), DateTimeOffset.UtcNow);
            keys[name] = key;
        }

        return keys;
    }

    public HttpClient Client(string? name = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        if (name is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[name]);
        }

        return client;
    }

    /// <summary>Waits until the server writes a line containing <paramref name="text"/> (standard output or error).</summary>
    public async Task WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_errors)
            {
                if (_errors.Any(e => e.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _errorLine.WaitAsync(left))
            {
                throw new TimeoutException($"the server wrote no '{text}' (output: {string.Join(" | ", _errors)})");
            }
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, no rollback but the database's own.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _errorLine.Dispose();
    }
}
