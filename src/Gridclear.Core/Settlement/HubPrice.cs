namespace Gridclear.Settlement;

/// <summary>A trading hub's price (D8), $/MWh: the weight-normalised average of its buses' LMPs.</summary>
public sealed record HubPrice(string Hub, double Price);
