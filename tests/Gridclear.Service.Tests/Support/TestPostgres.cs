using Npgsql;

namespace Gridclear.Service.Tests.Support;

/// <summary>
/// The PostgreSQL server scripts/test.sh starts on loopback (scripts/postgres-test-server.sh) and names in
/// GRIDCLEAR_TEST_POSTGRES. Each caller gets a fresh database. Without the variable the PostgreSQL tests fail, saying how
/// to run them: they are not skipped.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "GRIDCLEAR_TEST_POSTGRES";

    public static string Server =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set: run the tests with ./scripts/test.sh, which starts a PostgreSQL server on loopback (or start one with scripts/postgres-test-server.sh start and export what it prints)");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string NewDatabase()
    {
        var name = "gridclear_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var c = new NpgsqlConnection(Server))
        {
            c.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }
}
