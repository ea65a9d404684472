namespace Gridclear.Store;

/// <summary>
/// Everything the market service keeps. Each write is one transaction: a submission, a market file, a network or a
/// clear's whole set of results is committed entirely or not at all, so a killed process loses nothing committed and
/// leaves nothing half-written. Implementations: SQLite (a file) and PostgreSQL, the same SQL behind
/// <see cref="SqlMarketStore"/>.
/// </summary>
public interface IMarketStore : IDisposable
{
    /// <summary>A short name of the backend, for logs and benchmarks ("sqlite", "postgresql").</summary>
    string Backend { get; }

    /// <summary>The schema version the store is at (the last migration applied).</summary>
    int SchemaVersion();

    /// <summary>Registers a participant by name with the hash of its key; throws <see cref="StoreConflictException"/>
    /// when the name is taken.</summary>
    Participant AddParticipant(string name, bool isOperator, string keyHash, DateTimeOffset at);

    /// <summary>The participant whose key has this hash, or null.</summary>
    Participant? FindByKeyHash(string keyHash);

    IReadOnlyList<Participant> Participants();

    IReadOnlyList<MarketDay> Days();

    MarketDay? Day(string day);

    /// <summary>Stores the day's network and its layout (creating the day), replacing an earlier one.</summary>
    void PutNetwork(string day, string caseText, string layoutJson, DateTimeOffset at);

    StoredNetwork? Network(string day);

    /// <summary>Stores an operator's market-folder file for the day, replacing an earlier one of the same name.</summary>
    void PutMarketFile(string day, string file, string content, DateTimeOffset at);

    /// <summary>The day's market files by name.</summary>
    IReadOnlyDictionary<string, string> MarketFiles(string day);

    /// <summary>Sets (or with null reopens) the day's gate closure.</summary>
    void SetGate(string day, DateTimeOffset? closesAt);

    /// <summary>
    /// Stores a participant's bid file for the day, replacing its earlier one, unless the day's gate closed at or before
    /// <paramref name="at"/> (checked inside the same transaction).
    /// </summary>
    SubmissionOutcome PutSubmission(string day, long participantId, string file, string content, DateTimeOffset at);

    /// <summary>The day's submissions, of one participant or (null) of all, in participant then file order.</summary>
    IReadOnlyList<Submission> Submissions(string day, long? participantId = null);

    /// <summary>Commits a clear's output files in one transaction and returns its id.</summary>
    long SaveClear(string day, DateTimeOffset at, IReadOnlyDictionary<string, string> files);

    /// <summary>The latest committed clear of the day, or null.</summary>
    StoredClear? LatestClear(string day);
}

/// <summary>A write refused because it conflicts with what is stored (a participant name taken).</summary>
public sealed class StoreConflictException(string message) : Exception(message);
