namespace Gridclear.Service.Endpoints;

// The service's own request and response records (JSON in snake_case): they never expose core or store types, so the
// core can change without changing the API.

/// <summary>A market day: whether its network is in, its gate closure (null while open), its latest clear.</summary>
public sealed record DayResponse(string Day, bool HasNetwork, DateTimeOffset? GateClosure, DateTimeOffset? ClearedAt);

/// <summary>Who the key belongs to.</summary>
public sealed record CallerResponse(string Name, bool Operator);

/// <summary>A stored file (network, market file or submission) and when.</summary>
public sealed record StoredFileResponse(string Day, string File, string? Participant, int Rows, DateTimeOffset At);

/// <summary>The day's gate: submissions at or after <paramref name="ClosesAt"/> are refused (409).</summary>
public sealed record GateRequest(DateTimeOffset? ClosesAt);

public sealed record GateResponse(string Day, DateTimeOffset? ClosesAt);

/// <summary>A committed clear: its id, time, status (summary.json's) and the files it stored.</summary>
public sealed record ClearResponse(string Day, long ClearId, DateTimeOffset ClearedAt, string Status, IReadOnlyList<string> Files, IReadOnlyList<string> Notes);
