namespace Gridclear.Market;

/// <summary>
/// A nomogram (N2, X1): one ONE-SIDED linear limit Σ coefficientᵢ·termᵢ ≤ <see cref="Limit"/> over flows, net
/// injections and interfaces. A two-sided limit is two nomograms; a lower bound is written with negated coefficients.
/// </summary>
/// <param name="Id">Unique nomogram name.</param>
/// <param name="Terms">At least one term, no term twice, in file order.</param>
/// <param name="Limit">MW; any finite number (negative limits express lower bounds).</param>
public sealed record Nomogram(string Id, IReadOnlyList<NomogramTerm> Terms, double Limit)
{
    public string Id { get; } = InputChecks.Id(Id, "nomogram id");

    public IReadOnlyList<NomogramTerm> Terms { get; } = CheckTerms(Id, Terms);

    public double Limit { get; } = InputLimits.Mw(InputChecks.Finite(Limit, $"limit of nomogram {Id}"), $"limit of nomogram {Id}");

    private static IReadOnlyList<NomogramTerm> CheckTerms(string id, IReadOnlyList<NomogramTerm> terms)
    {
        var copy = InputChecks.Copy(terms, $"terms of nomogram {id}");
        if (copy.Count == 0)
        {
            throw new ArgumentException($"nomogram {id} has no terms");
        }

        var seen = new HashSet<(int, string)>();
        foreach (var t in copy)
        {
            var key = t switch
            {
                FlowTerm f => (1, f.Branch.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                InjectionTerm j => (2, j.Bus.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                InterfaceTerm i => (3, i.Interface),
                _ => throw new ArgumentException($"nomogram {id}: unknown term type {t.GetType().Name}"),
            };
            if (!seen.Add(key))
            {
                throw new ArgumentException($"nomogram {id} has the term {Describe(t)} twice");
            }
        }

        return copy;
    }

    private static string Describe(NomogramTerm t) => t switch
    {
        FlowTerm f => $"flow of branch {f.Branch}",
        InjectionTerm j => $"inj:{j.Bus}",
        InterfaceTerm i => $"interface:{i.Interface}",
        _ => t.ToString(),
    };
}
