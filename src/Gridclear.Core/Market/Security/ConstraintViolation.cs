namespace Gridclear.Market;

/// <summary>A constraint whose value lies outside its limits.</summary>
/// <param name="Value">Σ a·P + constant at the injections checked (MW).</param>
/// <param name="Excess">How far outside, MW (&gt; 0).</param>
public readonly record struct ConstraintViolation(ConstraintKey Key, double Value, double Lower, double Upper, double Excess);
