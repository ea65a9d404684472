namespace Gridclear.Designs.FlowPaths;

/// <summary>A row of path_settlement.csv: amount &gt; 0 is paid to the participant, &lt; 0 paid by it.</summary>
public sealed record PathSettlementLine(string Participant, string Charge, decimal Amount, string Detail);
