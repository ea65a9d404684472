namespace Gridclear.Designs.Comparison;

/// <summary>The market designs the seeds argue about (requirement C), compared on the same market data.</summary>
public enum MarketDesign
{
    /// <summary>Every participant settles at its bus price (the LMP).</summary>
    Nodal,

    /// <summary>Voluntary zonal pricing as elected in the market folder (or everyone zonal), on the nodal dispatch
    /// (D9–D11): zonal prices, constrained-on/off payments, uplift.</summary>
    Zonal,

    /// <summary>Seed 001: the zonal commercial model with flow-path limits, then the operator's redispatch.</summary>
    Flowpath,

    /// <summary>Seed 002: the nodal dispatch with nomograms enforced, resources settled at zonal prices and every
    /// schedule and resource paying the nomograms' usage charges.</summary>
    Px,
}

/// <summary>Design names as the command line and the outputs spell them.</summary>
public static class MarketDesigns
{
    public static string Name(MarketDesign design) => design.ToString().ToLowerInvariant();

    /// <summary>Parses a comma-separated list (<c>nodal,zonal</c>); order kept, repeats refused.</summary>
    /// <exception cref="ArgumentException">naming the unknown or repeated design.</exception>
    public static IReadOnlyList<MarketDesign> ParseList(string text)
    {
        var designs = new List<MarketDesign>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var design = Enum.GetValues<MarketDesign>().Where(d => Name(d) == part).Cast<MarketDesign?>().FirstOrDefault()
                ?? throw new ArgumentException($"'{part}' is not a design (one of {string.Join(", ", Enum.GetValues<MarketDesign>().Select(Name))})");
            if (designs.Contains(design))
            {
                throw new ArgumentException($"design '{part}' is named twice");
            }

            designs.Add(design);
        }

        return designs.Count > 0 ? designs : throw new ArgumentException("no design named");
    }
}
