namespace Gridclear.Market;

/// <summary>One branch of an interface.</summary>
/// <param name="Branch">INTERNAL index into <c>Network.Branches</c> (not the case row).</param>
/// <param name="Weight">Multiplies the branch's from→to flow (as oriented in the case); non-zero. A file row naming the
/// branch to→from is stored here with its weight negated.</param>
public sealed record BranchTerm(int Branch, double Weight)
{
    public int Branch { get; } = Branch >= 0 ? Branch : throw new ArgumentException($"branch index {Branch} is negative");

    public double Weight { get; } = InputLimits.Factor(InputChecks.NonZero(Weight, $"interface weight of branch {Branch}"), $"interface weight of branch {Branch}");
}
