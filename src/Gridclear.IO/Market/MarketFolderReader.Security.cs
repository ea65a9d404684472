using System.Globalization;
using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Market;

public static partial class MarketFolderReader
{
    /// <summary>interfaces.csv: each row a branch (by end buses, either orientation) with a weight; one limit per
    /// interface, repeated on each of its rows.</summary>
    private static List<Interface> ReadInterfaces(Folder folder)
    {
        var table = folder.Table(InputFiles.Interfaces);
        var interfaces = new List<Interface>();
        if (table is null)
        {
            return interfaces;
        }

        foreach (var (id, rows) in GroupInFileOrder(table.Rows, row => table.GetString(row, "interface")))
        {
            var limit = table.GetDouble(rows[0], "limit");
            var terms = new List<BranchTerm>();
            var lineOfBranch = new Dictionary<int, int>();
            foreach (var row in rows)
            {
                var rowLimit = table.GetDouble(row, "limit");
                if (rowLimit <= 0)
                {
                    throw table.Error(row, $"interface {id}: limit must be > 0, not {StepRow.Text(rowLimit)} (it holds in both directions: −limit ≤ Σ weight·flow ≤ limit)");
                }

                if (rowLimit != limit)
                {
                    throw table.Error(row, $"interface {id} has limit {StepRow.Text(limit)} on line {rows[0].Line} but {StepRow.Text(rowLimit)} here: one limit per interface");
                }

                var (branch, sign) = folder.Branch(table, row);
                if (!lineOfBranch.TryAdd(branch, row.Line))
                {
                    throw table.Error(row, $"interface {id} names this branch twice (first on line {lineOfBranch[branch]})");
                }

                var weight = table.GetDouble(row, "weight");
                terms.Add(table.Checked(row, () => new BranchTerm(branch, sign * weight)));
            }

            interfaces.Add(table.Checked(rows[0], () => new Interface(id, terms, limit)));
        }

        return interfaces;
    }

    /// <summary>nomograms.csv: rows <c>nomogram,term,coefficient,limit</c> forming Σ coefficient·term ≤ limit.</summary>
    private static List<Nomogram> ReadNomograms(Folder folder, List<Interface> interfaces)
    {
        var table = folder.Table(InputFiles.Nomograms);
        var nomograms = new List<Nomogram>();
        if (table is null)
        {
            return nomograms;
        }

        var interfaceIds = interfaces.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, rows) in GroupInFileOrder(table.Rows, row => table.GetString(row, "nomogram")))
        {
            var limit = table.GetDouble(rows[0], "limit");
            var terms = new List<NomogramTerm>();
            var lineOfTerm = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                var rowLimit = table.GetDouble(row, "limit");
                if (rowLimit != limit)
                {
                    throw table.Error(row, $"nomogram {id} has limit {StepRow.Text(limit)} on line {rows[0].Line} but {StepRow.Text(rowLimit)} here: one limit per nomogram");
                }

                var coefficient = table.GetDouble(row, "coefficient");
                var term = table.Checked(row, () => ParseTerm(folder, table.GetString(row, "term"), coefficient, interfaceIds));
                var key = term switch
                {
                    FlowTerm f => "flow " + f.Branch.ToString(CultureInfo.InvariantCulture),
                    InjectionTerm j => "inj " + j.Bus.ToString(CultureInfo.InvariantCulture),
                    InterfaceTerm i => "interface " + i.Interface,
                    _ => throw new InvalidOperationException("unknown term type"),
                };
                if (!lineOfTerm.TryAdd(key, row.Line))
                {
                    throw table.Error(row, $"nomogram {id} has this term twice (first on line {lineOfTerm[key]}): add the coefficients into one row");
                }

                terms.Add(term);
            }

            nomograms.Add(table.Checked(rows[0], () => new Nomogram(id, terms, limit)));
        }

        return nomograms;
    }

    /// <summary>
    /// One nomogram term: <c>flow:FROM-TO</c> or <c>flow:FROM-TO:CIRCUIT</c> (a branch's from→to flow; named to→from
    /// it negates the coefficient), <c>inj:BUS</c> (net injection, generation − load) or <c>interface:NAME</c>.
    /// Keywords ignore case. Throws <see cref="ArgumentException"/>.
    /// </summary>
    private static NomogramTerm ParseTerm(Folder folder, string text, double coefficient, HashSet<string> interfaceIds)
    {
        const string Syntax = "flow:FROM-TO, flow:FROM-TO:CIRCUIT, inj:BUS or interface:NAME";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon].Trim();
        var rest = colon < 0 ? "" : text[(colon + 1)..].Trim();

        if (kind.Equals("interface", StringComparison.OrdinalIgnoreCase) && rest.Length > 0)
        {
            return interfaceIds.Contains(rest)
                ? new InterfaceTerm(rest, coefficient)
                : throw new ArgumentException($"term '{text}': unknown interface {rest} (not in {InterfacesFile})");
        }

        if (kind.Equals("inj", StringComparison.OrdinalIgnoreCase) && TryBus(rest, out var bus))
        {
            return folder.Network.TryGetBusIndex(bus, out _)
                ? new InjectionTerm(bus, coefficient)
                : throw new ArgumentException($"term '{text}': bus {bus} is not in the network (unknown or out of service)");
        }

        if (kind.Equals("flow", StringComparison.OrdinalIgnoreCase))
        {
            var parts = rest.Split(':');
            var ends = parts[0].Split('-');
            int? circuit = null;
            if (parts.Length == 2 && TryBus(parts[1], out var c))
            {
                circuit = c;
            }

            if (ends.Length == 2 && TryBus(ends[0], out var from) && TryBus(ends[1], out var to) && (parts.Length == 1 || circuit is not null))
            {
                var (branch, sign) = folder.Branches.Locate(from, to, circuit);
                return new FlowTerm(branch, sign * coefficient);
            }
        }

        throw new ArgumentException($"term '{text}' is not {Syntax}");
    }

    private static bool TryBus(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>contingencies.csv: one row per contingency (single-branch outages only).</summary>
    private static List<Contingency> ReadContingencies(Folder folder)
    {
        var table = folder.Table(InputFiles.Contingencies);
        var contingencies = new List<Contingency>(table?.Rows.Count ?? 0);
        if (table is null)
        {
            return contingencies;
        }

        var lineOfId = new Dictionary<string, int>(table.Rows.Count, StringComparer.Ordinal);
        var byBranch = new Dictionary<int, (string Id, int Line)>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var id = table.GetString(row, "contingency");
            if (lineOfId.TryGetValue(id, out var first))
            {
                throw table.Error(row, $"contingency {id} has a second branch (first on line {first}): only single-branch (N-1) contingencies are supported");
            }

            lineOfId[id] = row.Line;
            var (branch, _) = folder.Branch(table, row);
            if (!byBranch.TryAdd(branch, (id, row.Line)))
            {
                var other = byBranch[branch];
                throw table.Error(row, $"contingency {id} trips the same branch as contingency {other.Id} (line {other.Line})");
            }

            contingencies.Add(table.Checked(row, (id, branch), static a => new Contingency(a.id, a.branch)));
        }

        return contingencies;
    }
}
