namespace Gridclear.Solvers;

/// <summary>One constraint row: lower ≤ Σ values[k]·x[columns[k]] ≤ upper. Equal bounds make an equality.</summary>
public sealed record LpRow(double Lower, double Upper, int[] Columns, double[] Values)
{
    public static LpRow Equal(double rhs, int[] columns, double[] values) => new(rhs, rhs, columns, values);

    public static LpRow AtMost(double upper, int[] columns, double[] values) => new(double.NegativeInfinity, upper, columns, values);

    public static LpRow AtLeast(double lower, int[] columns, double[] values) => new(lower, double.PositiveInfinity, columns, values);
}
