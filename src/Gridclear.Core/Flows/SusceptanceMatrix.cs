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

        // Each branch's reduced ends, read once (the later passes run over arrays, not over the branch records).
        var fromReduced = new int[m];
        var toReduced = new int[m];
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
            fromReduced[k] = ReducedIndex(br.From, reference);
            toReduced[k] = ReducedIndex(br.To, reference);
        }

        // Reduced B: triplets per column in branch order (counted, then placed: no list per column), each column
        // sorted by row with a stable insertion sort (a column holds a bus's few branches), duplicates summed in
        // branch order, so sums are formed in a fixed order.
        var perColumn = new int[n];
        for (var k = 0; k < m; k++)
        {
            if (fromReduced[k] is var f and >= 0)
            {
                perColumn[f + 1] += toReduced[k] >= 0 ? 2 : 1;
            }

            if (toReduced[k] is var t and >= 0)
            {
                perColumn[t + 1] += fromReduced[k] >= 0 ? 2 : 1;
            }
        }

        for (var c = 0; c < n - 1; c++)
        {
            perColumn[c + 1] += perColumn[c];
        }

        var tripletRows = new int[perColumn[n - 1]];
        var tripletValues = new double[perColumn[n - 1]];
        var fill = perColumn[..^1];

        void Add(int r, int c, double value)
        {
            if (r >= 0 && c >= 0)
            {
                tripletRows[fill[c]] = r;
                tripletValues[fill[c]++] = value;
            }
        }

        for (var k = 0; k < m; k++)
        {
            var b = Susceptance[k];
            Add(fromReduced[k], fromReduced[k], b);
            Add(toReduced[k], toReduced[k], b);
            Add(fromReduced[k], toReduced[k], -b);
            Add(toReduced[k], fromReduced[k], -b);
        }

        // Sorted and summed in place: a column's entries move down to where the previous column's end (never past the
        // triplet being read), so the matrix keeps the triplet arrays, past its NonZeros unused (a 70,000-bus network:
        // 7 MB less to touch for the first time).
        var starts = new int[n];
        var rows = tripletRows;
        var values = tripletValues;
        var entries = 0;
        for (var c = 0; c < n - 1; c++)
        {
            var from = perColumn[c];
            var to = perColumn[c + 1];
            for (var i = from + 1; i < to; i++)
            {
                var r = tripletRows[i];
                var v = tripletValues[i];
                var j = i - 1;
                for (; j >= from && tripletRows[j] > r; j--)
                {
                    tripletRows[j + 1] = tripletRows[j];
                    tripletValues[j + 1] = tripletValues[j];
                }

                tripletRows[j + 1] = r;
                tripletValues[j + 1] = v;
            }

            var last = -1;
            for (var i = from; i < to; i++)
            {
                if (tripletRows[i] == last)
                {
                    values[entries - 1] += tripletValues[i];
                }
                else
                {
                    rows[entries] = tripletRows[i];
                    values[entries++] = tripletValues[i];
                    last = tripletRows[i];
                }
            }

            starts[c + 1] = entries;
        }

        Reduced = new SparseMatrix(n - 1, n - 1, starts, rows, values);

        _branchBus = new Lazy<SparseMatrix>(() => BuildBranchBus(network));
    }

    // Bf in CSC: column j lists the branches incident to bus j, in branch order. Built when first asked for (the
    // factorisation does not need it, and it would delay it).
    private static SparseMatrix BuildBranchBus(Network.Network network)
    {
        var n = network.BusCount;
        var m = network.BranchCount;
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

        return new SparseMatrix(m, n, count, bfRows, bfValues);
    }

    public Network.Network Network { get; }

    /// <summary>B without the reference row and column, p.u., CSC (n − 1 square).</summary>
    public SparseMatrix Reduced { get; }

    /// <summary>Bf, p.u., CSC (branches × buses).</summary>
    public SparseMatrix BranchBus => _branchBus.Value;

    private readonly Lazy<SparseMatrix> _branchBus;

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
