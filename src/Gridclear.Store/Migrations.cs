namespace Gridclear.Store;

/// <summary>
/// The schema, as numbered migrations per backend. A store applies those above its recorded version, each in its own
/// transaction with its version row, so a store is always at exactly one version. Never edit a released migration:
/// add the next one.
/// </summary>
internal static class Migrations
{
    /// <summary>The tables; <c>{id}</c> is the backend's auto-numbered key column type.</summary>
    private const string V1 = """
        CREATE TABLE participants (
            id {id},
            name TEXT NOT NULL UNIQUE,
            is_operator INTEGER NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL);
        CREATE TABLE days (
            day TEXT PRIMARY KEY,
            gate_closure TEXT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE networks (
            day TEXT PRIMARY KEY REFERENCES days(day),
            case_text TEXT NOT NULL,
            layout_json TEXT NOT NULL,
            put_at TEXT NOT NULL);
        CREATE TABLE market_files (
            day TEXT NOT NULL REFERENCES days(day),
            file TEXT NOT NULL,
            content TEXT NOT NULL,
            put_at TEXT NOT NULL,
            PRIMARY KEY (day, file));
        CREATE TABLE submissions (
            day TEXT NOT NULL REFERENCES days(day),
            participant_id BIGINT NOT NULL REFERENCES participants(id),
            file TEXT NOT NULL,
            content TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            PRIMARY KEY (day, participant_id, file));
        CREATE TABLE clears (
            id {id},
            day TEXT NOT NULL REFERENCES days(day),
            cleared_at TEXT NOT NULL);
        CREATE TABLE clear_files (
            clear_id BIGINT NOT NULL REFERENCES clears(id),
            file TEXT NOT NULL,
            content TEXT NOT NULL,
            PRIMARY KEY (clear_id, file));
        """;

    /// <summary>Who submitted what when, every time (the submissions table keeps only the latest of each file).</summary>
    private const string V2 = """
        CREATE TABLE submission_log (
            id {id},
            day TEXT NOT NULL REFERENCES days(day),
            participant_id BIGINT NOT NULL REFERENCES participants(id),
            file TEXT NOT NULL,
            bytes BIGINT NOT NULL,
            submitted_at TEXT NOT NULL);
        CREATE INDEX submission_log_day ON submission_log (day, participant_id);
        CREATE INDEX clears_day ON clears (day, id);
        """;

    private static readonly string[] All = [V1, V2];

    /// <summary>The newest version.</summary>
    public static int Latest => All.Length;

    /// <summary>Migration <paramref name="version"/> (1-based) for a backend.</summary>
    public static string Script(int version, bool postgres) =>
        All[version - 1].Replace("{id}", postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY", StringComparison.Ordinal);
}
