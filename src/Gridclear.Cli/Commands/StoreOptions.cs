using System.CommandLine;
using Gridclear.Store;

namespace Gridclear.Cli.Commands;

/// <summary><c>--store FILE.db</c> (SQLite, default gridclear.db) or <c>--postgres CONNECTION</c>, shared by the service verbs.</summary>
internal sealed class StoreOptions
{
    public Option<string?> Sqlite { get; } = new("--store") { Description = "The SQLite store file (created when absent). Default: gridclear.db in the current folder." };

    public Option<string?> Postgres { get; } = new("--postgres") { Description = "A PostgreSQL connection string (Npgsql), e.g. 'Host=127.0.0.1;Username=postgres;Database=gridclear', instead of SQLite." };

    public void AddTo(Command command)
    {
        command.Options.Add(Sqlite);
        command.Options.Add(Postgres);
    }

    /// <summary>Opens the chosen store. <c>GRIDCLEAR_FAULT_PAUSE=clear:MS</c> or <c>submission:MS</c> (for the durability
    /// tests only) pauses inside that write's open transaction, after part of it is written, so a test can kill the process
    /// there and check that nothing of it was committed.</summary>
    public SqlMarketStore Open(ParseResult parse)
    {
        var file = parse.GetValue(Sqlite);
        var postgres = parse.GetValue(Postgres);
        if (file is not null && postgres is not null)
        {
            throw new InvalidInputException("--store/--postgres", null, "give one store: a SQLite file or a PostgreSQL connection, not both");
        }

        var pause = FaultPause();
        return postgres is not null ? SqlMarketStore.OpenPostgres(postgres, pause) : SqlMarketStore.OpenSqlite(file ?? "gridclear.db", pause);
    }

    public static string Describe(ParseResult parse, StoreOptions o) =>
        parse.GetValue(o.Postgres) is not null ? "postgresql" : $"sqlite {Path.GetFullPath(parse.GetValue(o.Sqlite) ?? "gridclear.db")}";

    private static Action<string>? FaultPause()
    {
        var spec = Environment.GetEnvironmentVariable("GRIDCLEAR_FAULT_PAUSE");
        if (string.IsNullOrEmpty(spec) || spec.Split(':') is not [var write, var ms] || !int.TryParse(ms, out var milliseconds))
        {
            return null;
        }

        return name =>
        {
            if (name == write)
            {
                Console.Error.WriteLine($"gridclear: fault pause inside the {name} transaction");
                Console.Error.Flush();
                Thread.Sleep(milliseconds);
            }
        };
    }
}
