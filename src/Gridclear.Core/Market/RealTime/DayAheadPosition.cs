namespace Gridclear.Market;

/// <summary>
/// What the day-ahead market committed each resource and schedule to, interval by interval: the financially binding
/// position (D13) that real time settles deviations from, and the MW a resource without real-time bids holds (R1).
/// </summary>
/// <param name="IntervalMinutes">Length of a day-ahead interval, minutes.</param>
/// <param name="ResourceMw">Per day-ahead interval (index k − 1), cleared MW by resource id (a generator's injection, a
/// load's withdrawal).</param>
/// <param name="Schedules">Per day-ahead interval, the schedules as cleared (legs after adjustments).</param>
public sealed record DayAheadPosition(
    double IntervalMinutes,
    IReadOnlyList<IReadOnlyDictionary<string, double>> ResourceMw,
    IReadOnlyList<IReadOnlyList<Schedule>> Schedules)
{
    public int IntervalCount => ResourceMw.Count;

    /// <summary>Day-ahead MW of a resource in day-ahead interval <paramref name="interval"/> (1-based); 0 when it cleared nothing.</summary>
    public double MwOf(int interval, string resource) => ResourceMw[interval - 1].GetValueOrDefault(resource);

    /// <summary>True when the day-ahead run cleared the resource (in any interval).</summary>
    public bool Knows(string resource) => ResourceMw.Any(d => d.ContainsKey(resource));

    /// <summary>
    /// The day-ahead interval a later interval of <paramref name="minutes"/> minutes falls in: ceil(i · minutes /
    /// day-ahead minutes) (FORMATS.md), e.g. five-minute interval 13 in hour 2. Beyond the day-ahead run it is out of
    /// range (the caller says where).
    /// </summary>
    public int IntervalOf(int interval, double minutes) => (int)Math.Ceiling((interval * minutes / IntervalMinutes) - 1e-9);
}
