namespace Gridclear.Market;

/// <summary>
/// A generator's capacity row of the reserve market, energy + Σ reserve awards ≤ capacity, with one energy column
/// (<paramref name="Energy"/>, bounds [Pmin, capacity]) and its reserve columns (lower bound 0): the shape
/// <see cref="HeadroomModel"/> can turn into column bounds.
/// </summary>
internal sealed record CapacityCoupling(int Row, int Energy, int[] Reserves);
