namespace Gridclear.Ftr;

/// <summary>
/// What a set of FTRs puts on every constraint, per direction: <see cref="Upper"/> is the most it can push a·q up
/// (obligations' flow plus options' flow where positive), <see cref="Lower"/> the most it can push it down
/// (obligations' flow plus options' flow where negative). An option's flow counts only where it loads a constraint,
/// so the set is feasible whichever options are exercised.
/// </summary>
public sealed class FtrLoads
{
    public FtrLoads(int count)
    {
        Upper = new double[count];
        Lower = new double[count];
    }

    public double[] Upper { get; }

    public double[] Lower { get; }

    /// <summary>Adds <paramref name="other"/>'s loads to these.</summary>
    public void Add(FtrLoads other)
    {
        for (var i = 0; i < Upper.Length; i++)
        {
            Upper[i] += other.Upper[i];
            Lower[i] += other.Lower[i];
        }
    }

    /// <summary>These loads plus <paramref name="other"/>'s, as new loads.</summary>
    public FtrLoads Plus(FtrLoads other)
    {
        var sum = new FtrLoads(Upper.Length);
        for (var i = 0; i < Upper.Length; i++)
        {
            sum.Upper[i] = Upper[i] + other.Upper[i];
            sum.Lower[i] = Lower[i] + other.Lower[i];
        }

        return sum;
    }

    /// <summary>Loads of MW-weighted paths: positive MW hold the path, negative MW release it (a sale).</summary>
    public static FtrLoads Of(IFtrConstraints constraints, IEnumerable<(FtrPath Path, FtrKind Kind, double Mw)> items)
    {
        var loads = new FtrLoads(constraints.Count);
        var obligations = new double[constraints.BusCount];
        var anyObligation = false;

        // Options: sum MW per distinct path so each path costs one pass over the constraints.
        var optionPaths = new List<(FtrPath Path, double Mw)>();
        var optionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (path, kind, mw) in items)
        {
            if (mw == 0)
            {
                continue;
            }

            if (kind == FtrKind.Obligation)
            {
                path.AddInjection(obligations, mw);
                anyObligation = true;
            }
            else if (optionIndex.TryGetValue(PathKey(path), out var k))
            {
                optionPaths[k] = (optionPaths[k].Path, optionPaths[k].Mw + mw);
            }
            else
            {
                optionIndex[PathKey(path)] = optionPaths.Count;
                optionPaths.Add((path, mw));
            }
        }

        if (anyObligation)
        {
            constraints.Activities(obligations, loads.Upper);
            loads.Upper.CopyTo(loads.Lower, 0);
        }

        if (optionPaths.Count > 0)
        {
            constraints.AddOptionLoads(optionPaths, loads);
        }

        return loads;
    }

    internal static string PathKey(FtrPath path) => path.Key;
}
