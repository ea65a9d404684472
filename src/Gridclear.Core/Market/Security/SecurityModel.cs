using System.Diagnostics;
using Gridclear.Flows;

namespace Gridclear.Market;

/// <summary>
/// Every security constraint of one network, as a linear function of net bus injections, shared by the
/// day-ahead market and the FTR auctions (N1): <c>lower ≤ Σ a[bus]·P[bus] + constant ≤ upper</c>, where P is
/// the net injection (MW) at each internal bus index. Branch limits come from RATE_A and the angle-difference
/// limits; under a contingency the branch's post-outage flow (through LODF) is held to RATE_A.
/// Interfaces and nomograms are monitored in the base case.
/// </summary>
public sealed class SecurityModel
{
    private readonly ShiftFactors _shiftFactors;
    private readonly OutageFactors _outageFactors;
    private readonly double[] _branchLower;
    private readonly double[] _branchUpper;
    private readonly int[] _monitored;
    private readonly int[] _securedContingencies;
    private readonly Dictionary<string, int> _interfaceIndex;
    private string[]? _branchNames;
    private readonly double[]?[] _lodf;
    private ContingencyScreen? _screen;

    private static readonly bool Trace = Environment.GetEnvironmentVariable("GRIDCLEAR_TRACE") == "1";

    public SecurityModel(
        Network.Network network,
        ShiftFactors shiftFactors,
        IReadOnlyList<Interface> interfaces,
        IReadOnlyList<Nomogram> nomograms,
        IReadOnlyList<Contingency> contingencies,
        double limitScale = 1.0)
    {
        if (!(limitScale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(limitScale), "the share of capability must be positive");
        }

        Network = network;
        _shiftFactors = shiftFactors;
        _outageFactors = new OutageFactors(shiftFactors);
        Interfaces = interfaces;
        Nomograms = nomograms;
        Contingencies = contingencies;
        LimitScale = limitScale;

        var branches = network.Branches;
        _branchLower = new double[branches.Count];
        _branchUpper = new double[branches.Count];
        var monitored = new List<int>();
        for (var l = 0; l < branches.Count; l++)
        {
            var br = branches[l];
            var lower = -br.RatingMw * limitScale;
            var upper = br.RatingMw * limitScale;
            if (br.HasAngleLimits)
            {
                // θf − θt = flow/(base·b) + shift, so an angle window is a flow window.
                var scale = network.BaseMva * br.Susceptance;
                var a = scale * (br.AngleMinRad - br.ShiftRad);
                var b = scale * (br.AngleMaxRad - br.ShiftRad);
                lower = Math.Max(lower, Math.Min(a, b));
                upper = Math.Min(upper, Math.Max(a, b));
            }

            _branchLower[l] = lower;
            _branchUpper[l] = upper;
            if (!double.IsInfinity(lower) || !double.IsInfinity(upper))
            {
                monitored.Add(l);
            }
        }

        _monitored = [.. monitored];
        var secured = new List<int>();
        var notes = new List<string>();
        for (var k = 0; k < contingencies.Count; k++)
        {
            if (_outageFactors.Islands(contingencies[k].Branch))
            {
                notes.Add($"contingency {contingencies[k].Id} ({BranchNameTable[contingencies[k].Branch]}) splits the network: not secured");
            }
            else
            {
                secured.Add(k);
            }
        }

        _securedContingencies = [.. secured];
        _lodf = new double[contingencies.Count][];
        Notes = notes;
        _interfaceIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < interfaces.Count; i++)
        {
            _interfaceIndex[interfaces[i].Id] = i;
        }
    }

    public Network.Network Network { get; }

    public IReadOnlyList<Interface> Interfaces { get; }

    public IReadOnlyList<Nomogram> Nomograms { get; }

    public IReadOnlyList<Contingency> Contingencies { get; }

    /// <summary>The share of every limit in force (1 = 100 %): an FTR auction may release less than all capability.</summary>
    public double LimitScale { get; }

    /// <summary>Branches with a finite limit: the ones checked in the base case and under contingencies.</summary>
    public IReadOnlyList<int> MonitoredBranches => _monitored;

    /// <summary>What the model could not secure (e.g. a contingency that islands the network).</summary>
    public IReadOnlyList<string> Notes { get; }

    public ShiftFactors ShiftFactors => _shiftFactors;

    public OutageFactors OutageFactors => _outageFactors;

    /// <summary>
    /// When true, <see cref="FindViolations"/> computes every LODF-adjusted flow (every outage's LODF column, kept);
    /// by default a <see cref="ContingencyScreen"/> finds the same violations. Tests compare the two.
    /// </summary>
    internal bool ExhaustiveContingencyCheck { get; set; }

    /// <summary>The screen of the last screened check (null before it or when exhaustive): for tests and traces.</summary>
    internal ContingencyScreen? Screen => _screen;

    /// <summary>"FROM-TO" by external bus ids, with ":circuit" when the pair has parallel branches.</summary>
    public string BranchName(int branch) => BranchNameTable[branch];

    public (double Lower, double Upper) Limits(ConstraintKey key) => key.Kind switch
    {
        ConstraintKind.Branch when key.IsBaseCase => (_branchLower[key.Element], _branchUpper[key.Element]),
        ConstraintKind.Branch => (-Network.Branches[key.Element].RatingMw * LimitScale, Network.Branches[key.Element].RatingMw * LimitScale),
        ConstraintKind.Interface => (-Interfaces[key.Element].Limit * LimitScale, Interfaces[key.Element].Limit * LimitScale),
        ConstraintKind.Nomogram => (double.NegativeInfinity, Nomograms[key.Element].Limit * LimitScale),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    /// <summary>The constraint's value at zero injections: the flows phase shifters drive.</summary>
    public double Constant(ConstraintKey key)
    {
        var shift = _shiftFactors.PhaseShiftFlows;
        switch (key.Kind)
        {
            case ConstraintKind.Branch when key.IsBaseCase:
                return shift[key.Element];
            case ConstraintKind.Branch:
                var outaged = Contingencies[key.Contingency].Branch;
                return shift[key.Element] + Lodf(key.Contingency)[key.Element] * shift[outaged];
            case ConstraintKind.Interface:
                var sum = 0.0;
                foreach (var t in Interfaces[key.Element].Terms)
                {
                    sum += t.Weight * shift[t.Branch];
                }

                return sum;
            case ConstraintKind.Nomogram:
                var total = 0.0;
                foreach (var term in Nomograms[key.Element].Terms)
                {
                    total += term switch
                    {
                        FlowTerm f => f.Coefficient * shift[f.Branch],
                        InterfaceTerm i => i.Coefficient * Constant(new ConstraintKey(ConstraintKind.Interface, InterfaceIndex(i.Interface))),
                        _ => 0,
                    };
                }

                return total;
            default:
                throw new ArgumentOutOfRangeException(nameof(key));
        }
    }

    /// <summary>Writes a[bus] for every bus into <paramref name="row"/> (length BusCount), overwriting it.</summary>
    public void Coefficients(ConstraintKey key, Span<double> row)
    {
        row.Clear();
        AddCoefficients(key, 1.0, row);
    }

    private void AddCoefficients(ConstraintKey key, double scale, Span<double> row)
    {
        switch (key.Kind)
        {
            case ConstraintKind.Branch when key.IsBaseCase:
                Axpy(scale, _shiftFactors.Row(key.Element), row);
                break;
            case ConstraintKind.Branch:
                var outaged = Contingencies[key.Contingency].Branch;
                Axpy(scale, _shiftFactors.Row(key.Element), row);
                Axpy(scale * Lodf(key.Contingency)[key.Element], _shiftFactors.Row(outaged), row);
                break;
            case ConstraintKind.Interface:
                foreach (var t in Interfaces[key.Element].Terms)
                {
                    Axpy(scale * t.Weight, _shiftFactors.Row(t.Branch), row);
                }

                break;
            case ConstraintKind.Nomogram:
                foreach (var term in Nomograms[key.Element].Terms)
                {
                    switch (term)
                    {
                        case FlowTerm f:
                            Axpy(scale * f.Coefficient, _shiftFactors.Row(f.Branch), row);
                            break;
                        case InjectionTerm inj:
                            row[Network.BusIndex(inj.Bus)] += scale * inj.Coefficient;
                            break;
                        case InterfaceTerm i:
                            AddCoefficients(new ConstraintKey(ConstraintKind.Interface, InterfaceIndex(i.Interface)), scale * i.Coefficient, row);
                            break;
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(key));
        }
    }

    /// <summary>
    /// Checks every constraint (base-case branches, branches under every secured contingency, interfaces,
    /// nomograms) at the given net injections and appends those outside their limits by more than
    /// <paramref name="tolerance"/> MW, in a fixed order (base case, contingencies in order, interfaces, nomograms).
    /// </summary>
    /// <param name="injections">Net injection per bus, MW; must balance (the reference bus absorbs any mismatch).</param>
    /// <param name="flows">Receives the base-case branch flows (length BranchCount).</param>
    public void FindViolations(ReadOnlySpan<double> injections, double tolerance, Span<double> flows, List<ConstraintViolation> into)
    {
        _shiftFactors.ComputeFlows(injections, flows);
        foreach (var l in _monitored)
        {
            Check(new ConstraintKey(ConstraintKind.Branch, l), flows[l], tolerance, into);
        }

        if (ExhaustiveContingencyCheck)
        {
            foreach (var k in _securedContingencies)
            {
                var outaged = Contingencies[k].Branch;
                var lodf = Lodf(k);
                var outagedFlow = flows[outaged];
                foreach (var l in _monitored)
                {
                    if (l == outaged || !Network.Branches[l].IsLimited)
                    {
                        continue;
                    }

                    Check(new ConstraintKey(ConstraintKind.Branch, l, k), flows[l] + lodf[l] * outagedFlow, tolerance, into);
                }
            }
        }
        else if (_securedContingencies.Length > 0)
        {
            var candidates = new List<(int Entry, int Line, double Value)>();
            var started = Trace ? Stopwatch.GetTimestamp() : 0;
            var allocated = Trace ? GC.GetTotalAllocatedBytes() : 0;
            var screen = EnsureScreen(flows);
            var built = Trace ? Stopwatch.GetTimestamp() : 0;
            var builtAllocated = Trace ? GC.GetTotalAllocatedBytes() : 0;
            screen.Candidates(flows, tolerance, candidates);
            if (Trace)
            {
                Console.Error.WriteLine(
                    $"screen: built {Stopwatch.GetElapsedTime(started, built).TotalMilliseconds:0.0} ms ({(builtAllocated - allocated) / 1048576.0:0.0} MiB), checked {Stopwatch.GetElapsedTime(built).TotalMilliseconds:0.0} ms ({(GC.GetTotalAllocatedBytes() - builtAllocated) / 1048576.0:0.0} MiB): {screen.ListedCount} factors listed, {screen.LastTightCount} tight lines, {candidates.Count} candidates");
            }
            foreach (var (entry, line, value) in candidates)
            {
                Check(new ConstraintKey(ConstraintKind.Branch, line, _securedContingencies[entry]), value, tolerance, into);
            }
        }

        for (var i = 0; i < Interfaces.Count; i++)
        {
            Check(new ConstraintKey(ConstraintKind.Interface, i), InterfaceFlow(i, flows), tolerance, into);
        }

        for (var n = 0; n < Nomograms.Count; n++)
        {
            var key = new ConstraintKey(ConstraintKind.Nomogram, n);
            Check(key, Value(key, flows, injections), tolerance, into);
        }
    }

    /// <summary>The value of one constraint given base-case flows and injections.</summary>
    public double Value(ConstraintKey key, ReadOnlySpan<double> flows, ReadOnlySpan<double> injections)
    {
        switch (key.Kind)
        {
            case ConstraintKind.Branch when key.IsBaseCase:
                return flows[key.Element];
            case ConstraintKind.Branch:
                var outaged = Contingencies[key.Contingency].Branch;
                return flows[key.Element] + Lodf(key.Contingency)[key.Element] * flows[outaged];
            case ConstraintKind.Interface:
                return InterfaceFlow(key.Element, flows);
            case ConstraintKind.Nomogram:
                var value = 0.0;
                foreach (var term in Nomograms[key.Element].Terms)
                {
                    value += term switch
                    {
                        FlowTerm f => f.Coefficient * flows[f.Branch],
                        InjectionTerm inj => inj.Coefficient * injections[Network.BusIndex(inj.Bus)],
                        InterfaceTerm i => i.Coefficient * InterfaceFlow(InterfaceIndex(i.Interface), flows),
                        _ => 0,
                    };
                }

                return value;
            default:
                throw new ArgumentOutOfRangeException(nameof(key));
        }
    }

    /// <summary>The constraint's name and contingency, as constraints.csv writes them.</summary>
    public (string Constraint, string Contingency) Describe(ConstraintKey key) => key.Kind switch
    {
        ConstraintKind.Branch => (BranchNameTable[key.Element], key.IsBaseCase ? string.Empty : Contingencies[key.Contingency].Id),
        ConstraintKind.Interface => (Interfaces[key.Element].Id, string.Empty),
        ConstraintKind.Nomogram => (Nomograms[key.Element].Id, string.Empty),
        _ => ("balance", string.Empty),
    };

    private ContingencyScreen EnsureScreen(ReadOnlySpan<double> flows)
    {
        if (_screen is null)
        {
            var checkedLines = _monitored.Where(l => Network.Branches[l].IsLimited).ToArray();
            var limits = new double[Network.BranchCount];
            foreach (var l in checkedLines)
            {
                limits[l] = Limits(new ConstraintKey(ConstraintKind.Branch, l, 0)).Upper;
            }

            var outaged = _securedContingencies.Select(k => Contingencies[k].Branch).ToArray();
            _screen = new ContingencyScreen(_outageFactors, outaged, checkedLines, limits, flows);
        }

        return _screen;
    }

    /// <summary>LODF column of a contingency's outage, computed once (one forward solve) and kept.</summary>
    private double[] Lodf(int contingency) =>
        _lodf[contingency] ??= _outageFactors.Column(Contingencies[contingency].Branch);

    private double InterfaceFlow(int i, ReadOnlySpan<double> flows)
    {
        var sum = 0.0;
        foreach (var t in Interfaces[i].Terms)
        {
            sum += t.Weight * flows[t.Branch];
        }

        return sum;
    }

    private int InterfaceIndex(string id) =>
        _interfaceIndex.TryGetValue(id, out var i) ? i : throw new ArgumentException($"nomogram names interface {id}, which does not exist");

    private void Check(ConstraintKey key, double value, double tolerance, List<ConstraintViolation> into)
    {
        var (lower, upper) = Limits(key);
        if (value > upper + tolerance)
        {
            into.Add(new ConstraintViolation(key, value, lower, upper, value - upper));
        }
        else if (value < lower - tolerance)
        {
            into.Add(new ConstraintViolation(key, value, lower, upper, lower - value));
        }
    }

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        if (a == 0)
        {
            return;
        }

        for (var i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    /// <summary>Every branch's name, made on first use: most runs name only the few binding branches, and a
    /// 20,000-branch case would otherwise format 20,000 strings it never prints. (Concurrent first uses build the
    /// same table; either may win.)</summary>
    private string[] BranchNameTable => _branchNames ??= BranchNames(Network);

    private static string[] BranchNames(Network.Network network)
    {
        var names = new string[network.BranchCount];
        var pairs = new Dictionary<(int, int), int>();
        foreach (var br in network.Branches)
        {
            var pair = (Math.Min(br.From, br.To), Math.Max(br.From, br.To));
            pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
        }

        var seen = new Dictionary<(int, int), int>();
        for (var l = 0; l < names.Length; l++)
        {
            var br = network.Branches[l];
            var pair = (Math.Min(br.From, br.To), Math.Max(br.From, br.To));
            var circuit = seen[pair] = seen.GetValueOrDefault(pair) + 1;
            var name = $"{network.BusIds[br.From]}-{network.BusIds[br.To]}";
            names[l] = pairs[pair] > 1 ? $"{name}:{circuit}" : name;
        }

        return names;
    }
}
