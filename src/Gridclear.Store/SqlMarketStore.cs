using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gridclear.Store;

/// <summary>
/// The store over ADO.NET: the same SQL for SQLite and PostgreSQL (both take <c>@name</c> parameters, <c>ON CONFLICT</c>
/// upserts and <c>RETURNING</c>); only the migrations' key columns and the connection differ. Every public write runs
/// in one transaction. <see cref="InsideWrite"/> is a fault-injection point for the durability tests: it is called
/// inside a write's transaction after part of it is written, before the commit.
/// </summary>
public sealed class SqlMarketStore : IMarketStore
{
    private readonly Func<DbConnection> _connect;
    private readonly bool _postgres;
    private readonly NpgsqlDataSource? _dataSource;

    private SqlMarketStore(Func<DbConnection> connect, bool postgres, NpgsqlDataSource? dataSource)
    {
        _connect = connect;
        _postgres = postgres;
        _dataSource = dataSource;
    }

    /// <summary>Called inside a write's open transaction with the write's name ("clear", "submission") after part of it
    /// is written. Null in production.</summary>
    public Action<string>? InsideWrite { get; init; }

    public string Backend => _postgres ? "postgresql" : "sqlite";

    /// <summary>A SQLite store in a file (created when absent), migrated to the latest schema.</summary>
    public static SqlMarketStore OpenSqlite(string path, Action<string>? insideWrite = null)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        var store = new SqlMarketStore(
            () =>
            {
                var c = new SqliteConnection(connectionString);
                c.Open();
                // Per connection: wait for the writer rather than fail; FULL sync so a commit is on disk when it returns.
                Execute(c, null, "PRAGMA busy_timeout = 60000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
                return c;
            },
            postgres: false,
            dataSource: null)
        { InsideWrite = insideWrite };
        using (var c = store._connect())
        {
            // WAL: readers never wait for the writer, and a killed writer's uncommitted pages are simply ignored.
            Execute(c, null, "PRAGMA journal_mode = WAL;");
        }

        store.Migrate();
        return store;
    }

    /// <summary>A PostgreSQL store (an Npgsql connection string), migrated to the latest schema.</summary>
    public static SqlMarketStore OpenPostgres(string connectionString, Action<string>? insideWrite = null)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new SqlMarketStore(
            () =>
            {
                var c = dataSource.CreateConnection();
                c.Open();
                return c;
            },
            postgres: true,
            dataSource: dataSource)
        { InsideWrite = insideWrite };
        store.Migrate();
        return store;
    }

    public int SchemaVersion()
    {
        using var c = _connect();
        return Convert.ToInt32(Scalar(c, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    }

    public Participant AddParticipant(string name, bool isOperator, string keyHash, DateTimeOffset at) =>
        Write(
            (c, t) =>
            {
                if (Scalar(c, t, "SELECT COUNT(*) FROM participants WHERE name = @name", ("name", name)) is not 0L and not 0)
                {
                    throw new StoreConflictException($"a participant named '{name}' is already registered");
                }

                var id = Convert.ToInt64(Scalar(
                    c,
                    t,
                    "INSERT INTO participants (name, is_operator, key_hash, created_at) VALUES (@name, @op, @hash, @at) RETURNING id",
                    ("name", name),
                    ("op", isOperator ? 1 : 0),
                    ("hash", keyHash),
                    ("at", StoreTime.Write(at))));
                return new Participant(id, name, isOperator, at);
            });

    public Participant? FindByKeyHash(string keyHash) =>
        Read(
            "SELECT id, name, is_operator, created_at FROM participants WHERE key_hash = @hash",
            r => new Participant(r.GetInt64(0), r.GetString(1), Convert.ToInt64(r.GetValue(2)) != 0, StoreTime.Read(r.GetString(3))),
            ("hash", keyHash)).FirstOrDefault();

    public IReadOnlyList<Participant> Participants() =>
        Read(
            "SELECT id, name, is_operator, created_at FROM participants ORDER BY id",
            r => new Participant(r.GetInt64(0), r.GetString(1), Convert.ToInt64(r.GetValue(2)) != 0, StoreTime.Read(r.GetString(3))));

    public IReadOnlyList<MarketDay> Days() => Read(DaySelect + " ORDER BY d.day", ReadDay);

    public MarketDay? Day(string day) => Read(DaySelect + " WHERE d.day = @day", ReadDay, ("day", day)).FirstOrDefault();

    public void PutNetwork(string day, string caseText, string layoutJson, DateTimeOffset at) =>
        Write(
            (c, t) =>
            {
                EnsureDay(c, t, day, at);
                Execute(
                    c,
                    t,
                    """
                    INSERT INTO networks (day, case_text, layout_json, put_at) VALUES (@day, @text, @layout, @at)
                    ON CONFLICT (day) DO UPDATE SET case_text = excluded.case_text, layout_json = excluded.layout_json, put_at = excluded.put_at
                    """,
                    ("day", day),
                    ("text", caseText),
                    ("layout", layoutJson),
                    ("at", StoreTime.Write(at)));
                return 0;
            });

    public StoredNetwork? Network(string day) =>
        Read(
            "SELECT case_text, layout_json, put_at FROM networks WHERE day = @day",
            r => new StoredNetwork(r.GetString(0), r.GetString(1), StoreTime.Read(r.GetString(2))),
            ("day", day)).FirstOrDefault();

    public void PutMarketFile(string day, string file, string content, DateTimeOffset at) =>
        Write(
            (c, t) =>
            {
                EnsureDay(c, t, day, at);
                Execute(
                    c,
                    t,
                    """
                    INSERT INTO market_files (day, file, content, put_at) VALUES (@day, @file, @content, @at)
                    ON CONFLICT (day, file) DO UPDATE SET content = excluded.content, put_at = excluded.put_at
                    """,
                    ("day", day),
                    ("file", file),
                    ("content", content),
                    ("at", StoreTime.Write(at)));
                return 0;
            });

    public IReadOnlyDictionary<string, string> MarketFiles(string day) =>
        Read("SELECT file, content FROM market_files WHERE day = @day ORDER BY file", r => (r.GetString(0), r.GetString(1)), ("day", day))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    public void SetGate(string day, DateTimeOffset? closesAt) =>
        Write(
            (c, t) =>
            {
                EnsureDay(c, t, day, DateTimeOffset.UtcNow);
                Execute(c, t, "UPDATE days SET gate_closure = @gate WHERE day = @day", ("day", day), ("gate", closesAt is { } g ? StoreTime.Write(g) : null));
                return 0;
            });

    public SubmissionOutcome PutSubmission(string day, long participantId, string file, string content, DateTimeOffset at) =>
        Write(
            (c, t) =>
            {
                EnsureDay(c, t, day, at);

                // A shared row lock in PostgreSQL: submissions go on side by side, a gate change waits for them (and they
                // for it), so no submission is stored after a gate that closed before it. SQLite's writer lock does this.
                var gate = Scalar(c, t, "SELECT gate_closure FROM days WHERE day = @day" + (_postgres ? " FOR SHARE" : string.Empty), ("day", day));
                if (gate is string g && StoreTime.Read(g) <= at)
                {
                    return SubmissionOutcome.GateClosed;
                }

                var stamp = StoreTime.Write(at);
                Execute(
                    c,
                    t,
                    "INSERT INTO submission_log (day, participant_id, file, bytes, submitted_at) VALUES (@day, @p, @file, @bytes, @at)",
                    ("day", day),
                    ("p", participantId),
                    ("file", file),
                    ("bytes", (long)content.Length),
                    ("at", stamp));
                InsideWrite?.Invoke("submission");
                Execute(
                    c,
                    t,
                    """
                    INSERT INTO submissions (day, participant_id, file, content, submitted_at) VALUES (@day, @p, @file, @content, @at)
                    ON CONFLICT (day, participant_id, file) DO UPDATE SET content = excluded.content, submitted_at = excluded.submitted_at
                    """,
                    ("day", day),
                    ("p", participantId),
                    ("file", file),
                    ("content", content),
                    ("at", stamp));
                return SubmissionOutcome.Stored;
            });

    public IReadOnlyList<Submission> Submissions(string day, long? participantId = null) =>
        Read(
            """
            SELECT s.day, p.name, s.file, s.content, s.submitted_at FROM submissions s JOIN participants p ON p.id = s.participant_id
            WHERE s.day = @day AND (@p < 0 OR s.participant_id = @p) ORDER BY s.participant_id, s.file
            """,
            r => new Submission(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), StoreTime.Read(r.GetString(4))),
            ("day", day),
            ("p", participantId ?? -1L));

    public long SaveClear(string day, DateTimeOffset at, IReadOnlyDictionary<string, string> files) =>
        Write(
            (c, t) =>
            {
                EnsureDay(c, t, day, at);
                var id = Convert.ToInt64(Scalar(c, t, "INSERT INTO clears (day, cleared_at) VALUES (@day, @at) RETURNING id", ("day", day), ("at", StoreTime.Write(at))));
                var first = true;
                foreach (var (file, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    Execute(c, t, "INSERT INTO clear_files (clear_id, file, content) VALUES (@id, @file, @content)", ("id", id), ("file", file), ("content", content));
                    if (first)
                    {
                        InsideWrite?.Invoke("clear");
                        first = false;
                    }
                }

                return id;
            });

    public StoredClear? LatestClear(string day)
    {
        using var c = _connect();
        var head = ReadOn(c, "SELECT id, cleared_at FROM clears WHERE day = @day ORDER BY id DESC LIMIT 1", r => (r.GetInt64(0), StoreTime.Read(r.GetString(1))), ("day", day));
        if (head.Count == 0)
        {
            return null;
        }

        var (id, at) = head[0];
        var files = ReadOn(c, "SELECT file, content FROM clear_files WHERE clear_id = @id", r => (r.GetString(0), r.GetString(1)), ("id", id))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        return new StoredClear(id, day, at, files);
    }

    public void Dispose() => _dataSource?.Dispose();

    private const string DaySelect = """
        SELECT d.day, (SELECT COUNT(*) FROM networks n WHERE n.day = d.day), d.gate_closure,
               (SELECT MAX(c.cleared_at) FROM clears c WHERE c.day = d.day)
        FROM days d
        """;

    private static MarketDay ReadDay(DbDataReader r) => new(
        r.GetString(0),
        Convert.ToInt64(r.GetValue(1)) > 0,
        r.IsDBNull(2) ? null : StoreTime.Read(r.GetString(2)),
        r.IsDBNull(3) ? null : StoreTime.Read(r.GetString(3)));

    private void Migrate()
    {
        using var c = _connect();
        Execute(c, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        for (var version = 1; version <= Migrations.Latest; version++)
        {
            using var t = c.BeginTransaction(IsolationLevel.Serializable);
            if (_postgres)
            {
                // Two servers starting on one database: the second waits here, then finds the version applied.
                Execute(c, t, "SELECT pg_advisory_xact_lock(7316001)");
            }

            if (Convert.ToInt64(Scalar(c, t, "SELECT COUNT(*) FROM schema_version WHERE version = @v", ("v", version))) == 0)
            {
                Execute(c, t, Migrations.Script(version, _postgres));
                Execute(c, t, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)", ("v", version), ("at", StoreTime.Write(DateTimeOffset.UtcNow)));
            }

            t.Commit();
        }
    }

    private static void EnsureDay(DbConnection c, DbTransaction t, string day, DateTimeOffset at) =>
        Execute(c, t, "INSERT INTO days (day, created_at) VALUES (@day, @at) ON CONFLICT (day) DO NOTHING", ("day", day), ("at", StoreTime.Write(at)));

    /// <summary>Runs a write in one transaction: committed when <paramref name="body"/> returns, rolled back if it throws
    /// (or the process dies before the commit).</summary>
    private T Write<T>(Func<DbConnection, DbTransaction, T> body)
    {
        using var c = _connect();
        // SQLite: Serializable begins IMMEDIATE (the write lock up front, so two writers never deadlock upgrading).
        using var t = c.BeginTransaction(_postgres ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable);
        var result = body(c, t);
        t.Commit();
        return result;
    }

    private List<T> Read<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var c = _connect();
        return ReadOn(c, sql, map, parameters);
    }

    private static List<T> ReadOn<T>(DbConnection c, string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(c, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static void Execute(DbConnection c, DbTransaction? t, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(c, t, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection c, DbTransaction? t, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(c, t, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static DbCommand Command(DbConnection c, DbTransaction? t, string sql, (string Name, object? Value)[] parameters)
    {
        var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }
}
