namespace Gridclear.Solvers;

// The problem as the interior point works on it: constrained rows, slack columns, blocks of Q, dense rows.
public static partial class InteriorPointQp
{
    /// <summary>The problem in the form the iteration works on: constrained rows, slack columns, blocks of Q.</summary>
    private sealed class Shape
    {
        public required int Columns { get; init; }
        public required int[] RowOf { get; init; }            // constrained row k → the problem's row
        public required int[] SlackOf { get; init; }          // constrained row k → its slack variable, or −1 (equality)
        public required double[] Lower { get; init; }         // per variable (columns, then slacks)
        public required double[] Upper { get; init; }
        public required double[] Cost { get; init; }
        public required double[] Rhs { get; init; }           // per constrained row: the equality's value, or 0
        public required (int[] Rows, double[] Values)[] ColumnEntries { get; init; } // constrained rows of each column
        public required Block[] Blocks { get; init; }
        public required int[] BlockOf { get; init; }          // column → its block, or −1 (a diagonal column)
        public required double[] Diagonal { get; init; }      // Q_jj of a diagonal column
        public required int FirstDense { get; init; }         // constrained rows from here on are dense (Dense)
        public required double[] Dense { get; init; }         // dense rows × columns, row-major
        public required int[] SparseCount { get; init; }      // per column, its entries in rows before FirstDense

        public int Variables => Lower.Length;

        public int Rows => RowOf.Length;

        public static Shape? Of(LpProblem problem)
        {
            var n = problem.ColumnCount;
            for (var j = 0; j < n; j++)
            {
                if (problem.ColumnLower[j] == problem.ColumnUpper[j])
                {
                    return null;
                }
            }

            var rowOf = new List<int>();
            var slackOf = new List<int>();
            var rhs = new List<double>();
            var lower = new List<double>(problem.ColumnLower);
            var upper = new List<double>(problem.ColumnUpper);
            var cost = new List<double>(problem.Cost);

            // Sparsest rows first (a stable order): the factorisation of the normal equations then stays sparse in them.
            var constrained = Enumerable.Range(0, problem.RowCount)
                .Where(r => !(double.IsNegativeInfinity(problem.Rows[r].Lower) && double.IsPositiveInfinity(problem.Rows[r].Upper)))
                .OrderBy(r => problem.Rows[r].Columns.Length)
                .ToList();
            foreach (var r in constrained)
            {
                var row = problem.Rows[r];
                rowOf.Add(r);
                if (row.Lower == row.Upper)
                {
                    slackOf.Add(-1);
                    rhs.Add(row.Lower);
                }
                else
                {
                    slackOf.Add(lower.Count);
                    rhs.Add(0);
                    lower.Add(row.Lower);
                    upper.Add(row.Upper);
                    cost.Add(0);
                }
            }

            var m = rowOf.Count;
            if (m > MaxRows)
            {
                return null;
            }

            // Each column's entries in row order (rows are visited in order); a column a row names twice is merged.
            var rows = new List<int>[n];
            var values = new List<double>[n];
            for (var j = 0; j < n; j++)
            {
                rows[j] = [];
                values[j] = [];
            }

            for (var k = 0; k < m; k++)
            {
                var row = problem.Rows[rowOf[k]];
                for (var e = 0; e < row.Columns.Length; e++)
                {
                    var (j, value) = (row.Columns[e], row.Values[e]);
                    if (rows[j].Count > 0 && rows[j][^1] == k)
                    {
                        values[j][^1] += value;
                    }
                    else if (value != 0)
                    {
                        rows[j].Add(k);
                        values[j].Add(value);
                    }
                }
            }

            var entries = new (int[] Rows, double[] Values)[n];
            for (var j = 0; j < n; j++)
            {
                entries[j] = ([.. rows[j]], [.. values[j]]);
            }

            // Blocks of Q: the connected columns of its off-diagonal entries.
            var parent = new int[n];
            for (var j = 0; j < n; j++)
            {
                parent[j] = j;
            }

            int Find(int j)
            {
                while (parent[j] != j)
                {
                    parent[j] = parent[parent[j]];
                    j = parent[j];
                }

                return j;
            }

            var diagonal = new double[n];
            foreach (var ((i, j), q) in problem.Quadratic)
            {
                if (i == j)
                {
                    diagonal[i] += q;
                }
                else if (q != 0)
                {
                    var (a, b) = (Find(i), Find(j));
                    if (a != b)
                    {
                        parent[Math.Max(a, b)] = Math.Min(a, b);
                    }
                }
            }

            var groups = new SortedDictionary<int, List<int>>();
            for (var j = 0; j < n; j++)
            {
                var root = Find(j);
                if (!groups.TryGetValue(root, out var list))
                {
                    groups[root] = list = [];
                }

                list.Add(j);
            }

            // Off-diagonal entries by the root of their block (its smallest column).
            var offDiagonal = new Dictionary<int, List<(int I, int J, double Q)>>();
            foreach (var ((i, j), q) in problem.Quadratic)
            {
                if (i != j && q != 0)
                {
                    var root = Find(i);
                    if (!offDiagonal.TryGetValue(root, out var list))
                    {
                        offDiagonal[root] = list = [];
                    }

                    list.Add((i, j, q));
                }
            }

            var blockOf = new int[n];
            Array.Fill(blockOf, -1);
            var blocks = new List<Block>();
            double work = (double)m * m * m / 3;
            foreach (var columns in groups.Values.Where(g => g.Count > 1))
            {
                if (columns.Count > MaxBlock)
                {
                    return null;
                }

                foreach (var j in columns)
                {
                    blockOf[j] = blocks.Count;
                }

                blocks.Add(Block.Of(columns, entries, diagonal, offDiagonal[columns[0]]));
            }

            for (var j = 0; j < n; j++)
            {
                var count = entries[j].Rows.Length;
                work += blockOf[j] < 0 ? 0.5 * count * count : 0;
            }

            foreach (var block in blocks)
            {
                work += (double)block.Rows.Length * block.Rows.Length * block.Columns.Length;
            }

            if (work > MaxWork)
            {
                return null;
            }

            // Rows with many entries (balance, flows, loss cuts) are also kept dense, so their part of the normal equations
            // is a product of dense rows (vectorised) instead of a scatter per column.
            var firstDense = m;
            while (firstDense > 0 && problem.Rows[rowOf[firstDense - 1]].Columns.Length > DenseEntries)
            {
                firstDense--;
            }

            if ((double)(m - firstDense) * n > MaxDenseValues)
            {
                firstDense = m;
            }

            var dense = new double[(m - firstDense) * n];
            var sparseCount = new int[n];
            for (var j = 0; j < n; j++)
            {
                var (r, v) = entries[j];
                var count = 0;
                for (var e = 0; e < r.Length; e++)
                {
                    if (r[e] < firstDense)
                    {
                        count++;
                    }
                    else
                    {
                        dense[((r[e] - firstDense) * n) + j] = v[e];
                    }
                }

                sparseCount[j] = count;
            }

            return new Shape
            {
                FirstDense = firstDense,
                Dense = dense,
                SparseCount = sparseCount,
                Columns = n,
                RowOf = [.. rowOf],
                SlackOf = [.. slackOf],
                Lower = [.. lower],
                Upper = [.. upper],
                Cost = [.. cost],
                Rhs = [.. rhs],
                ColumnEntries = entries,
                Blocks = [.. blocks],
                BlockOf = blockOf,
                Diagonal = diagonal,
            };
        }
    }

    /// <summary>Columns joined by Q: its dense Q, and its rows of A as a dense matrix (rows × columns).</summary>
    private sealed record Block(int[] Columns, int[] Rows, double[] Q, double[] A)
    {
        public static Block Of(List<int> columns, (int[] Rows, double[] Values)[] entries, double[] diagonal, List<(int I, int J, double Q)> offDiagonal)
        {
            var s = columns.Count;
            var rows = columns.SelectMany(j => entries[j].Rows).Distinct().Order().ToArray();
            var at = new Dictionary<int, int>();
            for (var i = 0; i < rows.Length; i++)
            {
                at[rows[i]] = i;
            }

            var a = new double[rows.Length * s];
            for (var c = 0; c < s; c++)
            {
                var (r, v) = entries[columns[c]];
                for (var e = 0; e < r.Length; e++)
                {
                    a[(at[r[e]] * s) + c] = v[e];
                }
            }

            var q = new double[s * s];
            var index = new Dictionary<int, int>();
            for (var c = 0; c < s; c++)
            {
                index[columns[c]] = c;
                q[(c * s) + c] = diagonal[columns[c]];
            }

            foreach (var (i, j, value) in offDiagonal)
            {
                var (ci, cj) = (index[i], index[j]);
                q[(ci * s) + cj] += value;
                q[(cj * s) + ci] += value;
            }

            return new Block([.. columns], rows, q, a);
        }
    }
}
