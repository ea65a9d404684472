using Gridclear.Flows;
using Gridclear.Market;

namespace Gridclear.Ftr;

/// <summary>
/// The day-ahead market's <see cref="SecurityModel"/> seen by the FTR auction (N1: one network model): the base
/// case branches, the branches under every contingency that does not island the network, interfaces and nomograms,
/// numbered in that order. Limits are the model's less the constant flows it adds (phase shifters), so an FTR set
/// feasible here, added to the shifters' flows, is feasible in the market. Give it a model at LimitScale 1 and let
/// the auction's release share scale capability.
/// </summary>
public sealed class SecurityFtrConstraints : IFtrFlowConstraints
{
    private readonly SecurityModel _security;
    private readonly ConstraintKey[] _keys;
    private readonly double[] _constant;
    private readonly int[] _contingencies;
    private readonly Dictionary<int, int> _securedPosition = [];
    private readonly double[][] _lodf;
    private readonly int[] _monitored;
    private readonly int _baseCount;
    private readonly int[][] _contingencyBranches;
    private readonly Lazy<OptionLoadEvaluator> _options;

    public SecurityFtrConstraints(SecurityModel security)
    {
        _security = security;
        var network = security.Network;
        _monitored = [.. security.MonitoredBranches];
        var keys = new List<ConstraintKey>();
        foreach (var l in _monitored)
        {
            keys.Add(new ConstraintKey(ConstraintKind.Branch, l));
        }

        _baseCount = keys.Count;
        var secured = new List<int>();
        var lodf = new List<double[]>();
        var branchesPer = new List<int[]>();
        for (var k = 0; k < security.Contingencies.Count; k++)
        {
            var outaged = security.Contingencies[k].Branch;
            if (security.OutageFactors.Islands(outaged))
            {
                continue;
            }

            secured.Add(k);
            lodf.Add(security.OutageFactors.Column(outaged));
            var watched = _monitored.Where(l => l != outaged && network.Branches[l].IsLimited).ToArray();
            branchesPer.Add(watched);
            foreach (var l in watched)
            {
                keys.Add(new ConstraintKey(ConstraintKind.Branch, l, k));
            }
        }

        _contingencies = [.. secured];
        for (var c = 0; c < _contingencies.Length; c++)
        {
            _securedPosition[_contingencies[c]] = c;
        }

        _lodf = [.. lodf];
        _contingencyBranches = [.. branchesPer];
        for (var i = 0; i < security.Interfaces.Count; i++)
        {
            keys.Add(new ConstraintKey(ConstraintKind.Interface, i));
        }

        for (var n = 0; n < security.Nomograms.Count; n++)
        {
            keys.Add(new ConstraintKey(ConstraintKind.Nomogram, n));
        }

        _keys = [.. keys];

        _options = new Lazy<OptionLoadEvaluator>(NewOptionLoadEvaluator);

        // The constant of every constraint: its activity at the phase shifters' flows.
        _constant = new double[_keys.Length];
        var shift = security.ShiftFactors.PhaseShiftFlows.ToArray();
        if (shift.Any(s => s != 0))
        {
            ActivitiesFromFlows(shift, new double[network.BusCount], _constant, nomogramsFromModel: true);
        }
    }

    public SecurityModel Security => _security;

    public int BusCount => _security.Network.BusCount;

    public Network.Network Network => _security.Network;

    public SlackDistribution Slack => _security.ShiftFactors.Slack;

    public int Count => _keys.Length;

    public ConstraintKey Key(int constraint) => _keys[constraint];

    public void Activities(ReadOnlySpan<double> injections, Span<double> activity)
    {
        var flows = new double[_security.Network.BranchCount];
        _security.ShiftFactors.ComputeFlows(injections, flows);
        var shift = _security.ShiftFactors.PhaseShiftFlows;
        for (var l = 0; l < flows.Length; l++)
        {
            flows[l] -= shift[l];
        }

        ActivitiesFromFlows(flows, injections, activity, nomogramsFromModel: false);
    }

    private void ActivitiesFromFlows(double[] flows, ReadOnlySpan<double> injections, Span<double> activity, bool nomogramsFromModel)
    {
        var i = 0;
        foreach (var l in _monitored)
        {
            activity[i++] = flows[l];
        }

        for (var c = 0; c < _contingencies.Length; c++)
        {
            var lodf = _lodf[c];
            var outagedFlow = flows[_security.Contingencies[_contingencies[c]].Branch];
            foreach (var l in _contingencyBranches[c])
            {
                activity[i++] = flows[l] + (lodf[l] * outagedFlow);
            }
        }

        for (; i < _keys.Length; i++)
        {
            // Interfaces and nomograms: the constant of a nomogram's injection terms is zero.
            activity[i] = nomogramsFromModel ? _security.Constant(_keys[i]) : _security.Value(_keys[i], flows, injections);
        }
    }

    public void AddOptionLoads(IReadOnlyList<(FtrPath Path, double Mw)> options, FtrLoads loads) =>
        _options.Value.Add(options, loads.Upper, loads.Lower);

    private OptionLoadEvaluator NewOptionLoadEvaluator()
    {
        var position = new Dictionary<int, int>();
        for (var j = 0; j < _monitored.Length; j++)
        {
            position[_monitored[j]] = j;
        }

        var targets = new int[_contingencies.Length][];
        var next = _baseCount;
        for (var c = 0; c < _contingencies.Length; c++)
        {
            var t = targets[c] = new int[_monitored.Length];
            Array.Fill(t, -1);
            foreach (var l in _contingencyBranches[c])
            {
                t[position[l]] = next++;
            }
        }

        var outaged = _contingencies.Select(k => _security.Contingencies[k].Branch).ToArray();
        return new OptionLoadEvaluator(_security, _monitored, outaged, _lodf, targets, _keys[next..], next);
    }

    public FtrFlowTerms Terms(int constraint)
    {
        var key = _keys[constraint];
        var flows = new List<(int Branch, double Weight)>();
        var injections = new List<(int Bus, double Coefficient)>();
        switch (key.Kind)
        {
            case ConstraintKind.Branch when key.IsBaseCase:
                flows.Add((key.Element, 1));
                break;
            case ConstraintKind.Branch:
                var outaged = _security.Contingencies[key.Contingency].Branch;
                flows.Add((key.Element, 1));
                flows.Add((outaged, _lodf[_securedPosition[key.Contingency]][key.Element]));
                break;
            case ConstraintKind.Interface:
                AddInterface(key.Element, 1, flows);
                break;
            case ConstraintKind.Nomogram:
                foreach (var term in _security.Nomograms[key.Element].Terms)
                {
                    switch (term)
                    {
                        case FlowTerm f:
                            flows.Add((f.Branch, f.Coefficient));
                            break;
                        case InjectionTerm inj:
                            injections.Add((_security.Network.BusIndex(inj.Bus), inj.Coefficient));
                            break;
                        case InterfaceTerm i:
                            var index = _security.Interfaces.Select((face, n) => (face, n)).Single(e => e.face.Id == i.Interface).n;
                            AddInterface(index, i.Coefficient, flows);
                            break;
                    }
                }

                break;
        }

        return new FtrFlowTerms(flows, injections);
    }

    private void AddInterface(int face, double scale, List<(int Branch, double Weight)> flows)
    {
        foreach (var t in _security.Interfaces[face].Terms)
        {
            flows.Add((t.Branch, scale * t.Weight));
        }
    }

    public void Coefficients(int constraint, Span<double> row) => _security.Coefficients(_keys[constraint], row);

    public (double Lower, double Upper) Limits(int constraint)
    {
        var (lo, up) = _security.Limits(_keys[constraint]);
        return (lo - _constant[constraint], up - _constant[constraint]);
    }

    public int Element(int constraint)
    {
        var key = _keys[constraint];
        return key.Kind switch
        {
            ConstraintKind.Branch => key.Element,
            ConstraintKind.Interface => _security.Network.BranchCount + key.Element,
            _ => _security.Network.BranchCount + _security.Interfaces.Count + key.Element,
        };
    }

    public FtrConstraintName Describe(int constraint)
    {
        var key = _keys[constraint];
        var (name, contingency) = _security.Describe(key);
        var kind = key.Kind switch
        {
            ConstraintKind.Branch => "branch",
            ConstraintKind.Interface => "interface",
            ConstraintKind.Nomogram => "nomogram",
            _ => "balance",
        };
        return new FtrConstraintName(name, kind, contingency);
    }
}
