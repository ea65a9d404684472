namespace Gridclear.Market;

/// <summary>The small guards the input records share; each throws <see cref="ArgumentException"/> with a message
/// that readers can pass on to users unchanged (they add file and line).</summary>
internal static class InputChecks
{
    public static string Id(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{what} must not be empty") : Names.Checked(value, what);

    public static double Finite(double value, string what) =>
        double.IsFinite(value) ? value : throw new ArgumentException($"{what} must be a finite number, not {value}");

    public static double Positive(double value, string what) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentException($"{what} must be a positive number, not {Text(value)}");

    public static double NonZero(double value, string what) =>
        double.IsFinite(value) && value != 0 ? value : throw new ArgumentException($"{what} must be a non-zero number, not {Text(value)}");

    public static T Defined<T>(T value, string what)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentException($"{what} {value} is not a known value");

    /// <summary>A defensive read-only copy, so a record never changes after it was checked.</summary>
    public static IReadOnlyList<T> Copy<T>(IReadOnlyList<T>? items, string what)
    {
        if (items is null)
        {
            throw new ArgumentException($"{what} must not be null");
        }

        var copy = new T[items.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = items[i] ?? throw new ArgumentException($"{what} must not contain null");
        }

        return Array.AsReadOnly(copy);
    }

    public static string Text(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
