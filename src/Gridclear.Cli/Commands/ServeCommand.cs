using System.CommandLine;
using Gridclear.Cli.Runs;
using Gridclear.Service;
using Microsoft.Extensions.Hosting;

namespace Gridclear.Cli.Commands;

/// <summary><c>./gridclear serve [--store FILE.db | --postgres CONN] [--port 5080]</c>: the market service.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var port = new Option<int>("--port") { Description = "The TCP port (0: any free port, printed at start).", DefaultValueFactory = _ => 5080 };
        var host = new Option<string>("--host") { Description = "The address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).", DefaultValueFactory = _ => "127.0.0.1" };
        var load = new Option<string?>("--load") { Description = "A market folder with network.m (e.g. examples/market) to load into a new store as it starts: registers its operator and participants (printing their keys), puts every file through the API and clears." };
        var day = new Option<string>("--day") { Description = "The day --load puts the folder on.", DefaultValueFactory = _ => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        var command = new Command(ServiceVerbs.Serve, ServiceVerbs.ServeDescription);
        store.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(host);
        command.Options.Add(load);
        command.Options.Add(day);
        command.SetAction(parse =>
        {
            using var opened = store.Open(parse);
            var app = MarketService.Build(opened, new ServiceClearing(), [$"http://{parse.GetValue(host)}:{parse.GetValue(port)}"]);
            app.StartAsync().GetAwaiter().GetResult();
            // The line a script (or a test that started the process) waits for: where the service listens.
            Console.Out.WriteLine($"gridclear: serving on {string.Join(", ", app.Urls)} (store: {StoreOptions.Describe(parse, store)}, schema {opened.SchemaVersion()})");
            Console.Out.Flush();
            if (parse.GetValue(load) is { } folder)
            {
                MarketLoader.LoadAsync(opened, new Uri(app.Urls.First()), folder, parse.GetValue(day)!, Console.Out).GetAwaiter().GetResult();
                Console.Out.WriteLine($"gridclear: the map: {app.Urls.First()}/?day={parse.GetValue(day)}");
                Console.Out.Flush();
            }

            app.WaitForShutdownAsync().GetAwaiter().GetResult();
            return CommandRunner.Success;
        });
        return command;
    }
}
