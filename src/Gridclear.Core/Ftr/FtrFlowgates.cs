namespace Gridclear.Ftr;

/// <summary>
/// Flowgate and nomogram rights (F9) in the point-to-point machinery. A right of 1 MW on a constraint holds 1 MW (one
/// unit) of that constraint's upper limit and nothing else: it is the vector that is 1 on its constraint and 0 on every
/// other. So each right's constraint gets a virtual bus past the network's (index <c>n + k</c>) whose only coefficient
/// is 1 in that constraint, and a right is an option from that bus to one more virtual bus with no coefficient at all
/// (index <c>n + G</c>): its flow is +1 on its constraint, and as an option it loads only the upper side, so it can
/// never create room in the other direction. The simultaneous feasibility test, the auction LP (both forms: the right
/// is an option, priced in through the shift-factor rows) and the settlement then need nothing of their own, and the
/// simultaneous feasibility theorem covers the mix: congestion rent = Σ shadow price × limit ≥ Σ shadow price × (the
/// flows of the point-to-point FTRs + the flowgate MW) = what they are all owed.
/// </summary>
public sealed class FtrFlowgates
{
    private readonly List<FtrFlowgate> _gates = [];
    private readonly Dictionary<(FtrFlowgateKind, string), int> _index = [];
    private readonly FtrLocation _none;

    /// <param name="busCount">The network's buses: virtual buses are numbered after them.</param>
    /// <param name="paths">Names of the paths (interfaces) a right may name, each once.</param>
    /// <param name="nomograms">Names of the nomograms, each once.</param>
    public FtrFlowgates(int busCount, IEnumerable<string> paths, IEnumerable<string> nomograms)
    {
        NetworkBusCount = busCount;
        foreach (var p in paths)
        {
            Add(new FtrFlowgate(p, FtrFlowgateKind.Path));
        }

        foreach (var m in nomograms)
        {
            Add(new FtrFlowgate(m, FtrFlowgateKind.Nomogram));
        }

        _none = FtrLocation.Bus("(none)", busCount + _gates.Count);
    }

    public int NetworkBusCount { get; }

    /// <summary>Network buses plus one virtual bus per right's constraint plus the one with no coefficient.</summary>
    public int BusCount => NetworkBusCount + _gates.Count + 1;

    public IReadOnlyList<FtrFlowgate> Gates => _gates;

    /// <summary>The path of a right on <paramref name="name"/>, or false when there is no such path or nomogram.</summary>
    public bool TryFind(FtrFlowgateKind kind, string name, out FtrPath path)
    {
        if (_index.TryGetValue((kind, name), out var k))
        {
            path = new FtrPath(FtrLocation.Bus(name, NetworkBusCount + k), _none) { Flowgate = _gates[k] };
            return true;
        }

        path = null!;
        return false;
    }

    /// <summary>The index of the right's constraint in <see cref="Gates"/>, or −1 for a point-to-point path.</summary>
    public int GateOf(FtrPath path) => path.Flowgate is { } f ? _index[(f.Kind, f.Name)] : -1;

    /// <summary>
    /// <paramref name="constraints"/> with the virtual buses: each right's constraint is found among them by kind,
    /// name and base case (<see cref="IFtrConstraints.Describe"/>). Throws when a gate named in
    /// <paramref name="used"/> has no constraint there.
    /// </summary>
    public IFtrFlowConstraints Constrain(IFtrFlowConstraints constraints, IEnumerable<FtrFlowgate> used)
    {
        if (constraints.BusCount != NetworkBusCount)
        {
            throw new ArgumentException($"the constraints have {constraints.BusCount} buses, the rights {NetworkBusCount}", nameof(constraints));
        }

        var constraintOf = new int[_gates.Count];
        Array.Fill(constraintOf, -1);
        for (var c = 0; c < constraints.Count; c++)
        {
            var name = constraints.Describe(c);
            if (name.Contingency.Length > 0)
            {
                continue;
            }

            var kind = name.Kind switch
            {
                "interface" => FtrFlowgateKind.Path,
                "nomogram" => FtrFlowgateKind.Nomogram,
                _ => (FtrFlowgateKind?)null,
            };
            if (kind is { } k && _index.TryGetValue((k, name.Name), out var g) && constraintOf[g] < 0)
            {
                constraintOf[g] = c;
            }
        }

        foreach (var gate in used)
        {
            if (constraintOf[_index[(gate.Kind, gate.Name)]] < 0)
            {
                throw new ArgumentException($"{gate.KindText} {gate.Name} is not a constraint of the security model", nameof(used));
            }
        }

        return new FlowgateFtrConstraints(constraints, constraintOf);
    }

    /// <summary>
    /// Bus prices extended to the virtual buses, so that a right's value price(sink) − price(source) is its
    /// constraint's shadow price: −<paramref name="shadowPrice"/> at the right's bus, 0 at the one without coefficients.
    /// </summary>
    /// <param name="shadowPrice">Each gate's day-ahead shadow price in its limit's direction, $/MWh (≥ 0).</param>
    public double[] Prices(IReadOnlyList<double> busPrices, Func<FtrFlowgate, double> shadowPrice)
    {
        var prices = new double[BusCount];
        for (var b = 0; b < NetworkBusCount; b++)
        {
            prices[b] = busPrices[b];
        }

        for (var k = 0; k < _gates.Count; k++)
        {
            prices[NetworkBusCount + k] = -shadowPrice(_gates[k]);
        }

        return prices;
    }

    private void Add(FtrFlowgate gate)
    {
        if (_index.TryAdd((gate.Kind, gate.Name), _gates.Count))
        {
            _gates.Add(gate);
        }
    }

    /// <summary>The network's constraints over the network's buses and the virtual ones.</summary>
    private sealed class FlowgateFtrConstraints(IFtrFlowConstraints inner, int[] constraintOf) : IFtrFlowConstraints
    {
        private readonly int _n = inner.BusCount;

        public int BusCount => _n + constraintOf.Length + 1;

        public int Count => inner.Count;

        public Network.Network Network => inner.Network;

        public Flows.SlackDistribution Slack => inner.Slack;

        public void Activities(ReadOnlySpan<double> injections, Span<double> activity)
        {
            inner.Activities(injections[.._n], activity);
            for (var g = 0; g < constraintOf.Length; g++)
            {
                if (constraintOf[g] >= 0)
                {
                    activity[constraintOf[g]] += injections[_n + g];
                }
            }
        }

        public void Coefficients(int constraint, Span<double> row)
        {
            inner.Coefficients(constraint, row[.._n]);
            row[_n..].Clear();
            for (var g = 0; g < constraintOf.Length; g++)
            {
                if (constraintOf[g] == constraint)
                {
                    row[_n + g] = 1;
                }
            }
        }

        public (double Lower, double Upper) Limits(int constraint) => inner.Limits(constraint);

        public FtrConstraintName Describe(int constraint) => inner.Describe(constraint);

        public int Element(int constraint) => inner.Element(constraint);

        // The virtual buses carry no angles or branch flows: rights are options, which the angle form loads through
        // the shift-factor rows (Coefficients), never through these terms.
        public FtrFlowTerms Terms(int constraint) => inner.Terms(constraint);

        public void AddOptionLoads(IReadOnlyList<(FtrPath Path, double Mw)> options, FtrLoads loads)
        {
            var network = new List<(FtrPath Path, double Mw)>(options.Count);
            foreach (var (path, mw) in options)
            {
                var bus = path.Source.Buses[0];
                if (path.Flowgate is null)
                {
                    network.Add((path, mw));
                }
                else if (constraintOf[bus - _n] is var c and >= 0)
                {
                    // Flow +1 on its constraint only: all of it loads the upper side (mw < 0 releases it).
                    loads.Upper[c] += mw;
                }
            }

            if (network.Count > 0)
            {
                inner.AddOptionLoads(network, loads);
            }
        }
    }
}
