namespace Gridclear.Store;

/// <summary>A registered participant (or the operator). The API key itself is never stored, only its hash.</summary>
public sealed record Participant(long Id, string Name, bool IsOperator, DateTimeOffset CreatedAt);

/// <summary>A participant's submission of one bid file for one day; a later one replaces it.</summary>
public sealed record Submission(string Day, string Participant, string File, string Content, DateTimeOffset SubmittedAt);

/// <summary>What the store knows about a market day.</summary>
/// <param name="Day">The day's name as the API writes it (e.g. 2026-12-02).</param>
/// <param name="HasNetwork">True once the operator has put the network.</param>
/// <param name="GateClosure">Submissions at or after this time are refused; null while the gate is open.</param>
/// <param name="ClearedAt">When the latest clear committed; null before the first.</param>
public sealed record MarketDay(string Day, bool HasNetwork, DateTimeOffset? GateClosure, DateTimeOffset? ClearedAt);

/// <summary>The day's network (a MATPOWER case, as put) and its map layout (JSON, computed once when it was put).</summary>
public sealed record StoredNetwork(string CaseText, string LayoutJson, DateTimeOffset PutAt);

/// <summary>A committed clear: every output file of the run, by name.</summary>
public sealed record StoredClear(long Id, string Day, DateTimeOffset ClearedAt, IReadOnlyDictionary<string, string> Files);

/// <summary>How a submission ended.</summary>
public enum SubmissionOutcome
{
    /// <summary>Stored (replacing the participant's earlier one for the file, if any).</summary>
    Stored,

    /// <summary>Refused: the day's gate had closed at the submission's time.</summary>
    GateClosed,
}
