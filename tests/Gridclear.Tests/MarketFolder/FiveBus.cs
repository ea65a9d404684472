using Gridclear.Network;

namespace Gridclear.Tests.MarketFolder;

/// <summary>The PJM 5-bus system built by hand (buses 1…5, one area; branches 1-2, 1-4, 1-5, 2-3, 3-4, 4-5 as case
/// rows 0…5), and a variant case with a parallel 1-2 (row 6, in service) and a second 2-3 named 3-2 (row 7, out of
/// service) for circuit tests.</summary>
internal static class FiveBus
{
    private static readonly (int From, int To, double X, int Status)[] BaseRows =
    [
        (1, 2, 0.0281, 1), (1, 4, 0.0304, 1), (1, 5, 0.0064, 1), (2, 3, 0.0108, 1), (3, 4, 0.0297, 1), (4, 5, 0.0297, 1),
    ];

    private static readonly (int From, int To, double X, int Status)[] ParallelRows =
    [
        .. BaseRows, (1, 2, 0.05, 1), (3, 2, 0.02, 0),
    ];

    public static Gridclear.Network.Network Network() => Compile(BaseRows);

    public static (PowerCase Case, Gridclear.Network.Network Network) WithParallelBranches()
    {
        var powerCase = new PowerCase(
            "pjm5_parallel",
            100,
            [.. Enumerable.Range(1, 5).Select(i => new CaseBus(i, i == 4 ? CaseBus.Reference : 1, 0, 0, 0, 0, 1, 1, 0, 230, 1, 1.1, 0.9))],
            [],
            [.. ParallelRows.Select(r => new CaseBranch(r.From, r.To, 0, r.X, 0, 400, 400, 400, 0, 0, r.Status))],
            []);
        return (powerCase, Compile(ParallelRows));
    }

    private static Gridclear.Network.Network Compile((int From, int To, double X, int Status)[] rows)
    {
        var branches = new List<NetworkBranch>();
        for (var row = 0; row < rows.Length; row++)
        {
            var r = rows[row];
            if (r.Status > 0)
            {
                branches.Add(new NetworkBranch(row, r.From - 1, r.To - 1, 1 / r.X, 400, 0, double.NegativeInfinity, double.PositiveInfinity));
            }
        }

        return new Gridclear.Network.Network("pjm5", 100, [1, 2, 3, 4, 5], [0, 300, 300, 400, 0], [1, 1, 1, 1, 1], branches, [], 3);
    }
}
