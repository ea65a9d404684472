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
        var command = new Command("serve", "Run the market service: participants' bids, the operator's clear, prices and statements over HTTP, and the web page at /.");
        store.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(host);
        command.SetAction(parse =>
        {
            using var opened = store.Open(parse);
            var app = MarketService.Build(opened, new ServiceClearing(), [$"http://{parse.GetValue(host)}:{parse.GetValue(port)}"]);
            app.StartAsync().GetAwaiter().GetResult();
            // The line a script (or a test that started the process) waits for: where the service listens.
            Console.Out.WriteLine($"gridclear: serving on {string.Join(", ", app.Urls)} (store: {StoreOptions.Describe(parse, store)}, schema {opened.SchemaVersion()})");
            Console.Out.Flush();
            app.WaitForShutdownAsync().GetAwaiter().GetResult();
            return CommandRunner.Success;
        });
        return command;
    }
}
