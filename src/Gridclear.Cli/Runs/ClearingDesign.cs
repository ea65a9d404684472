namespace Gridclear.Cli.Runs;

/// <summary>Which design a day-ahead run clears under (<c>clear --design</c>).</summary>
public enum ClearingDesign
{
    /// <summary>Locational prices on the full network (the default).</summary>
    Nodal,

    /// <summary>The flow-path rights model (001): the zonal commercial model, then the operator's redispatch.</summary>
    FlowPath,
}
