namespace Gridclear.Ftr;

/// <summary>What a flowgate right holds capacity on (F9).</summary>
public enum FtrFlowgateKind
{
    /// <summary>A flow path of the flow-path rights model (001), monitored as an interface of its name: the right
    /// holds 1 MW of the path's rating per MW in the path's direction.</summary>
    Path,

    /// <summary>A nomogram (002): the right holds one unit of the nomogram's limit per MW.</summary>
    Nomogram,
}

/// <summary>The constraint a flowgate or nomogram right is defined on (F9): settles at its day-ahead shadow price × MW.</summary>
/// <param name="Name">The path's (interface's) or nomogram's name.</param>
public sealed record FtrFlowgate(string Name, FtrFlowgateKind Kind)
{
    /// <summary>The <c>kind</c> column's word: <c>flowgate</c> or <c>nomogram</c>.</summary>
    public string KindText => Kind == FtrFlowgateKind.Path ? "flowgate" : "nomogram";
}
