using Gridclear.Market;

namespace Gridclear.Tests.DayAhead;

/// <summary>Markets with N-1 contingencies built in code on a case's own participation.</summary>
internal static class ContingencyMarkets
{
    /// <summary>The outage of every limited branch (the security model leaves out those that island the network).</summary>
    public static MarketInput AllSecurable(Gridclear.Network.Network network) =>
        new(Contingencies: [.. Enumerable.Range(0, network.BranchCount)
            .Where(l => network.Branches[l].IsLimited)
            .Select(l => new Contingency($"C{network.Branches[l].CaseRow + 1}", l))]);
}
