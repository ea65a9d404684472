namespace Gridclear.Designs.FlowPaths;

/// <summary>
/// The thresholds of the flow-path rights model (001 A.1.a-b, P3-P5), in percent. A schedule's forgiveness threshold
/// on a path is min(W%·Q, X%·rating) and its scheduling threshold min(Y%·Q, Z%·rating), Q being the schedule's
/// injections: a threshold "is exceeded if either component is exceeded", so the smaller component is the threshold.
/// </summary>
/// <param name="W">Forgiveness, percent of the schedule (0-100).</param>
/// <param name="X">Forgiveness, percent of the path rating (0-100).</param>
/// <param name="Y">Scheduling, percent of the schedule (W-100).</param>
/// <param name="Z">Scheduling, percent of the path rating (X-100).</param>
public sealed record PathThresholds(double W, double X, double Y, double Z)
{
    public double W { get; } = Percent(W, "W");

    public double X { get; } = Percent(X, "X");

    public double Y { get; } = Percent(Y, "Y") >= W ? Y : throw new ArgumentException($"Y = {Text(Y)} % is below W = {Text(W)} %: the scheduling threshold cannot be under the forgiveness threshold");

    public double Z { get; } = Percent(Z, "Z") >= X ? Z : throw new ArgumentException($"Z = {Text(Z)} % is below X = {Text(X)} %: the scheduling threshold cannot be under the forgiveness threshold");

    /// <summary>Forgiveness threshold, MW, of a schedule injecting <paramref name="injectionMw"/> on a path of <paramref name="rating"/>.</summary>
    public double ForgivenessMw(double injectionMw, double rating) => Math.Min(W / 100 * injectionMw, X / 100 * rating);

    /// <summary>Scheduling threshold, MW.</summary>
    public double SchedulingMw(double injectionMw, double rating) => Math.Min(Y / 100 * injectionMw, Z / 100 * rating);

    /// <summary>Refuses a value outside 0-100 (NaN included).</summary>
    public static double Percent(double value, string name) =>
        value is >= 0 and <= 100 ? value : throw new ArgumentException($"{name} = {Text(value)} is not a percentage in 0-100");

    private static string Text(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
