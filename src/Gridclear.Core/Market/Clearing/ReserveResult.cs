namespace Gridclear.Market;

/// <summary>The price of one reserve requirement (a row of reserve_prices.csv).</summary>
/// <param name="Price">The dual of the requirement's balance, $/MW-h (≥ 0): what one more MW of requirement costs.</param>
/// <param name="SupplierPrice">What one MW awarded in the zone earns: its zone's price plus the system price of the product.</param>
/// <param name="ClearedMw">Requirement bought (Σ of the demand curve's cleared segments), MW.</param>
/// <param name="SelfMw">Self-provision counted toward it, MW.</param>
public sealed record ReservePrice(string Product, string Zone, double Price, double SupplierPrice, double ClearedMw, double SelfMw);

/// <summary>A reserve award (a row of reserve_awards.csv).</summary>
/// <param name="Zone">The resource's zone.</param>
/// <param name="Price">Its zone's price of the product plus the system price, $/MW-h.</param>
public sealed record ReserveAward(string Resource, int Bus, string Product, string Zone, double Mw, double Price, double Cost);

/// <summary>What the reserve part of a clearing produced.</summary>
public sealed record ReserveResult(IReadOnlyList<ReservePrice> Prices, IReadOnlyList<ReserveAward> Awards, double OfferCost, double DemandValue);
