namespace Gridclear.Designs.FlowPaths;

/// <summary>A path's price in a day-ahead run that monitored it as an interface.</summary>
/// <param name="ShadowPrice">$/MWh per MW of path capacity (≥ 0, as constraints.csv reports it).</param>
/// <param name="Direction">+1 when the path binds in its own direction, −1 when it binds in reverse. A right in the
/// binding direction is worth <see cref="ShadowPrice"/> per MW; a right in the other direction is worth nothing
/// (it loads no binding limit).</param>
public sealed record PathPrice(string Path, double ShadowPrice, int Direction)
{
    /// <summary>$/MW of a right (or need) of signed MW <paramref name="signedMw"/> on the path.</summary>
    public double ValueOf(double signedMw) => Math.Sign(signedMw) == Direction ? ShadowPrice * Math.Abs(signedMw) : 0;
}
