using Gridclear.Designs.FlowPaths;
using Gridclear.Flows;
using Gridclear.Market;

namespace Gridclear.Designs.Px;

/// <summary>One element of the library: a monitored branch, interface, flow path or nomogram.</summary>
/// <param name="Name">As constraints.csv names it (a branch FROM-TO, with :circuit when parallel).</param>
/// <param name="Kind"><c>branch</c>, <c>interface</c>, <c>path</c> or <c>nomogram</c>.</param>
/// <param name="BranchWeights">The element as a weighted sum of branch flows (what an outage changes).</param>
public sealed record LibraryElement(string Name, string Kind, IReadOnlyList<(int Branch, double Weight)> BranchWeights);

/// <summary>
/// The published shift-factor library (X5, N3; seed 002 "If the ISO publishes a library of shift factors … SCs should
/// be capable of planning for and reacting to system changes"): every bus's factor on every monitored branch,
/// interface, flow path and nomogram, in the base case and under each secured contingency, with the version id of the
/// topology (<see cref="TopologyVersion"/>).
/// <para>
/// An element is a weighted sum of branch flows w (a nomogram adds injection terms, which no outage changes). Its base
/// row is Σ_l w_l·H_l (H the shift factors of the case's reference bus). Under the outage of branch k every branch flow
/// becomes f_l + LODF_lk·f_k, so the element's row becomes base + (Σ_l w_l·LODF_lk)·H_k: one LODF column and one
/// shift-factor row per contingency serve every element. The outaged branch itself is not listed under its own outage (it carries nothing).
/// </para>
/// </summary>
public sealed class ShiftFactorLibrary
{
    /// <summary>A change of an element's row smaller than this (Σ w·LODF) is round-off: the row is the base case's.</summary>
    public const double UnchangedLodf = 1e-12;

    private readonly SecurityModel _security;
    private readonly List<LibraryElement> _elements = [];
    private readonly List<int> _secured = [];

    public ShiftFactorLibrary(SecurityModel security, IReadOnlyList<FlowPath> paths)
    {
        _security = security;
        var network = security.Network;
        Version = TopologyVersion.Of(network);
        foreach (var l in security.MonitoredBranches)
        {
            _elements.Add(new LibraryElement(security.BranchName(l), "branch", [(l, 1.0)]));
        }

        foreach (var i in security.Interfaces)
        {
            _elements.Add(new LibraryElement(i.Id, "interface", i.Terms.Select(t => (t.Branch, t.Weight)).ToList()));
        }

        foreach (var p in paths)
        {
            _elements.Add(new LibraryElement(p.Id, "path", p.Terms.Select(t => (t.Branch, t.Weight)).ToList()));
        }

        var interfaces = security.Interfaces.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var n in security.Nomograms)
        {
            var weights = new List<(int, double)>();
            foreach (var term in n.Terms)
            {
                switch (term)
                {
                    case FlowTerm f:
                        weights.Add((f.Branch, f.Coefficient));
                        break;
                    case InterfaceTerm it:
                        weights.AddRange(interfaces[it.Interface].Terms.Select(t => (t.Branch, it.Coefficient * t.Weight)));
                        break;
                }
            }

            _elements.Add(new LibraryElement(n.Id, "nomogram", weights));
        }

        var notes = new List<string>();
        for (var k = 0; k < security.Contingencies.Count; k++)
        {
            if (security.OutageFactors.Islands(security.Contingencies[k].Branch))
            {
                notes.Add($"contingency {security.Contingencies[k].Id} ({security.BranchName(security.Contingencies[k].Branch)}) splits the network: no post-contingency factors");
            }
            else
            {
                _secured.Add(k);
            }
        }

        Notes = notes;
    }

    /// <summary>The topology's version id.</summary>
    public string Version { get; }

    public Network.Network Network => _security.Network;

    /// <summary>Monitored branches, interfaces, paths, nomograms, in that order.</summary>
    public IReadOnlyList<LibraryElement> Elements => _elements;

    /// <summary>Indices (into the security model's contingencies) of the contingencies that do not split the network.</summary>
    public IReadOnlyList<int> SecuredContingencies => _secured;

    public IReadOnlyList<Contingency> Contingencies => _security.Contingencies;

    /// <summary>Contingencies left out (they island the network).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The base-case factors of element <paramref name="e"/> for every bus (length BusCount).</summary>
    public void BaseRow(int e, Span<double> row)
    {
        var element = _elements[e];
        switch (element.Kind)
        {
            case "nomogram":
                _security.Coefficients(new ConstraintKey(ConstraintKind.Nomogram, e - FirstOf("nomogram")), row);
                break;
            case "branch" when element.BranchWeights.Count == 1:
                _security.ShiftFactors.Row(element.BranchWeights[0].Branch).CopyTo(row);
                break;
            default:
                var weights = new double[Network.BranchCount];
                foreach (var (l, w) in element.BranchWeights)
                {
                    weights[l] += w;
                }

                _security.ShiftFactors.WeightedRow(weights, row);
                break;
        }
    }

    /// <summary>LODF of every branch for the outage of secured contingency <paramref name="contingency"/>.</summary>
    public double[] Lodf(int contingency) => _security.OutageFactors.Column(_security.Contingencies[contingency].Branch);

    /// <summary>
    /// The rows that change under <paramref name="contingency"/>: for each element whose Σ w·LODF is not round-off,
    /// <paramref name="sink"/> gets the element index and its post-contingency row, base + (Σ w·LODF)·H_k. Elements
    /// not given keep their base-case row. <paramref name="baseRows"/> holds every element's base row (BusCount each).
    /// </summary>
    public void ContingencyRows(int contingency, double[][] baseRows, Action<int, ReadOnlySpan<double>> sink)
    {
        var outaged = _security.Contingencies[contingency].Branch;
        var lodf = Lodf(contingency);
        var hk = _security.ShiftFactors.Row(outaged);
        var row = new double[Network.BusCount];
        for (var e = 0; e < _elements.Count; e++)
        {
            var change = 0.0;
            foreach (var (l, w) in _elements[e].BranchWeights)
            {
                change += w * lodf[l];
            }

            if (Math.Abs(change) <= UnchangedLodf)
            {
                continue;
            }

            if (_elements[e] is { Kind: "branch" } element && element.BranchWeights[0].Branch == outaged)
            {
                // Out of service: it carries nothing whatever is injected (base + (−1)·H_k = 0); not listed.
                continue;
            }

            var b = baseRows[e];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = b[i] + (change * hk[i]);
            }

            sink(e, row);
        }
    }

    /// <summary>"FROM-TO" (":circuit" when parallel), as constraints.csv names a branch.</summary>
    public string BranchName(int branch) => _security.BranchName(branch);

    private int FirstOf(string kind) => _elements.FindIndex(x => x.Kind == kind);
}
