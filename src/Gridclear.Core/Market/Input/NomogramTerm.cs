namespace Gridclear.Market;

/// <summary>One term of a nomogram: a coefficient times a flow, a net injection or an interface's weighted flow.</summary>
/// <param name="Coefficient">Finite and non-zero.</param>
public abstract record NomogramTerm(double Coefficient)
{
    public double Coefficient { get; } = InputLimits.Factor(InputChecks.NonZero(Coefficient, "nomogram coefficient"), "nomogram coefficient");
}
