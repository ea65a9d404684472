namespace Gridclear.Market;

/// <summary>How the power balance treats transmission losses (<c>--losses</c>).</summary>
public enum LossModel
{
    /// <summary>Lossless DC model: generation = load, the loss component of every LMP is 0 (MATPOWER's DC OPF).</summary>
    None,

    /// <summary>DC losses L = Σ r·f²/baseMVA in the balance, linearised and iterated; marginal loss components (D15).</summary>
    Marginal,
}
