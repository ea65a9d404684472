using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Gridclear.Flows;
using Gridclear.Sparse;

namespace Gridclear.Market;

/// <summary>
/// The post-contingency flow check without computing every LODF-adjusted flow, finding exactly the violations of
/// the exhaustive check (same pairs, same values, same bits).
/// <para>
/// Built once per network, at the flows of the first check (one forward solve per sixteen outages, parallel branches
/// sharing theirs, on every core): for each secured outage k, its short list, the checked lines l with
/// |LODF_lk| ≥ τ_k and their exact LODF values, and r_k, the largest |LODF| of the lines left off. τ_k lists what could
/// move a line by the same few MW under any outage: ListedFactor times the largest outaged flow, over |f_k| (within
/// [ListedFactor, LargestListedFactor]), so a lightly loaded branch lists few lines. At base-case flows f, a line off
/// k's list can only exceed its limit L_l when |f_l| + r_k·|f_k| > L_l; with T = max_k r_k·|f_k| (a few MW on a
/// 10,000-bus case), only the few "tight" lines with |f_l| + T > L_l can be overloaded by an outage that does not list
/// them. That holds at any flows, so later checks (other dispatches) stay exact; T grows only if outaged flows do. A
/// tight line's shift-factor row (one transposed solve, cached) estimates LODF_lk for every k at once,
/// (H_l[f_k] − H_l[t_k]) / d_k, and a pair whose estimate comes near the limit is checked with k's exact LODF column.
/// </para>
/// </summary>
internal sealed class ContingencyScreen
{
    /// <summary>The smallest listing threshold, that of the outage carrying the most: on case_ACTIVSg10k, T ≤ 0.003 · the
    /// largest outaged flow gives 20 tight lines at its base-case dispatch. A smaller share lists more (1e-3: 5.0 million
    /// factors, 40 MB more peak memory, no faster); a larger one makes hundreds of lines tight (3e-2: 444, a cached
    /// shift-factor row each).</summary>
    public const double ListedFactor = 3e-3;

    /// <summary>The largest listing threshold (a branch carrying little): its r_k stays small should its flow grow in a
    /// later check.</summary>
    public const double LargestListedFactor = 5e-2;

    /// <summary>A row estimate differs from the column's value by round-off: a pair within this many MW (plus a
    /// relative share of the flows) of its limit is checked exactly.</summary>
    private const double EstimateMargin = 1e-3;

    private const double EstimateRelative = 1e-6;

    private const int Lanes = LuFactors.Lanes;

    /// <summary>Outages whose short lists share one pair of arrays.</summary>
    private const int Chunk = 128;

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
    /// <param name="flows">Base-case flows of the first check, MW: they set each outage's listing threshold.</param>
    public ContingencyScreen(OutageFactors outageFactors, int[] outaged, int[] checkedLines, double[] limits, ReadOnlySpan<double> flows)
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
        var susceptance = shift.Matrix.Susceptance;
        var network = shift.Network;

        var largestFlow = 0.0;
        foreach (var k in outaged)
        {
            largestFlow = Math.Max(largestFlow, Math.Abs(flows[k]));
        }

        var listed = new double[count];
        for (var i = 0; i < count; i++)
        {
            var flow = Math.Abs(flows[outaged[i]]);
            listed[i] = flow > 0 ? Math.Clamp(ListedFactor * largestFlow / flow, ListedFactor, LargestListedFactor) : LargestListedFactor;
        }

        // Each checked line's rows in the interleaved solution (the reference bus's row holds zeros) and susceptance,
        // read in order by the scan.
        var m = checkedLines.Length;
        var lineFrom = new int[m];
        var lineTo = new int[m];
        var lineB = new double[m];
        for (var j = 0; j < m; j++)
        {
            var br = network.Branches[checkedLines[j]];
            lineFrom[j] = shift.InterleavedRow(br.From);
            lineTo[j] = shift.InterleavedRow(br.To);
            lineB[j] = susceptance[checkedLines[j]];
        }

        // One scratch per core (a Parallel.For with thread-local state makes one per task replica, several a core), each
        // worker taking the next chunk until none is left: which worker lists a chunk changes nothing in it.
        var next = -1;
        Parallel.For(0, Math.Min(Environment.ProcessorCount, chunks), _ =>
        {
            var s = new BuildScratch(Lanes * shift.BusCount, Chunk * m / 64);
            for (var chunk = Interlocked.Increment(ref next); chunk < chunks; chunk = Interlocked.Increment(ref next))
            {
                ListChunk(chunk, s);
            }
        });

        void ListChunk(int chunk, BuildScratch s)
        {
            var used = 0;
            var first = chunk * Chunk;
            var last = Math.Min(count, first + Chunk);
            Span<int> from = stackalloc int[Lanes];
            Span<int> to = stackalloc int[Lanes];
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

                if (shared < 0 && transfers == Lanes)
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

            // Written in full at once: no need to zero them first.
            _chunkLines[chunk] = GC.AllocateUninitializedArray<int>(used);
            _chunkFactors[chunk] = GC.AllocateUninitializedArray<double>(used);
            s.Lines.AsSpan(0, used).CopyTo(_chunkLines[chunk]);
            s.Factors.AsSpan(0, used).CopyTo(_chunkFactors[chunk]);
        }

        // Outages first..end−1 from one solve of their (up to sixteen) transfers: each outage's denominator, then one scan
        // of every checked line in all lanes, then each outage's list from its lane's candidates; returns the end
        // of the lists.
        int ListBlock(int first, int end, ReadOnlySpan<int> from, ReadOnlySpan<int> to, ReadOnlySpan<int> slot, BuildScratch s, int used)
        {
            var x = s.Work;
            shift.SolveTransfersInterleaved(from, to, x);
            Span<double> skip = stackalloc double[Lanes];
            skip.Fill(double.PositiveInfinity);
            var selfLines = s.SelfLines;
            selfLines.Clear();
            for (var i = first; i < end; i++)
            {
                var c = slot[i - first];
                var k = outaged[i];
                var br = network.Branches[k];
                if (br.From == br.To)
                {
                    // No transfer, no factors: all 0, none listed.
                    _denominator[i] = 1.0;
                    continue;
                }

                // Negation is exact: b·((−x_f) − (−x_t)) is −(b·(x_f − x_t)) bit for bit, so a parallel branch's
                // numerators are its lane's times its sign.
                var sign = br.From == from[c] ? 1.0 : -1.0;
                var flow = susceptance[k] * (x[(Lanes * shift.InterleavedRow(br.From)) + c] - x[(Lanes * shift.InterleavedRow(br.To)) + c]);
                var denominator = 1.0 - (sign * flow);
                _denominator[i] = denominator;

                // A lane rules out what all its outages would: Math.Min keeps a NaN, whose lane then lists every line.
                skip[c] = Math.Min(skip[c], Skip(denominator, listed[i]));
                var self = Array.BinarySearch(checkedLines, k);
                if (self >= 0)
                {
                    selfLines.Add(self);
                }
            }

            selfLines.Sort();
            Span<double> laneLargest = stackalloc double[Lanes];
            Scan(x, lineFrom, lineTo, lineB, CollectionsMarshal.AsSpan(selfLines), skip, s, laneLargest);
            for (var i = first; i < end; i++)
            {
                var c = slot[i - first];
                var k = outaged[i];
                var br = network.Branches[k];
                _offset[i] = used;
                if (br.From == br.To)
                {
                    _residual[i] = 0;
                    continue;
                }

                s.Reserve(used + s.Count[c]);
                used = List(i, k, br.From == from[c] ? 1.0 : -1.0, listed[i], laneLargest[c], s.Candidates[c].AsSpan(0, s.Count[c]), s.Values[c], s, used);
                _length[i] = used - _offset[i];
            }

            return used;
        }

        // Outage i's list from its lane's candidates (the lines the scan could not rule out), in the order of the checked
        // lines, and r_i: every factor the bits of OutageFactors.Factors; returns the end of the list.
        int List(int i, int k, double sign, double listedFactor, double largestSkipped, ReadOnlySpan<int> candidates, double[] values, BuildScratch s, int used)
        {
            var denominator = _denominator[i];
            var skip = Skip(denominator, listedFactor);
            var residual = 0.0;
            for (var p = 0; p < candidates.Length; p++)
            {
                var j = candidates[p];
                var numerator = sign * values[p];
                var magnitude = Math.Abs(numerator);
                if (magnitude < skip)
                {
                    if (magnitude > largestSkipped && checkedLines[j] != k)
                    {
                        largestSkipped = magnitude;
                    }

                    continue;
                }

                if (checkedLines[j] == k)
                {
                    continue;
                }

                // NaN (a near-singular outage) is listed, so the exact check sees it.
                var v = numerator / denominator;
                if (!(Math.Abs(v) < listedFactor))
                {
                    s.Lines[used] = checkedLines[j];
                    s.Factors[used++] = v;
                }
                else if (Math.Abs(v) > residual)
                {
                    residual = Math.Abs(v);
                }
            }

            // Rounded division by |d| is monotonic, so the largest skipped factor is the largest numerator divided once
            // (none is skipped when d is 0 or NaN: every factor is then listed, as infinite or NaN).
            _residual[i] = largestSkipped > 0 ? Math.Max(residual, largestSkipped / Math.Abs(denominator)) : residual;
            return used;
        }
    }

    /// <summary>|numerator| below this gives a factor below <paramref name="listedFactor"/> whatever the rounding of the
    /// division by <paramref name="denominator"/> (a hair less than |d|·τ): such factors are never divided out. The scan's
    /// lanes and each outage's list use the same value, so a line the scan rules out is one the list would skip.</summary>
    private static double Skip(double denominator, double listedFactor) => Math.Abs(denominator) * listedFactor * (1 - 1e-9);

    /// <summary>
    /// One pass over the checked lines for all lanes' transfers at once: each line's numerators b_l·(x_f − x_t) (a bus's
    /// lanes side by side). A lane's numerator below its <paramref name="skip"/> (the smallest of its outages') is ruled
    /// out for all of them and only its size is kept, the largest per lane into <paramref name="largest"/>; the others,
    /// and every lane of an outaged branch's own line (<paramref name="selfLines"/>, ascending), are the lane's
    /// candidates. Each lane's arithmetic is the scalar code's, so the numerators are the bits of OutageFactors.Factors'.
    /// </summary>
    private static void Scan(
        ReadOnlySpan<double> x, ReadOnlySpan<int> lineFrom, ReadOnlySpan<int> lineTo, ReadOnlySpan<double> lineB, ReadOnlySpan<int> selfLines,
        ReadOnlySpan<double> skip, BuildScratch s, Span<double> largest)
    {
        ref var w = ref MemoryMarshal.GetReference(x);
        var skip0 = Vector256.Create(skip[..4]);
        var skip1 = Vector256.Create(skip[4..8]);
        var skip2 = Vector256.Create(skip[8..12]);
        var skip3 = Vector256.Create(skip[12..16]);
        var largest0 = Vector256<double>.Zero;
        var largest1 = Vector256<double>.Zero;
        var largest2 = Vector256<double>.Zero;
        var largest3 = Vector256<double>.Zero;
        var count = s.Count;
        count.AsSpan().Clear();
        var nextSelf = 0;
        var m = lineFrom.Length;
        lineTo = lineTo[..m];
        lineB = lineB[..m];
        Span<double> numerators = stackalloc double[Lanes];
        for (var j = 0; j < m; j++)
        {
            var f = (nuint)(Lanes * lineFrom[j]);
            var t = (nuint)(Lanes * lineTo[j]);
            var b = Vector256.Create(lineB[j]);
            var n0 = b * (Vector256.LoadUnsafe(ref w, f) - Vector256.LoadUnsafe(ref w, t));
            var n1 = b * (Vector256.LoadUnsafe(ref w, f + 4) - Vector256.LoadUnsafe(ref w, t + 4));
            var n2 = b * (Vector256.LoadUnsafe(ref w, f + 8) - Vector256.LoadUnsafe(ref w, t + 8));
            var n3 = b * (Vector256.LoadUnsafe(ref w, f + 12) - Vector256.LoadUnsafe(ref w, t + 12));
            var magnitude0 = Vector256.Abs(n0);
            var magnitude1 = Vector256.Abs(n1);
            var magnitude2 = Vector256.Abs(n2);
            var magnitude3 = Vector256.Abs(n3);
            var below0 = Vector256.LessThan(magnitude0, skip0);
            var below1 = Vector256.LessThan(magnitude1, skip1);
            var below2 = Vector256.LessThan(magnitude2, skip2);
            var below3 = Vector256.LessThan(magnitude3, skip3);
            var isSelf = nextSelf < selfLines.Length && selfLines[nextSelf] == j;
            var lanesBelow = 0u;
            if (!isSelf)
            {
                // Lanes below their skip: only the size counts (a NaN is never below, so never lost here). The sizes are
                // not NaN and not negative, where MaxNative is max.
                largest0 = Vector256.MaxNative(largest0, magnitude0 & below0);
                largest1 = Vector256.MaxNative(largest1, magnitude1 & below1);
                largest2 = Vector256.MaxNative(largest2, magnitude2 & below2);
                largest3 = Vector256.MaxNative(largest3, magnitude3 & below3);
                lanesBelow = below0.ExtractMostSignificantBits() | (below1.ExtractMostSignificantBits() << 4)
                    | (below2.ExtractMostSignificantBits() << 8) | (below3.ExtractMostSignificantBits() << 12);
                if (lanesBelow == (1u << Lanes) - 1)
                {
                    continue;
                }
            }

            while (nextSelf < selfLines.Length && selfLines[nextSelf] == j)
            {
                nextSelf++;
            }

            n0.CopyTo(numerators);
            n1.CopyTo(numerators[4..]);
            n2.CopyTo(numerators[8..]);
            n3.CopyTo(numerators[12..]);
            for (var c = 0; c < Lanes; c++)
            {
                if ((lanesBelow & (1u << c)) == 0)
                {
                    s.Add(c, j, numerators[c]);
                }
            }
        }

        largest0.CopyTo(largest);
        largest1.CopyTo(largest[4..]);
        largest2.CopyTo(largest[8..]);
        largest3.CopyTo(largest[12..]);
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
        var outagedFrom = new int[_outaged.Length];
        var outagedTo = new int[_outaged.Length];
        for (var i = 0; i < _outaged.Length; i++)
        {
            var br = network.Branches[_outaged[i]];
            (outagedFrom[i], outagedTo[i]) = (br.From, br.To);
        }

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
                if (k == l)
                {
                    continue;
                }

                var fk = flows[k];
                var estimate = fl + ((row[outagedFrom[i]] - row[outagedTo[i]]) / _denominator[i] * fk);
                var margin = EstimateMargin + (EstimateRelative * (Math.Abs(fl) + Math.Abs(fk)));

                // The (rare) pair whose estimate comes near the limit is then looked up in the outage's list: a listed
                // pair is checked exactly from the list already.
                if (!(Math.Abs(estimate) < limits[l] + tolerance - margin) && !Listed(i, l))
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

    /// <summary>One worker's interleaved solve, its lanes' candidates and the short lists of its current chunk, grown as
    /// needed (never per outage).</summary>
    private sealed class BuildScratch(int work, int capacity)
    {
        public double[] Work { get; } = new double[work];

        public int[][] Candidates { get; } = [.. Enumerable.Range(0, Lanes).Select(_ => new int[capacity / Lanes])];

        public double[][] Values { get; } = [.. Enumerable.Range(0, Lanes).Select(_ => new double[capacity / Lanes])];

        public int[] Count { get; } = new int[Lanes];

        public List<int> SelfLines { get; } = [];

        public void Add(int lane, int line, double value)
        {
            var n = Count[lane];
            if (n == Candidates[lane].Length)
            {
                var grown = Math.Max(16, 2 * n);
                var candidates = Candidates[lane];
                var values = Values[lane];
                Array.Resize(ref candidates, grown);
                Array.Resize(ref values, grown);
                Candidates[lane] = candidates;
                Values[lane] = values;
            }

            Candidates[lane][n] = line;
            Values[lane][n] = value;
            Count[lane] = n + 1;
        }

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
