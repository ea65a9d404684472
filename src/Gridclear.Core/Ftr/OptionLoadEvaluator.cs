using System.Collections.Concurrent;
using System.Numerics;
using Gridclear.Market;

namespace Gridclear.Ftr;

/// <summary>
/// Option loads on every constraint of a <see cref="SecurityFtrConstraints"/>, fast: an option loads a constraint
/// by mw·max(0, factor) upwards and mw·min(0, factor) downwards, so no single flow solve of the option set will do;
/// each distinct path needs its factor on every constraint. A path's factors come from one flow solve (its flow on
/// every monitored branch, on every outaged branch, and its interface and nomogram activities), cached for the
/// life of the constraints; the factor under contingency k on branch l is f_l + LODF_lk·f_k, evaluated in a tight
/// vector loop over branches, a block of contingencies at a time so a path's flows are read once per block.
/// Blocks run in parallel; each writes only its own constraints and sums paths in input order, so results do not
/// depend on scheduling.
/// </summary>
internal sealed class OptionLoadEvaluator
{
    /// <summary>Contingencies per block: their accumulators (2 × monitored branches each) stay in cache.</summary>
    private const int Block = 8;

    private readonly SecurityModel _security;
    private readonly int[] _monitored;
    private readonly int[] _outaged;
    private readonly double[][] _lodf;
    private readonly int[][] _targets;
    private readonly ConstraintKey[] _extras;
    private readonly int _extraStart;
    private readonly ConcurrentDictionary<string, double[]> _factors = new(StringComparer.Ordinal);

    /// <param name="security">The model.</param>
    /// <param name="monitored">Monitored branches, in the order of the base-case constraints 0…</param>
    /// <param name="outaged">Outaged branch of each secured contingency, in constraint order.</param>
    /// <param name="lodf">LODF column (over all branches) of each secured contingency.</param>
    /// <param name="targets">Per secured contingency and monitored position j: the constraint index, or −1 when not watched.</param>
    /// <param name="extras">Interface and nomogram keys, numbered from <paramref name="extraStart"/>.</param>
    public OptionLoadEvaluator(SecurityModel security, int[] monitored, int[] outaged, double[][] lodf, int[][] targets, ConstraintKey[] extras, int extraStart)
    {
        _security = security;
        _monitored = monitored;
        _outaged = outaged;
        _targets = targets;
        _extras = extras;
        _extraStart = extraStart;

        // LODF gathered to monitored positions, so the inner loop runs over contiguous memory.
        _lodf = new double[lodf.Length][];
        for (var c = 0; c < lodf.Length; c++)
        {
            var column = new double[monitored.Length];
            for (var j = 0; j < monitored.Length; j++)
            {
                column[j] = lodf[c][monitored[j]];
            }

            _lodf[c] = column;
        }
    }

    /// <summary>Adds every option path's loads into <paramref name="upper"/> and <paramref name="lower"/> (length: all constraints).</summary>
    public void Add(IReadOnlyList<(FtrPath Path, double Mw)> options, double[] upper, double[] lower)
    {
        var live = options.Where(o => o.Mw != 0).ToArray();
        if (live.Length == 0)
        {
            return;
        }

        var factors = new double[live.Length][];
        Parallel.For(0, live.Length, p => factors[p] = Factors(live[p].Path));
        var mw = live.Select(o => o.Mw).ToArray();
        var n = _monitored.Length;

        // Block −1 is the base case and the interfaces and nomograms; the others hold contingencies.
        var blocks = (_outaged.Length + Block - 1) / Block;
        Parallel.For(-1, blocks, block =>
        {
            if (block < 0)
            {
                AddBase(factors, mw, upper, lower);
                return;
            }

            var first = block * Block;
            var count = Math.Min(Block, _outaged.Length - first);
            var up = new double[count][];
            var lo = new double[count][];
            for (var c = 0; c < count; c++)
            {
                up[c] = new double[n];
                lo[c] = new double[n];
            }

            for (var p = 0; p < factors.Length; p++)
            {
                var f = factors[p];
                for (var c = 0; c < count; c++)
                {
                    Accumulate(f.AsSpan(0, n), _lodf[first + c], f[n + first + c], mw[p], up[c], lo[c]);
                }
            }

            for (var c = 0; c < count; c++)
            {
                var targets = _targets[first + c];
                for (var j = 0; j < n; j++)
                {
                    var i = targets[j];
                    if (i >= 0)
                    {
                        upper[i] += up[c][j];
                        lower[i] += lo[c][j];
                    }
                }
            }
        });
    }

    private void AddBase(double[][] factors, double[] mw, double[] upper, double[] lower)
    {
        var n = _monitored.Length;
        var up = new double[n];
        var lo = new double[n];
        var zero = new double[n];
        for (var p = 0; p < factors.Length; p++)
        {
            Accumulate(factors[p].AsSpan(0, n), zero, 0, mw[p], up, lo);
            for (var x = 0; x < _extras.Length; x++)
            {
                var g = factors[p][n + _outaged.Length + x];
                upper[_extraStart + x] += mw[p] * Math.Max(0, g);
                lower[_extraStart + x] += mw[p] * Math.Min(0, g);
            }
        }

        for (var j = 0; j < n; j++)
        {
            upper[j] += up[j];
            lower[j] += lo[j];
        }
    }

    /// <summary>up += mw·max(0, f + lodf·s), lo += mw·min(0, f + lodf·s), element by element.</summary>
    private static void Accumulate(ReadOnlySpan<double> f, ReadOnlySpan<double> lodf, double s, double mw, Span<double> up, Span<double> lo)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            var vs = new Vector<double>(s);
            var vm = new Vector<double>(mw);
            for (; j <= f.Length - width; j += width)
            {
                var g = new Vector<double>(f[j..]) + (new Vector<double>(lodf[j..]) * vs);
                (new Vector<double>(up[j..]) + (vm * Vector.Max(g, Vector<double>.Zero))).CopyTo(up[j..]);
                (new Vector<double>(lo[j..]) + (vm * Vector.Min(g, Vector<double>.Zero))).CopyTo(lo[j..]);
            }
        }

        for (; j < f.Length; j++)
        {
            var g = f[j] + (lodf[j] * s);
            up[j] += mw * Math.Max(0, g);
            lo[j] += mw * Math.Min(0, g);
        }
    }

    /// <summary>A path's flows on the monitored branches, on the outaged branches and its interface and nomogram
    /// activities, per MW; computed once per distinct path.</summary>
    private double[] Factors(FtrPath path) => _factors.GetOrAdd(path.Key, _ =>
    {
        var network = _security.Network;
        var q = new double[network.BusCount];
        path.AddInjection(q, 1.0);
        var flows = new double[network.BranchCount];
        _security.ShiftFactors.ComputeFlows(q, flows);
        var shift = _security.ShiftFactors.PhaseShiftFlows;
        for (var l = 0; l < flows.Length; l++)
        {
            flows[l] -= shift[l];
        }

        var n = _monitored.Length;
        var factors = new double[n + _outaged.Length + _extras.Length];
        for (var j = 0; j < n; j++)
        {
            factors[j] = flows[_monitored[j]];
        }

        for (var c = 0; c < _outaged.Length; c++)
        {
            factors[n + c] = flows[_outaged[c]];
        }

        for (var x = 0; x < _extras.Length; x++)
        {
            factors[n + _outaged.Length + x] = _security.Value(_extras[x], flows, q);
        }

        return factors;
    });
}
