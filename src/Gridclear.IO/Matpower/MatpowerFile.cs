namespace Gridclear.IO.Matpower;

/// <summary>What the scanner found in a case file: the assignments Gridclear reads, each with its line.
/// Fields Gridclear does not use (areas, gentype, user fields …) are skipped and not kept.</summary>
internal sealed class MatpowerFile
{
    /// <summary>The name after <c>function mpc =</c>, or null when the file has no function line.</summary>
    public string? FunctionName { get; set; }

    /// <summary>mpc.version as written ('2'), or null when absent.</summary>
    public string? Version { get; set; }

    public int VersionLine { get; set; }

    public double? BaseMva { get; set; }

    public int BaseMvaLine { get; set; }

    /// <summary>The numeric matrices read: bus, gen, branch, gencost.</summary>
    public Dictionary<string, MatpowerMatrix> Matrices { get; } = new(StringComparer.Ordinal);

    /// <summary>mpc.bus_name, one row of cell values per bus, each value with its line.</summary>
    public List<List<(string Text, bool Quoted, int Line)>>? BusNames { get; set; }

    public int BusNamesLine { get; set; }

    /// <summary>Fields present but not read, once each, in file order.</summary>
    public List<string> SkippedFields { get; } = [];

    /// <summary>Lines where each read field was assigned, to refuse a second assignment.</summary>
    public Dictionary<string, int> AssignedAt { get; } = new(StringComparer.Ordinal);
}
