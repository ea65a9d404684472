namespace Gridclear.Network;

/// <summary>An in-service generator of a compiled <see cref="Network"/>.</summary>
/// <param name="CaseRow">0-based row in the case's gen matrix: results name it <c>gen{CaseRow+1}</c>.</param>
/// <param name="Bus">Internal bus index.</param>
/// <param name="PminMw">Minimum output, MW.</param>
/// <param name="PmaxMw">Maximum output, MW.</param>
/// <param name="PgMw">Output in the case, MW (the power flow set point).</param>
/// <param name="Cost">Its gencost row, or null when the case has none.</param>
/// <param name="SourceLine">1-based line of its gen row in the case file; 0 when not read from a file.</param>
public sealed record NetworkGenerator(int CaseRow, int Bus, double PminMw, double PmaxMw, double PgMw, CaseGenCost? Cost, int SourceLine = 0);
