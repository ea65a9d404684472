namespace Gridclear.Market;

/// <summary>What one resource was cleared for.</summary>
/// <param name="Resource">Its name: the market's resource id, or <c>gen{k}</c> for MATPOWER generator row k.</param>
/// <param name="Bus">External bus id.</param>
/// <param name="Mw">Cleared quantity, MW: a generator's output or a load's consumption (≥ 0 unless its offer allows less).</param>
/// <param name="InjectionMw">Signed injection into the network: +Mw for a generator, −Mw for a load.</param>
/// <param name="Cost">As-bid cost of the award, $/h (a load's bid value counts negative).</param>
public sealed record ResourceAward(string Resource, int Bus, ResourceKind Kind, double Mw, double InjectionMw, double Cost);
