using Gridclear.Designs.FlowPaths;
using Gridclear.IO.Csv;
using Gridclear.Market;
using Gridclear.Network;

namespace Gridclear.IO.Market;

/// <summary>
/// The input files of the flow-path rights model (FORMATS.md "The flow-path rights model (001)" and README):
/// flowpaths.csv, thresholds.csv, path_rights.csv, contracts.csv. Every problem is an
/// <see cref="InvalidInputException"/> naming the file and the line.
/// </summary>
public static class FlowPathFiles
{
    public const string FlowPathsFile = "flowpaths.csv";
    public const string ThresholdsFile = "thresholds.csv";
    public const string RightsFile = "path_rights.csv";
    public const string ContractsFile = "contracts.csv";

    /// <summary>
    /// flowpaths.csv <c>path,from_bus,to_bus,weight,rating</c> (+ optional <c>circuit</c>): branches named as in
    /// interfaces.csv (either orientation, reversed negates the weight); one rating per path, repeated on its rows.
    /// </summary>
    public static List<FlowPath> ReadFlowPaths(string file, Gridclear.Network.Network network, PowerCase? powerCase)
    {
        var table = CsvTable.Read(file, InputFiles.FlowPaths);
        var locator = new BranchLocator(network, powerCase);
        var paths = new List<FlowPath>();
        var groups = new OrderedDictionary<string, List<CsvRow>>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = table.GetString(row, "path");
            if (!groups.TryGetValue(id, out var list))
            {
                groups.Add(id, list = []);
            }

            list.Add(row);
        }

        foreach (var (id, rows) in groups)
        {
            var rating = table.GetDouble(rows[0], "rating");
            var terms = new List<BranchTerm>();
            var lineOfBranch = new Dictionary<int, int>();
            foreach (var row in rows)
            {
                var rowRating = table.GetDouble(row, "rating");
                if (rowRating <= 0)
                {
                    throw table.Error(row, $"flow path {id}: rating must be > 0 MW, not {StepRow.Text(rowRating)}");
                }

                if (rowRating != rating)
                {
                    throw table.Error(row, $"flow path {id} has rating {StepRow.Text(rating)} on line {rows[0].Line} but {StepRow.Text(rowRating)} here: one rating per path");
                }

                var from = table.GetInt(row, "from_bus");
                var to = table.GetInt(row, "to_bus");
                var circuit = table.GetOptionalInt(row, "circuit");
                var (branch, sign) = table.Checked(row, () => locator.Locate(from, to, circuit));
                if (!lineOfBranch.TryAdd(branch, row.Line))
                {
                    throw table.Error(row, $"flow path {id} names this branch twice (first on line {lineOfBranch[branch]})");
                }

                var weight = table.GetDouble(row, "weight");
                terms.Add(table.Checked(row, () => new BranchTerm(branch, sign * weight)));
            }

            paths.Add(table.Checked(rows[0], () => new FlowPath(id, terms, rating)));
        }

        if (paths.Count == 0)
        {
            throw table.Error((int?)null, "no flow paths: the file has a header and no rows");
        }

        return paths;
    }

    /// <summary>thresholds.csv <c>parameter,value</c>: W, X, Y, Z in percent, each once; Y ≥ W and Z ≥ X.</summary>
    public static PathThresholds ReadThresholds(string file)
    {
        var table = CsvTable.Read(file, InputFiles.Thresholds);
        var values = new Dictionary<string, (double Value, CsvRow Row)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in table.Rows)
        {
            var name = table.GetString(row, "parameter").ToUpperInvariant();
            if (name is not ("W" or "X" or "Y" or "Z"))
            {
                throw table.Error(row, $"parameter '{table.GetString(row, "parameter")}' is not one of W, X, Y, Z");
            }

            if (values.TryGetValue(name, out var first))
            {
                throw table.Error(row, $"{name} is given twice (first on line {first.Row.Line})");
            }

            var value = table.GetDouble(row, "value");
            table.Checked(row, () => PathThresholds.Percent(value, name));
            values[name] = (value, row);
        }

        foreach (var name in new[] { "W", "X", "Y", "Z" })
        {
            if (!values.ContainsKey(name))
            {
                throw table.Error((int?)null, $"{name} is missing (W, X, Y, Z are all required, in percent)");
            }
        }

        if (values["Y"].Value < values["W"].Value)
        {
            throw table.Error(values["Y"].Row, $"Y = {StepRow.Text(values["Y"].Value)} % is below W = {StepRow.Text(values["W"].Value)} % (line {values["W"].Row.Line}): the scheduling threshold cannot be under the forgiveness threshold");
        }

        if (values["Z"].Value < values["X"].Value)
        {
            throw table.Error(values["Z"].Row, $"Z = {StepRow.Text(values["Z"].Value)} % is below X = {StepRow.Text(values["X"].Value)} % (line {values["X"].Row.Line}): the scheduling threshold cannot be under the forgiveness threshold");
        }

        return new PathThresholds(values["W"].Value, values["X"].Value, values["Y"].Value, values["Z"].Value);
    }

    /// <summary>path_rights.csv <c>holder,path,mw</c>: mw signed in the path's direction; the path must exist.</summary>
    public static List<PathRight> ReadRights(string file, IReadOnlyList<FlowPath> paths)
    {
        var table = CsvTable.Read(file, InputFiles.PathRights);
        var known = paths.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var rights = new List<PathRight>();
        foreach (var row in table.Rows)
        {
            var path = table.GetString(row, "path");
            if (!known.Contains(path))
            {
                throw table.Error(row, $"path {path} is not in {FlowPathsFile}");
            }

            var holder = table.GetString(row, "holder");
            var mw = table.GetDouble(row, "mw");
            rights.Add(table.Checked(row, () => new PathRight(holder, path, mw)));
        }

        return rights;
    }

    /// <summary>contracts.csv <c>contract,holder,source,sink,mw</c>: source and sink are buses of the network, mw &gt; 0.</summary>
    public static List<PreExistingContract> ReadContracts(string file, Gridclear.Network.Network network)
    {
        var table = CsvTable.Read(file, InputFiles.Contracts);
        var contracts = new List<PreExistingContract>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = table.GetString(row, "contract");
            if (!lineOf.TryAdd(id, row.Line))
            {
                throw table.Error(row, $"contract {id} is given twice (first on line {lineOf[id]})");
            }

            int Bus(string column)
            {
                var bus = table.GetInt(row, column);
                return network.TryGetBusIndex(bus, out _) ? bus : throw table.Error(row, $"column '{column}': bus {bus} is not in the network (unknown or out of service)");
            }

            var source = Bus("source");
            var sink = Bus("sink");
            var holder = table.GetString(row, "holder");
            var mw = table.GetDouble(row, "mw");
            contracts.Add(table.Checked(row, () => new PreExistingContract(id, holder, source, sink, mw)));
        }

        return contracts;
    }
}
