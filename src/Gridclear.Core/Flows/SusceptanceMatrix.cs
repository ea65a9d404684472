using Gridclear.Sparse;

namespace Gridclear.Flows;

/// <summary>
/// The DC network matrices of a <see cref="Network.Network"/>, in per unit on the case base (MATPOWER's makeBdc):
/// <list type="bullet">
/// <item><see cref="Reduced"/>: the bus susceptance matrix B with the reference bus's row and column removed
/// (dimension n − 1). Removing them grounds the reference angle at 0 and makes B non-singular for one island.
/// Reduced index of bus i is i for i &lt; ref and i − 1 for i &gt; ref.</item>
/// <item><see cref="BranchBus"/>: Bf (branches × buses), row k = b_k·(e_from − e_to), so flows = Bf·θ + Pfinj.</item>
/// <item><see cref="PhaseShiftBranchInjection"/> Pfinj_k = −b_k·shift_k and <see cref="PhaseShiftBusInjection"/>
/// Pbusinj = Cftᵀ·Pfinj: B·θ = P − Pbusinj.</item>
/// </list>
/// Parallel branches sum into one entry, always in branch order, so the matrix is deterministic.
/// </summary>
public sealed class SusceptanceMatrix
{
    public SusceptanceMatrix(Network.Network network)
    {
        Network = network;
        var n = network.BusCount;
        var m = network.BranchCount;
        var reference = network.ReferenceBus;
        Susceptance = new double[m];
        BranchShiftInjection = new double[m];
        BusShiftInjection = new double[n];
        for (var k = 0; k < m; k++)
        {
            var br = network.Branches[k];
            if ((uint)br.From >= (uint)n || (uint)br.To >= (uint)n)
            {
                throw new ArgumentException($"branch {k} refers to a bus outside the network");
            }

            Susceptance[k] = br.Susceptance;
            var pfinj = -br.Susceptance * br.ShiftRad;
            BranchShiftInjection[k] = pfinj;
            BusShiftInjection[br.From] += pfinj;
            BusShiftInjection[br.To] -= pfinj;
        }

        // Reduced B: triplets per column, sorted by row, duplicates summed in branch order.
        var columns = new List<(int Row, double Value)>[n - 1];
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j] = new List<(int, double)>(4);
        }

        void Add(int row, int col, double value)
        {
            var r = ReducedIndex(row, reference);
            var c = ReducedIndex(col, reference);
            if (r >= 0 && c >= 0)
            {
                columns[c].Add((r, value));
            }
        }

        foreach (var br in network.Branches)
        {
            var b = br.Susceptance;
            Add(br.From, br.From, b);
            Add(br.To, br.To, b);
            Add(br.From, br.To, -b);
            Add(br.To, br.From, -b);
        }

        var starts = new int[n];
        var rows = new List<int>(4 * m);
        var values = new List<double>(4 * m);
        for (var c = 0; c < columns.Length; c++)
        {
            var col = columns[c];

            // Stable: equal rows keep insertion (branch) order, so sums are formed in a fixed order.
            var sorted = col.Select((e, seq) => (e.Row, e.Value, seq)).OrderBy(e => e.Row).ThenBy(e => e.seq);
            var last = -1;
            foreach (var (r, v, _) in sorted)
            {
                if (r == last)
                {
                    values[^1] += v;
                }
                else
                {
                    rows.Add(r);
                    values.Add(v);
                    last = r;
                }
            }

            starts[c + 1] = rows.Count;
        }

        Reduced = new SparseMatrix(n - 1, n - 1, starts, rows.ToArray(), values.ToArray());

        // Bf in CSC: column j lists the branches incident to bus j, in branch order.
        var count = new int[n + 1];
        foreach (var br in network.Branches)
        {
            count[br.From + 1]++;
            if (br.To != br.From)
            {
                count[br.To + 1]++;
            }
        }

        for (var j = 0; j < n; j++)
        {
            count[j + 1] += count[j];
        }

        var bfRows = new int[count[n]];
        var bfValues = new double[count[n]];
        var next = (int[])count.Clone();
        for (var k = 0; k < m; k++)
        {
            var br = network.Branches[k];
            if (br.To == br.From)
            {
                bfRows[next[br.From]] = k;
                bfValues[next[br.From]++] = 0;
                continue;
            }

            bfRows[next[br.From]] = k;
            bfValues[next[br.From]++] = br.Susceptance;
            bfRows[next[br.To]] = k;
            bfValues[next[br.To]++] = -br.Susceptance;
        }

        BranchBus = new SparseMatrix(m, n, count, bfRows, bfValues);
    }

    public Network.Network Network { get; }

    /// <summary>B without the reference row and column, p.u., CSC (n − 1 square).</summary>
    public SparseMatrix Reduced { get; }

    /// <summary>Bf, p.u., CSC (branches × buses).</summary>
    public SparseMatrix BranchBus { get; }

    /// <summary>b_k = 1/(x·tap), p.u.</summary>
    public IReadOnlyList<double> BranchSusceptance => Susceptance;

    /// <summary>Pfinj_k = −b_k·shift_k, p.u.: the part of each branch flow the phase shift causes at equal angles.</summary>
    public IReadOnlyList<double> PhaseShiftBranchInjection => BranchShiftInjection;

    /// <summary>Pbusinj = Cftᵀ·Pfinj, p.u.: the phase shifts as fixed bus injections (they sum to zero).</summary>
    public IReadOnlyList<double> PhaseShiftBusInjection => BusShiftInjection;

    internal double[] Susceptance { get; }

    internal double[] BranchShiftInjection { get; }

    internal double[] BusShiftInjection { get; }

    /// <summary>Row/column of bus <paramref name="bus"/> in <see cref="Reduced"/>, or −1 for the reference.</summary>
    public int ReducedIndex(int bus) => ReducedIndex(bus, Network.ReferenceBus);

    internal static int ReducedIndex(int bus, int reference) => bus < reference ? bus : bus == reference ? -1 : bus - 1;
}
