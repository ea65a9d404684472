using Gridclear.Flows;

namespace Gridclear.Market;

/// <summary>
/// The post-contingency flow check without computing every LODF-adjusted flow, finding exactly the violations of
/// the exhaustive check (same pairs, same values, same bits).
/// <para>
/// Built once per network (one forward solve per outage, parallel branches sharing theirs, on every core): for each
/// secured outage k, its short list, the checked lines l with |LODF_lk| ≥ <see cref="ListedFactor"/> and their exact LODF values, and r_k, the
/// largest |LODF| of the lines left off. At base-case flows f, a line off k's list can only exceed its limit L_l
/// when |f_l| + r_k·|f_k| > L_l; with T = max_k r_k·|f_k| (a few MW on a 10,000-bus case), only the few "tight"
/// lines with |f_l| + T > L_l can be overloaded by an outage that does not list them. A tight line's shift-factor
/// row (one transposed solve, cached) estimates LODF_lk for every k at once, (H_l[f_k] − H_l[t_k]) / d_k, and a pair
/// whose estimate comes near the limit is checked with k's exact LODF column.
/// </para>
/// </summary>
internal sealed class ContingencyScreen
{
    /// <summary>Outage factors at least this large are listed (exact) per outage: on case_ACTIVSg10k about 3 % of the
    /// factors, and T ≤ 0.003 · the largest outaged flow (20 tight lines at its base-case dispatch). A smaller share
    /// lists more (1e-3: 5.0 million factors, 40 MB more peak memory, no faster); a larger one makes hundreds of lines
    /// tight (3e-2: 444, a cached shift-factor row each).</summary>
    public const double ListedFactor = 3e-3;

    /// <summary>A row estimate differs from the column's value by round-off: a pair within this many MW (plus a
    /// relative share of the flows) of its limit is checked exactly.</summary>
    private const double EstimateMargin = 1e-3;

    private const double EstimateRelative = 1e-6;

    private const int Block = 4;

    /// <summary>Outages whose short lists share one pair of arrays: 128 outages list about 40,000 factors on
    /// case_ACTIVSg10k, so each chunk's arrays are large objects the collector never copies.</summary>
    private const int Chunk = 128;

    /// <summary>|numerator| below this share of |denominator| gives a factor below <see cref="ListedFactor"/> whatever
    /// the rounding of the division (one part in 10¹⁶): such factors are never divided out.</summary>
    private const double SurelyUnlisted = ListedFactor * (1 - 1e-9);

    private readonly OutageFactors _outageFactors;
    private readonly int[] _outaged;
    private readonly int[] _checkedLines;
    private readonly double[] _limits;
    private readonly double[] _denominator;
    private readonly double[] _residual;
    private readonly int[] _offset;
    private readonly int[] _length;
    private readonly int[][] _chunkLines;
    private readonly double[][] _chunkFactors;

    /// <param name="outageFactors">The network's outage factors.</param>
    /// <param name="outaged">The branch of each secured outage (none islands the network).</param>
    /// <param name="checkedLines">The lines checked under every outage, ascending (the outaged branch itself is skipped).</param>
    /// <param name="limits">Post-contingency limit of each branch, MW (the same both ways).</param>
    public ContingencyScreen(OutageFactors outageFactors, int[] outaged, int[] checkedLines, double[] limits)
    {
        _limits = limits;
        _outageFactors = outageFactors;
        _outaged = outaged;
        _checkedLines = checkedLines;
        var count = outaged.Length;
        _denominator = new double[count];
        _residual = new double[count];
        _offset = new int[count];
        _length = new int[count];
        var chunks = (count + Chunk - 1) / Chunk;
        _chunkLines = new int[chunks][];
        _chunkFactors = new double[chunks][];
        var shift = outageFactors.ShiftFactors;
        var matrix = shift.Matrix;
        var susceptance = matrix.Susceptance;
        var network = shift.Network;

        // Each checked line's reduced end indices (−1 at the reference) and susceptance, read in order by the scan.
        var lineFrom = new int[checkedLines.Length];
        var lineTo = new int[checkedLines.Length];
        var lineB = new double[checkedLines.Length];
        for (var j = 0; j < checkedLines.Length; j++)
        {
            var br = network.Branches[checkedLines[j]];
            lineFrom[j] = matrix.ReducedIndex(br.From);
            lineTo[j] = matrix.ReducedIndex(br.To);
            lineB[j] = susceptance[checkedLines[j]];
        }

        var size = Math.Max(0, shift.BusCount - 1);
        Parallel.For(
            0,
            chunks,
            () => new BuildScratch(Block * size, Chunk * checkedLines.Length / 16),
            (chunk, _, s) =>
            {
                var used = 0;
                var first = chunk * Chunk;
                var last = Math.Min(count, first + Chunk);
                Span<int> from = stackalloc int[Block];
                Span<int> to = stackalloc int[Block];
                Span<int> slot = stackalloc int[Chunk];
                var transfers = 0;
                var blockStart = first;
                for (var i = first; i < last; i++)
                {
                    // Parallel branches (the same two buses, listed one after another) share one transfer: the same
                    // right-hand side, or its negative, so the same solution bits up to sign.
                    var br = network.Branches[outaged[i]];
                    var shared = -1;
                    for (var c = 0; c < transfers && shared < 0; c++)
                    {
                        if ((from[c] == br.From && to[c] == br.To) || (from[c] == br.To && to[c] == br.From))
                        {
                            shared = c;
                        }
                    }

                    if (shared < 0 && transfers == Block)
                    {
                        used = ListBlock(blockStart, i, from, to, slot[(blockStart - first)..], s, used);
                        blockStart = i;
                        transfers = 0;
                    }

                    if (shared < 0)
                    {
                        from[transfers] = br.From;
                        to[transfers] = br.To;
                        shared = transfers++;
                    }

                    slot[i - first] = shared;
                }

                used = ListBlock(blockStart, last, from[..transfers], to[..transfers], slot[(blockStart - first)..], s, used);

                // Written in full at once: no need to zero them first (2.7 million factors on case_ACTIVSg10k).
                _chunkLines[chunk] = GC.AllocateUninitializedArray<int>(used);
                _chunkFactors[chunk] = GC.AllocateUninitializedArray<double>(used);
                s.Lines.AsSpan(0, used).CopyTo(_chunkLines[chunk]);
                s.Factors.AsSpan(0, used).CopyTo(_chunkFactors[chunk]);
                return s;
            },
            _ => { });

        // Outages first..end−1 from one KLU pass (it solves up to four right-hand sides in one sweep over its factors):
        // the transfers' solutions, then each outage's list from its transfer's; returns the end of the lists.
        int ListBlock(int first, int end, ReadOnlySpan<int> from, ReadOnlySpan<int> to, ReadOnlySpan<int> slot, BuildScratch s, int used)
        {
            shift.SolveTransfers(from, to, s.Angles.AsSpan(0, from.Length * size));
            for (var i = first; i < end; i++)
            {
                var c = slot[i - first];
                var br = network.Branches[outaged[i]];
                _offset[i] = used;
                used = List(i, br.From == br.To, br.From == from[c] ? 1.0 : -1.0, s.Angles.AsSpan(c * size, size), s, used);
                _length[i] = used - _offset[i];
            }

            return used;
        }

        // Outage i's factors (the same bits as OutageFactors.Factors gives, sign·x being its transfer's solution): its
        // denominator, its list from position used of the scratch on, and r_i; returns the end of the list.
        int List(int i, bool selfLoop, double sign, ReadOnlySpan<double> x, BuildScratch s, int used)
        {
            var k = outaged[i];

            // Negation is exact: b·((−x_f) − (−x_t)) is −(b·(x_f − x_t)) bit for bit.
            var denominator = selfLoop ? 1.0 : 1.0 - (sign * shift.TransferFlow(x, k));
            _denominator[i] = denominator;
            if (selfLoop)
            {
                // No transfer, no factors: all 0, none listed.
                _residual[i] = 0;
                return used;
            }

            s.Reserve(used + checkedLines.Length);
            var self = Array.BinarySearch(checkedLines, k);
            var (end, residual, largestSkipped) = Scan(x, sign, lineFrom, lineTo, lineB, checkedLines, self, denominator, s.Lines, s.Factors, used);

            // Rounded division by |d| is monotonic, so the largest skipped factor is the largest numerator divided once
            // (none is skipped when d is 0 or NaN: every factor is then listed, as infinite or NaN).
            _residual[i] = largestSkipped > 0 ? Math.Max(residual, largestSkipped / Math.Abs(denominator)) : residual;
            return end;
        }
    }

    /// <summary>
    /// One outage's factors b_l·(x_f − x_t)/d for every checked line but its own (position <paramref name="self"/>, or
    /// none): those not below <see cref="ListedFactor"/> appended at <paramref name="used"/>, the largest of the others
    /// returned, split into those divided out and the largest numerator of those never divided (static, so the arrays
    /// stay in registers).
    /// </summary>
    private static (int End, double Residual, double LargestSkipped) Scan(
        ReadOnlySpan<double> x, double sign, ReadOnlySpan<int> lineFrom, ReadOnlySpan<int> lineTo, ReadOnlySpan<double> lineB, ReadOnlySpan<int> checkedLines,
        int self, double denominator, Span<int> lines, Span<double> factors, int used)
    {
        var skip = Math.Abs(denominator) * SurelyUnlisted;
        var largestSkipped = 0.0;
        var residual = 0.0;
        lineTo = lineTo[..lineFrom.Length];
        lineB = lineB[..lineFrom.Length];
        for (var j = 0; j < lineFrom.Length; j++)
        {
            var rf = lineFrom[j];
            var rt = lineTo[j];
            var numerator = sign * (lineB[j] * ((rf < 0 ? 0 : x[rf]) - (rt < 0 ? 0 : x[rt])));
            var magnitude = Math.Abs(numerator);
            if (magnitude < skip)
            {
                // Never NaN here (NaN fails the test): a plain comparison keeps Math.Max's result.
                if (magnitude > largestSkipped && j != self)
                {
                    largestSkipped = magnitude;
                }

                continue;
            }

            if (j == self)
            {
                continue;
            }

            // NaN (a near-singular outage) is listed, so the exact check sees it.
            var v = numerator / denominator;
            if (!(Math.Abs(v) < ListedFactor))
            {
                lines[used] = checkedLines[j];
                factors[used++] = v;
            }
            else if (Math.Abs(v) > residual)
            {
                residual = Math.Abs(v);
            }
        }

        return (used, residual, largestSkipped);
    }

    /// <summary>Outage factors kept in the short lists (all outages together).</summary>
    public int ListedCount => _length.Sum();

    /// <summary>Lines found tight at the last check (their rows were used).</summary>
    public int LastTightCount { get; private set; }

    /// <summary>
    /// Every post-contingency flow f_l + LODF_lk·f_k that may lie outside its limit by more than
    /// <paramref name="tolerance"/> (a superset by a hair at most: the caller decides with the exact value given), in
    /// the exhaustive check's order: outage by outage, lines ascending.
    /// </summary>
    /// <param name="flows">Base-case branch flows, MW.</param>
    /// <param name="into">Receives (outage entry, line, post-contingency flow) for each candidate.</param>
    public void Candidates(ReadOnlySpan<double> flows, double tolerance, List<(int Entry, int Line, double Value)> into)
    {
        var limits = _limits;
        var count = _outaged.Length;
        var threshold = 0.0;
        for (var i = 0; i < count; i++)
        {
            threshold = Math.Max(threshold, _residual[i] * Math.Abs(flows[_outaged[i]]));
        }

        // Lines an outage that does not list them could overload: |f_l| + T within round-off of the limit.
        var tight = new List<int>();
        foreach (var l in _checkedLines)
        {
            var bound = Math.Abs(flows[l]) + threshold;
            if (bound >= limits[l] + tolerance - (1e-9 * (bound + limits[l])) - 1e-9)
            {
                tight.Add(l);
            }
        }

        LastTightCount = tight.Count;
        var flowCopy = flows.ToArray();
        var flagged = FlagTightPairs(tight, flowCopy, tolerance);

        // Exact values of flagged pairs from their outage's LODF column (not cached: most are not added to the LP).
        var flaggedEntries = flagged.Select(p => p.Entry).Distinct().Order().ToArray();
        var exact = new (int Line, double Factor)[flaggedEntries.Length][];
        var shift = _outageFactors.ShiftFactors;
        var byEntry = flagged.ToLookup(p => p.Entry, p => p.Line);
        Parallel.For(
            0,
            flaggedEntries.Length,
            () => new Scratch(shift.BranchCount, shift.BusCount),
            (j, state, s) =>
            {
                var entry = flaggedEntries[j];
                var lines = byEntry[entry].ToArray();
                _ = _outageFactors.Factors(_outaged[entry], lines, s.Column, s.Angles);
                exact[j] = [.. lines.Select((l, c) => (l, s.Column[c]))];
                return s;
            },
            _ => { });

        var merged = new List<(int Line, double Value)>();
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            var fk = flows[_outaged[i]];
            merged.Clear();
            var chunkLines = _chunkLines[i / Chunk];
            var chunkFactors = _chunkFactors[i / Chunk];
            for (var p = _offset[i]; p < _offset[i] + _length[i]; p++)
            {
                var l = chunkLines[p];
                var value = flows[l] + (chunkFactors[p] * fk);
                if (Outside(value, limits[l], tolerance))
                {
                    merged.Add((l, value));
                }
            }

            if (next < flaggedEntries.Length && flaggedEntries[next] == i)
            {
                foreach (var (l, factor) in exact[next])
                {
                    var value = flows[l] + (factor * fk);
                    if (Outside(value, limits[l], tolerance))
                    {
                        merged.Add((l, value));
                    }
                }

                next++;
                merged.Sort((a, b) => a.Line.CompareTo(b.Line));
            }

            foreach (var (l, value) in merged)
            {
                into.Add((i, l, value));
            }
        }
    }

    // Slightly wider than the check itself (which the caller applies to the value): never drops a violation.
    private static bool Outside(double value, double limit, double tolerance) =>
        !(Math.Abs(value) <= limit + tolerance - 1e-9) || double.IsNaN(value);

    /// <summary>(outage entry, tight line) pairs not on the outage's list whose row estimate comes near the limit.</summary>
    private List<(int Entry, int Line)> FlagTightPairs(List<int> tight, double[] flows, double tolerance)
    {
        var limits = _limits;
        var shift = _outageFactors.ShiftFactors;
        shift.PrecomputeRows(tight);
        var network = shift.Network;
        var perLine = new List<(int Entry, int Line)>[tight.Count];
        Parallel.For(0, tight.Count, t =>
        {
            var l = tight[t];
            var row = shift.Row(l);
            var found = new List<(int, int)>();
            var fl = flows[l];
            for (var i = 0; i < _outaged.Length; i++)
            {
                var k = _outaged[i];
                if (k == l || Listed(i, l))
                {
                    continue;
                }

                var br = network.Branches[k];
                var fk = flows[k];
                var estimate = fl + ((row[br.From] - row[br.To]) / _denominator[i] * fk);
                var margin = EstimateMargin + (EstimateRelative * (Math.Abs(fl) + Math.Abs(fk)));
                if (!(Math.Abs(estimate) < limits[l] + tolerance - margin))
                {
                    found.Add((i, l));
                }
            }

            perLine[t] = found;
        });

        return [.. perLine.SelectMany(p => p)];
    }

    private bool Listed(int entry, int line) =>
        Array.BinarySearch(_chunkLines[entry / Chunk], _offset[entry], _length[entry], line) >= 0;

    private sealed class Scratch(int branches, int buses)
    {
        public double[] Column { get; } = new double[branches];

        public double[] Angles { get; } = new double[Math.Max(0, buses - 1)];
    }

    /// <summary>One worker's solve block and the short lists of its current chunk, grown as needed (never per outage).</summary>
    private sealed class BuildScratch(int angles, int capacity)
    {
        public double[] Angles { get; } = new double[angles];

        public int[] Lines { get; private set; } = new int[capacity];

        public double[] Factors { get; private set; } = new double[capacity];

        public void Reserve(int length)
        {
            if (length > Lines.Length)
            {
                var grown = Math.Max(length, 2 * Lines.Length);
                var lines = new int[grown];
                var factors = new double[grown];
                Lines.CopyTo(lines, 0);
                Factors.CopyTo(factors, 0);
                Lines = lines;
                Factors = factors;
            }
        }
    }
}
