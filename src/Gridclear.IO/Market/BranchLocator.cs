using System.Runtime.InteropServices;
using Gridclear.Network;

namespace Gridclear.IO.Market;

/// <summary>
/// Finds the network branch that a market file names by its end buses (<c>from_bus,to_bus</c> and an optional
/// <c>circuit</c>), in either orientation. Circuit k is the k-th branch joining the two buses in case-row order
/// (either orientation counts), as FORMATS.md says ("in MATPOWER order if parallel"). With the
/// <see cref="PowerCase"/>, circuits count every case branch, in service or not, so numbering does not move when a
/// line is switched out, and naming an out-of-service branch is reported as such. Without it, only the network's
/// in-service branches are known and counted.
/// </summary>
internal sealed class BranchLocator
{
    /// <summary>For each unordered bus pair: the branches joining it, in case-row order, as (case row, from bus,
    /// internal index or −1 when out of service).</summary>
    private readonly Dictionary<(int, int), List<(int CaseRow, int FromBus, int Branch)>> _byPair = [];
    private readonly bool _knowsCase;

    public BranchLocator(Gridclear.Network.Network network, PowerCase? powerCase)
    {
        var branchOfRow = new Dictionary<int, int>(network.BranchCount);
        for (var i = 0; i < network.BranchCount; i++)
        {
            branchOfRow[network.Branches[i].CaseRow] = i;
        }

        if (powerCase is not null)
        {
            _knowsCase = true;
            _byPair.EnsureCapacity(powerCase.Branches.Count);
            for (var row = 0; row < powerCase.Branches.Count; row++)
            {
                var b = powerCase.Branches[row];
                Add(b.FromBus, b.ToBus, row, branchOfRow.GetValueOrDefault(row, -1));
            }
        }
        else
        {
            foreach (var (row, i) in branchOfRow.OrderBy(p => p.Key))
            {
                var b = network.Branches[i];
                Add(network.BusIds[b.From], network.BusIds[b.To], row, i);
            }
        }
    }

    /// <summary>
    /// The internal branch index and the sign that turns the named orientation into the case's from→to flow (+1 when
    /// named from→to, −1 when named to→from). Throws <see cref="ArgumentException"/> with a message for users.
    /// </summary>
    public (int Branch, int Sign) Locate(int fromBus, int toBus, int? circuit)
    {
        if (fromBus == toBus)
        {
            throw new ArgumentException($"branch {fromBus}-{toBus} joins a bus to itself");
        }

        if (!_byPair.TryGetValue(Key(fromBus, toBus), out var joining))
        {
            throw new ArgumentException(_knowsCase
                ? $"no branch of the case joins buses {fromBus} and {toBus}"
                : $"no in-service branch joins buses {fromBus} and {toBus}");
        }

        (int CaseRow, int FromBus, int Branch) chosen;
        if (circuit is not { } c)
        {
            // Unambiguous when only one of the parallel branches is in service: that one is meant. (Counted without a
            // list: a full N-1 file names thousands of branches.)
            chosen = joining[0];
            if (joining.Count > 1)
            {
                var inService = 0;
                foreach (var j in joining)
                {
                    if (j.Branch >= 0)
                    {
                        inService++;
                        chosen = j;
                    }
                }

                if (inService != 1)
                {
                    throw new ArgumentException($"{joining.Count} branches join buses {fromBus} and {toBus} (case rows {string.Join(", ", joining.Select(j => j.CaseRow + 1))}): add a 'circuit' (1 = the first in case order)");
                }
            }
        }
        else
        {
            if (c < 1 || c > joining.Count)
            {
                throw new ArgumentException($"circuit {c} of {fromBus}-{toBus} does not exist: {joining.Count} branch(es) join these buses (circuits 1…{joining.Count})");
            }

            chosen = joining[c - 1];
        }

        if (chosen.Branch < 0)
        {
            throw new ArgumentException($"branch {fromBus}-{toBus}{(circuit is { } k ? $" circuit {k}" : "")} (case branch row {chosen.CaseRow + 1}) is out of service");
        }

        return (chosen.Branch, chosen.FromBus == fromBus ? 1 : -1);
    }

    private void Add(int fromBus, int toBus, int caseRow, int branch)
    {
        // One lookup a branch (a full N-1 file makes this for every branch of a 10,000-bus case).
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_byPair, Key(fromBus, toBus), out _);
        (list ??= new(1)).Add((caseRow, fromBus, branch));
    }

    private static (int, int) Key(int a, int b) => a < b ? (a, b) : (b, a);
}
