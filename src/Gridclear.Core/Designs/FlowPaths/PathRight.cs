using Gridclear.Market;

namespace Gridclear.Designs.FlowPaths;

/// <summary>A flow-path right held (path_rights.csv): MW signed in the path's direction (negative: the reverse).</summary>
public sealed record PathRight(string Holder, string Path, double Mw)
{
    public string Holder { get; } = InputChecks.Id(Holder, "holder of a path right");

    public string Path { get; } = InputChecks.Id(Path, "path of a path right");

    public double Mw { get; } = InputChecks.Finite(Mw, $"mw of {Holder}'s right on {Path}");
}
