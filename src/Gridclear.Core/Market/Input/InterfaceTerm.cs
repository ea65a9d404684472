namespace Gridclear.Market;

/// <summary>Coefficient × an interface's weighted flow Σ weightᵢ·flowᵢ (not its limit).</summary>
/// <param name="Interface">Id of an interface of the same market.</param>
public sealed record InterfaceTerm(string Interface, double Coefficient) : NomogramTerm(Coefficient)
{
    public string Interface { get; } = InputChecks.Id(Interface, "interface of a nomogram term");
}
