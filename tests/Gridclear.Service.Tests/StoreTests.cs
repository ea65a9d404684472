using Gridclear.Service.Tests.Support;
using Gridclear.Store;

namespace Gridclear.Service.Tests;

/// <summary>One contract, run against each backend: SQLite in a file, and the PostgreSQL server the test script starts.</summary>
public abstract class StoreContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly IMarketStore _store;

    protected StoreContract() => _store = Open();

    /// <summary>Opens the store under test; a second call opens the same data again (a restart).</summary>
    protected abstract IMarketStore Open();

    [Fact]
    public void Migrations_reach_the_latest_version_and_reopening_applies_none_twice()
    {
        Assert.Equal(2, _store.SchemaVersion());
        using var again = Open();
        Assert.Equal(2, again.SchemaVersion());
    }

    [Fact]
    public void A_participant_is_found_by_its_key_hash_only_and_names_are_unique()
    {
        var key = ApiKeys.NewKey();
        var p = _store.AddParticipant("Alpha", false, ApiKeys.Hash(key), T0);
        Assert.Equal(p, _store.FindByKeyHash(ApiKeys.Hash(key)));
        Assert.Null(_store.FindByKeyHash(ApiKeys.Hash(key + "x")));
        Assert.Null(_store.FindByKeyHash(key));
        Assert.Throws<StoreConflictException>(() => _store.AddParticipant("Alpha", true, ApiKeys.Hash(ApiKeys.NewKey()), T0));
        Assert.Single(_store.Participants());
    }

    [Fact]
    public void A_submission_replaces_the_earlier_one_of_its_file_and_the_log_keeps_both()
    {
        var a = _store.AddParticipant("A", false, "ha", T0);
        var b = _store.AddParticipant("B", false, "hb", T0);
        Assert.Equal(SubmissionOutcome.Stored, _store.PutSubmission("d1", a.Id, "offers.csv", "one", T0));
        Assert.Equal(SubmissionOutcome.Stored, _store.PutSubmission("d1", a.Id, "offers.csv", "two", T0.AddMinutes(1)));
        Assert.Equal(SubmissionOutcome.Stored, _store.PutSubmission("d1", b.Id, "offers.csv", "b's", T0.AddMinutes(2)));
        Assert.Equal(SubmissionOutcome.Stored, _store.PutSubmission("d1", a.Id, "bids.csv", "bids", T0.AddMinutes(3)));

        var mine = _store.Submissions("d1", a.Id);
        Assert.Equal(["bids.csv", "offers.csv"], mine.Select(s => s.File));
        Assert.Equal("two", mine.Single(s => s.File == "offers.csv").Content);
        Assert.Equal(T0.AddMinutes(1), mine.Single(s => s.File == "offers.csv").SubmittedAt);
        Assert.Equal(3, _store.Submissions("d1").Count);
        Assert.Empty(_store.Submissions("d2"));
    }

    [Fact]
    public void The_gate_refuses_submissions_at_or_after_it_inside_the_transaction()
    {
        var a = _store.AddParticipant("A", false, "ha", T0);
        _store.SetGate("d1", T0.AddHours(1));
        Assert.Equal(SubmissionOutcome.Stored, _store.PutSubmission("d1", a.Id, "offers.csv", "early", T0.AddMinutes(59)));
        Assert.Equal(SubmissionOutcome.GateClosed, _store.PutSubmission("d1", a.Id, "offers.csv", "late", T0.AddHours(1)));
        Assert.Equal("early", _store.Submissions("d1").Single().Content);
        Assert.Equal(T0.AddHours(1), _store.Day("d1")!.GateClosure);
        _store.SetGate("d1", null);
        Assert.Equal(SubmissionOutcome.Stored, _store.PutSubmission("d1", a.Id, "offers.csv", "reopened", T0.AddHours(2)));
    }

    [Fact]
    public void Network_market_files_and_clears_round_trip_and_the_latest_clear_wins()
    {
        _store.PutNetwork("d1", "case text", "{\"buses\":[]}", T0);
        _store.PutNetwork("d1", "case text 2", "{}", T0.AddMinutes(1));
        _store.PutMarketFile("d1", "zones.csv", "zone,bus\n", T0);
        _store.PutMarketFile("d1", "zones.csv", "zone,bus\nA,1\n", T0);
        _store.PutMarketFile("d1", "hubs.csv", "hub,bus,weight\n", T0);
        Assert.Equal("case text 2", _store.Network("d1")!.CaseText);
        Assert.Equal(new Dictionary<string, string> { ["hubs.csv"] = "hub,bus,weight\n", ["zones.csv"] = "zone,bus\nA,1\n" }, _store.MarketFiles("d1"));
        Assert.Null(_store.LatestClear("d1"));

        var first = _store.SaveClear("d1", T0.AddHours(1), new Dictionary<string, string> { ["lmp.csv"] = "a", ["summary.json"] = "{}" });
        var second = _store.SaveClear("d1", T0.AddHours(2), new Dictionary<string, string> { ["lmp.csv"] = "b", ["summary.json"] = "{}", ["zonal.csv"] = "z" });
        Assert.True(second > first);
        var latest = _store.LatestClear("d1")!;
        Assert.Equal(second, latest.Id);
        Assert.Equal("b", latest.Files["lmp.csv"]);
        Assert.Equal(3, latest.Files.Count);
        var day = Assert.Single(_store.Days());
        Assert.True(day.HasNetwork);
        Assert.Equal(T0.AddHours(2), day.ClearedAt);
    }

    [Fact]
    public void A_write_that_fails_inside_its_transaction_leaves_nothing()
    {
        var a = _store.AddParticipant("A", false, "ha", T0);
        _store.PutSubmission("d1", a.Id, "offers.csv", "kept", T0);
        using var failing = Reopen(name => throw new IOException("disk gone during " + name));
        Assert.Throws<IOException>(() => failing.SaveClear("d1", T0, new Dictionary<string, string> { ["a.csv"] = "1", ["b.csv"] = "2" }));
        Assert.Throws<IOException>(() => failing.PutSubmission("d1", a.Id, "offers.csv", "lost", T0.AddMinutes(1)));
        Assert.Null(_store.LatestClear("d1"));
        Assert.Equal("kept", _store.Submissions("d1").Single().Content);
    }

    [Fact]
    public async Task Fifty_writers_at_once_all_commit()
    {
        var ids = Enumerable.Range(0, 50).Select(i => _store.AddParticipant("P" + i, false, "h" + i, T0).Id).ToList();
        await Task.WhenAll(ids.Select(id => Task.Run(() =>
        {
            for (var k = 0; k < 4; k++)
            {
                Assert.Equal(SubmissionOutcome.Stored, _store.PutSubmission("d1", id, "offers.csv", $"{id}:{k}", T0.AddSeconds(k)));
            }
        })));
        var all = _store.Submissions("d1");
        Assert.Equal(50, all.Count);
        Assert.All(all, s => Assert.EndsWith(":3", s.Content, StringComparison.Ordinal));
    }

    /// <summary>The same data, opened with a fault injected inside writes.</summary>
    protected abstract IMarketStore Reopen(Action<string> insideWrite);

    public void Dispose()
    {
        _store.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteStoreTests : StoreContract
{
    private string? _path;

    protected override IMarketStore Open()
    {
        _path ??= Path.Combine(Path.GetTempPath(), "gridclear-service-tests", Guid.NewGuid().ToString("N"), "store.db");
        return SqlMarketStore.OpenSqlite(_path);
    }

    protected override IMarketStore Reopen(Action<string> insideWrite) => SqlMarketStore.OpenSqlite(_path!, insideWrite);
}

public sealed class PostgresStoreTests : StoreContract
{
    private string? _connection;

    protected override IMarketStore Open()
    {
        _connection ??= TestPostgres.NewDatabase();
        return SqlMarketStore.OpenPostgres(_connection);
    }

    protected override IMarketStore Reopen(Action<string> insideWrite) => SqlMarketStore.OpenPostgres(_connection!, insideWrite);
}
