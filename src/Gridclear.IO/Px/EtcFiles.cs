using System.Globalization;
using Gridclear.Designs.FlowPaths;
using Gridclear.Designs.Px;
using Gridclear.IO.Csv;
using Gridclear.IO.Market;
using Gridclear.Network;
using Gridclear.Market;

namespace Gridclear.IO.Px;

/// <summary>
/// Recallable transmission's files (X4): <c>etc.csv</c> (<c>contract,holder,path,mw</c>) in a market folder, on the
/// paths of its flowpaths.csv or the interfaces of its interfaces.csv; a recall file (<c>contract,mw</c>). Every
/// problem exits 2 naming the file and line.
/// </summary>
public static class EtcFiles
{
    public const string EtcFile = "etc.csv";

    /// <summary>The contracts of <paramref name="marketDirectory"/>/etc.csv and the paths they reserve on, or null without the file.</summary>
    public static (IReadOnlyList<EtcContract> Contracts, IReadOnlyList<ReservedPath> Paths)? ReadIfPresent(
        string? marketDirectory, Gridclear.Network.Network network, PowerCase? powerCase, IReadOnlyList<Interface> interfaces)
    {
        if (marketDirectory is null || !File.Exists(Path.Combine(marketDirectory, EtcFile)))
        {
            return null;
        }

        var flowPathsFile = Path.Combine(marketDirectory, FlowPathFiles.FlowPathsFile);
        IReadOnlyList<FlowPath> flowPaths = File.Exists(flowPathsFile) ? FlowPathFiles.ReadFlowPaths(flowPathsFile, network, powerCase) : [];
        var known = new Dictionary<string, ReservedPath>(StringComparer.Ordinal);
        foreach (var p in flowPaths)
        {
            known[p.Id] = new ReservedPath(p.Id, p.Terms.Select(t => (t.Branch, t.Weight)).ToList(), p.Rating);
        }

        var table = CsvTable.Read(Path.Combine(marketDirectory, EtcFile), ["contract", "holder", "path", "mw"]);
        foreach (var i in interfaces)
        {
            if (known.ContainsKey(i.Id))
            {
                throw new InvalidInputException(table.Source, null, $"{i.Id} is both a flow path (flowpaths.csv) and an interface (interfaces.csv): etc.csv cannot tell which it reserves on");
            }

            known[i.Id] = new ReservedPath(i.Id, i.Terms.Select(t => (t.Branch, t.Weight)).ToList(), i.Limit);
        }

        var contracts = new List<EtcContract>();
        var used = new List<ReservedPath>();
        var reserved = new Dictionary<(string, int), double>();
        foreach (var row in table.Rows)
        {
            var id = table.GetString(row, "contract");
            if (contracts.Any(c => c.Id == id))
            {
                throw table.Error(row, $"contract {id} appears twice");
            }

            var pathId = table.GetString(row, "path");
            if (!known.TryGetValue(pathId, out var path))
            {
                throw table.Error(row, $"contract {id}: {pathId} is neither a flow path of flowpaths.csv nor an interface of interfaces.csv");
            }

            var mw = table.GetDouble(row, "mw");
            var holder = table.GetString(row, "holder");
            var contract = table.Checked(row, () => new EtcContract(id, holder, pathId, mw));

            var key = (pathId, contract.Direction);
            var total = reserved[key] = reserved.GetValueOrDefault(key) + Math.Abs(mw);
            if (total > path.LimitMw)
            {
                throw table.Error(row, $"contract {id}: reservations on {pathId} in this direction reach {Text(total)} MW, above its limit of {Text(path.LimitMw)} MW");
            }

            contracts.Add(contract);
            if (!used.Contains(path))
            {
                used.Add(path);
            }
        }

        return (contracts, used);
    }

    /// <summary>A recall file <c>contract,mw</c>: MW recalled of each contract (&gt; 0, in total at most its reservation).
    /// Returns the recalled MW by path and direction.</summary>
    public static Dictionary<(string Path, int Direction), double> ReadRecall(string file, IReadOnlyList<EtcContract> contracts)
    {
        var table = CsvTable.Read(file, ["contract", "mw"]);
        var byContract = new Dictionary<string, double>(StringComparer.Ordinal);
        var recalled = new Dictionary<(string, int), double>();
        foreach (var row in table.Rows)
        {
            var id = table.GetString(row, "contract");
            var contract = contracts.FirstOrDefault(c => c.Id == id) ?? throw table.Error(row, $"contract {id} is not in etc.csv");
            var mw = table.GetDouble(row, "mw");
            if (!(mw > 0))
            {
                throw table.Error(row, $"contract {id}: a recall must be > 0 MW, not {Text(mw)}");
            }

            var total = byContract[id] = byContract.GetValueOrDefault(id) + mw;
            if (total > Math.Abs(contract.Mw) + 1e-9)
            {
                throw table.Error(row, $"contract {id}: recall of {Text(total)} MW is larger than its reservation of {Text(Math.Abs(contract.Mw))} MW on {contract.Path}");
            }

            var key = (contract.Path, contract.Direction);
            recalled[key] = recalled.GetValueOrDefault(key) + mw;
        }

        if (recalled.Count == 0)
        {
            throw new InvalidInputException(table.Source, null, "recalls nothing (no rows)");
        }

        return recalled;
    }

    private static string Text(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
