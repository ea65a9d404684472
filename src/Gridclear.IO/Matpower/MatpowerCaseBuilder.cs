using System.Globalization;
using Gridclear.Network;

namespace Gridclear.IO.Matpower;

/// <summary>
/// Turns the matrices of a scanned case file into a <see cref="PowerCase"/>, checking what a DC market
/// model relies on and naming the line of each problem. Column meanings follow MATPOWER's caseformat
/// (version 2); columns beyond the ones read are ignored, as MATPOWER itself does for result columns.
/// </summary>
internal sealed class MatpowerCaseBuilder
{
    private static readonly string[] BusColumns =
        ["BUS_I", "BUS_TYPE", "PD", "QD", "GS", "BS", "BUS_AREA", "VM", "VA", "BASE_KV", "ZONE", "VMAX", "VMIN"];

    private static readonly string[] GenColumns =
        ["GEN_BUS", "PG", "QG", "QMAX", "QMIN", "VG", "MBASE", "GEN_STATUS", "PMAX", "PMIN"];

    private static readonly string[] BranchColumns =
        ["F_BUS", "T_BUS", "BR_R", "BR_X", "BR_B", "RATE_A", "RATE_B", "RATE_C", "TAP", "SHIFT", "BR_STATUS", "ANGMIN", "ANGMAX"];

    private static readonly string[] GenCostColumns = ["MODEL", "STARTUP", "SHUTDOWN", "NCOST"];

    private readonly MatpowerFile _file;
    private readonly string _source;

    private MatpowerCaseBuilder(MatpowerFile file, string source)
    {
        _file = file;
        _source = source;
    }

    public static PowerCase Build(MatpowerFile file, string source) => new MatpowerCaseBuilder(file, source).Build();

    private PowerCase Build()
    {
        var bus = Required("bus");
        var gen = Required("gen");
        var branch = Required("branch");
        _file.Matrices.TryGetValue("gencost", out var gencost);

        CheckVersion(gen, branch);
        var baseMva = _file.BaseMva ?? throw Error(null, "no mpc.baseMVA (the system MVA base, usually 100)");
        if (!double.IsFinite(baseMva) || baseMva <= 0)
        {
            throw Error(_file.BaseMvaLine, $"mpc.baseMVA is {Show(baseMva)}; it must be a positive number (usually 100)");
        }

        var buses = ReadBuses(bus, out var busRowOf);

        // The branches (the largest table: most of the fresh memory a case's records take) on the thread pool while the
        // generators are read here; a problem in the generators is still the one reported when both have one, as a
        // reading in order would.
        var reading = Task.Run(() => ReadBranches(branch, buses, busRowOf));
        CaseGenerator[] generators;
        try
        {
            generators = ReadGenerators(gen, buses, busRowOf);
        }
        catch
        {
            // Observed, not reported: the generators' problem comes first.
            _ = reading.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw;
        }

        var branches = reading.GetAwaiter().GetResult();
        var costs = gencost is null ? [] : ReadGenCosts(gencost, generators.Length);
        var names = ReadBusNames(buses.Length);
        var name = _file.FunctionName ?? StemOf(_source);
        return new PowerCase(name, baseMva, buses, generators, branches, costs, names, _source, _file.SkippedFields.ToArray());
    }

    private MatpowerMatrix Required(string field)
    {
        if (!_file.Matrices.TryGetValue(field, out var m))
        {
            throw Error(null, $"no mpc.{field} matrix: a MATPOWER case needs mpc.bus, mpc.gen and mpc.branch");
        }

        return m;
    }

    /// <summary>
    /// Version 2 is the format read. Version 1 (or no version, which MATPOWER treats as 1) differs only by the
    /// columns version 2 appended, so a file whose gen has exactly 10 columns and branch exactly 11 reads the same.
    /// </summary>
    private void CheckVersion(MatpowerMatrix gen, MatpowerMatrix branch)
    {
        if (_file.Version == "2")
        {
            return;
        }

        var compatible = (gen.Rows == 0 || gen.Columns == 10) && (branch.Rows == 0 || branch.Columns == 11);
        if (_file.Version is null or "1")
        {
            if (compatible)
            {
                return;
            }

            var what = _file.Version is null ? "has no mpc.version (MATPOWER then assumes version 1)" : "is MATPOWER case format version 1";
            throw Error(_file.Version is null ? null : _file.VersionLine,
                $"the case {what} and its gen/branch matrices have more columns than version 1 defines; "
                + "add mpc.version = '2'; if it is version 2, or convert it with MATPOWER's loadcase and savecase");
        }

        throw Error(_file.VersionLine, $"mpc.version is '{_file.Version}'; Gridclear reads MATPOWER case format version '2'");
    }

    private CaseBus[] ReadBuses(MatpowerMatrix m, out Dictionary<int, int> rowOf)
    {
        CheckColumns(m, BusColumns.Length, "BUS_I … VMIN");
        if (m.Rows == 0)
        {
            throw Error(m.StartLine, "mpc.bus has no rows: a case needs at least one bus");
        }

        var buses = new CaseBus[m.Rows];
        rowOf = new Dictionary<int, int>(m.Rows);
        var hasReference = false;
        for (var r = 0; r < m.Rows; r++)
        {
            var id = Integer(m, r, 0, BusColumns);
            if (id <= 0)
            {
                throw Error(m.ValueLine(r, 0), $"bus number (BUS_I, column 1) is {id}; MATPOWER bus numbers are positive integers");
            }

            if (!rowOf.TryAdd(id, r))
            {
                throw Error(m.RowLine(r), $"bus {id} appears twice in mpc.bus (first at line {m.RowLine(rowOf[id])})");
            }

            var type = Integer(m, r, 1, BusColumns);
            if (type is < 1 or > 4)
            {
                throw Error(m.ValueLine(r, 1), $"bus {id}: BUS_TYPE (column 2) is {type}; it must be 1 (PQ), 2 (PV), 3 (reference) or 4 (isolated)");
            }

            hasReference |= type == CaseBus.Reference;
            buses[r] = new CaseBus(
                id, type, Finite(m, r, 2, BusColumns), Finite(m, r, 3, BusColumns), Finite(m, r, 4, BusColumns), Finite(m, r, 5, BusColumns),
                Integer(m, r, 6, BusColumns), NotNaN(m, r, 7, BusColumns), NotNaN(m, r, 8, BusColumns), NotNaN(m, r, 9, BusColumns),
                Integer(m, r, 10, BusColumns), NotNaN(m, r, 11, BusColumns), NotNaN(m, r, 12, BusColumns), m.RowLine(r));
        }

        if (!hasReference)
        {
            throw Error(m.StartLine, "no reference bus: no bus in mpc.bus has BUS_TYPE 3 (column 2); mark the slack bus with type 3");
        }

        return buses;
    }

    private CaseGenerator[] ReadGenerators(MatpowerMatrix m, CaseBus[] buses, Dictionary<int, int> busRowOf)
    {
        CheckColumns(m, GenColumns.Length, "GEN_BUS … PMIN");
        var generators = new CaseGenerator[m.Rows];
        for (var r = 0; r < m.Rows; r++)
        {
            var bus = Integer(m, r, 0, GenColumns);
            if (!busRowOf.ContainsKey(bus))
            {
                throw Error(m.ValueLine(r, 0), $"generator {r + 1} is at bus {bus}, which is not in mpc.bus");
            }

            var status = Integer(m, r, 7, GenColumns);
            var pmax = Finite(m, r, 8, GenColumns);
            var pmin = Finite(m, r, 9, GenColumns);
            if (status > 0 && pmin > pmax)
            {
                throw Error(m.RowLine(r), $"generator {r + 1} at bus {bus}: PMIN {Show(pmin)} exceeds PMAX {Show(pmax)}");
            }

            generators[r] = new CaseGenerator(
                bus, Finite(m, r, 1, GenColumns), NotNaN(m, r, 2, GenColumns), NotNaN(m, r, 3, GenColumns), NotNaN(m, r, 4, GenColumns),
                NotNaN(m, r, 5, GenColumns), NotNaN(m, r, 6, GenColumns), status, pmax, pmin, m.RowLine(r));
        }

        return generators;
    }

    private CaseBranch[] ReadBranches(MatpowerMatrix m, CaseBus[] buses, Dictionary<int, int> busRowOf)
    {
        CheckColumns(m, 11, "F_BUS … BR_STATUS");
        var branches = new CaseBranch[m.Rows];
        var hasAngles = m.Columns >= 13;
        for (var r = 0; r < m.Rows; r++)
        {
            var from = Integer(m, r, 0, BranchColumns);
            var to = Integer(m, r, 1, BranchColumns);
            if (!busRowOf.TryGetValue(from, out var fromRow) | !busRowOf.TryGetValue(to, out var toRow))
            {
                var (end, column) = busRowOf.ContainsKey(from) ? (to, 1) : (from, 0);
                throw Error(m.ValueLine(r, column), $"branch {r + 1} ({from}–{to}) connects bus {end}, which is not in mpc.bus");
            }

            var x = Finite(m, r, 3, BranchColumns);
            var status = Integer(m, r, 10, BranchColumns);
            if (status > 0 && from == to)
            {
                throw Error(m.RowLine(r), $"branch {r + 1} connects bus {from} to itself; take it out of service (BR_STATUS 0) or fix its buses");
            }

            var live = status > 0
                && buses[fromRow].Type != CaseBus.Isolated
                && buses[toRow].Type != CaseBus.Isolated;
            if (live && x == 0)
            {
                throw Error(m.ValueLine(r, 3), $"branch {r + 1} ({from}–{to}) is in service with zero reactance (BR_X, column 4); "
                    + "a DC model needs X ≠ 0: give it a reactance, or take it out of service (BR_STATUS 0)");
            }

            var rateA = NotNaN(m, r, 5, BranchColumns);
            if (rateA < 0)
            {
                throw Error(m.ValueLine(r, 5), $"branch {r + 1} ({from}–{to}): RATE_A (column 6) is {Show(rateA)}; ratings are ≥ 0 (0 means unlimited)");
            }

            branches[r] = new CaseBranch(
                from, to, Finite(m, r, 2, BranchColumns), x, Finite(m, r, 4, BranchColumns),
                rateA, NotNaN(m, r, 6, BranchColumns), NotNaN(m, r, 7, BranchColumns), Finite(m, r, 8, BranchColumns),
                Finite(m, r, 9, BranchColumns), status,
                hasAngles ? NotNaN(m, r, 11, BranchColumns) : -360,
                hasAngles ? NotNaN(m, r, 12, BranchColumns) : 360,
                m.RowLine(r));
        }

        return branches;
    }

    /// <summary>One row per generator; a second block of ng rows (reactive costs) is checked and dropped.</summary>
    private CaseGenCost[] ReadGenCosts(MatpowerMatrix m, int generatorCount)
    {
        if (m.Rows != generatorCount && m.Rows != 2 * generatorCount)
        {
            throw Error(m.StartLine, $"mpc.gencost has {m.Rows} rows but mpc.gen has {generatorCount} generators; "
                + $"it needs one row per generator ({generatorCount}, or {2 * generatorCount} with reactive costs)");
        }

        if (m.Rows > 0)
        {
            CheckColumns(m, GenCostColumns.Length, "MODEL STARTUP SHUTDOWN NCOST");
        }

        var costs = new CaseGenCost[generatorCount];
        for (var r = 0; r < m.Rows; r++)
        {
            var modelNumber = Integer(m, r, 0, GenCostColumns);
            if (modelNumber is not (1 or 2))
            {
                throw Error(m.ValueLine(r, 0), $"gencost row {r + 1}: MODEL (column 1) is {modelNumber}; MATPOWER knows 1 (piecewise linear) and 2 (polynomial)");
            }

            var model = (CostModel)modelNumber;
            var startup = Finite(m, r, 1, GenCostColumns);
            var shutdown = Finite(m, r, 2, GenCostColumns);
            var n = Integer(m, r, 3, GenCostColumns);
            var least = model == CostModel.PiecewiseLinear ? 2 : 1;
            if (n < least)
            {
                throw Error(m.ValueLine(r, 3), $"gencost row {r + 1}: NCOST (column 4) is {n}; a "
                    + (model == CostModel.PiecewiseLinear ? "piecewise-linear cost needs at least 2 points" : "polynomial cost needs at least 1 coefficient"));
            }

            var count = model == CostModel.PiecewiseLinear ? 2L * n : n;
            if (4 + count > m.Columns)
            {
                throw Error(m.RowLine(r), $"gencost row {r + 1}: NCOST {n} needs {count} "
                    + (model == CostModel.PiecewiseLinear ? "numbers (x1 y1 … xn yn)" : "coefficients")
                    + $" after the first 4 columns, but the row has only {m.Columns - 4}");
            }

            var parameters = new double[count];
            for (var k = 0; k < count; k++)
            {
                var v = m[r, 4 + k];
                if (!double.IsFinite(v))
                {
                    throw Error(m.ValueLine(r, 4 + k), $"gencost row {r + 1}: cost parameter {k + 1} (column {5 + k}) is {Show(v)}; a finite number is required");
                }

                if (model == CostModel.PiecewiseLinear && k % 2 == 0 && k > 0 && v < parameters[k - 2])
                {
                    throw Error(m.ValueLine(r, 4 + k), $"gencost row {r + 1}: piecewise-linear point x{(k / 2) + 1} = {Show(v)} is less than "
                        + $"x{k / 2} = {Show(parameters[k - 2])}; the MW points must not decrease");
                }

                parameters[k] = v;
            }

            if (r < generatorCount)
            {
                costs[r] = new CaseGenCost(model, startup, shutdown, parameters, m.RowLine(r));
            }
        }

        return costs;
    }

    private string[]? ReadBusNames(int busCount)
    {
        if (_file.BusNames is not { } rows)
        {
            return null;
        }

        if (rows.Count != busCount)
        {
            throw Error(_file.BusNamesLine, $"mpc.bus_name has {rows.Count} names but mpc.bus has {busCount} buses");
        }

        var names = new string[busCount];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Count != 1 || !row[0].Quoted)
            {
                throw Error(row[0].Line, $"mpc.bus_name entry {i + 1} must be one quoted name like 'Bus 1', found {row.Count} value(s)"
                    + (row[0].Quoted ? string.Empty : $" starting with '{row[0].Text}'"));
            }

            names[i] = row[0].Text;
        }

        return names;
    }

    private void CheckColumns(MatpowerMatrix m, int needed, string names)
    {
        if (m.Rows > 0 && m.Columns < needed)
        {
            throw Error(m.RowLine(0), $"mpc.{m.Field} has {m.Columns} columns; it needs at least {needed} ({names})");
        }
    }

    private int Integer(MatpowerMatrix m, int r, int c, string[] names)
    {
        var v = m[r, c];
        if (double.IsNaN(v) || double.IsInfinity(v) || v != Math.Floor(v) || Math.Abs(v) > int.MaxValue)
        {
            throw Error(m.ValueLine(r, c), $"{m.Field} row {r + 1}: {names[c]} (column {c + 1}) is {Show(v)}; it must be a whole number");
        }

        return (int)v;
    }

    private double Finite(MatpowerMatrix m, int r, int c, string[] names)
    {
        var v = m[r, c];
        if (!double.IsFinite(v))
        {
            throw Error(m.ValueLine(r, c), $"{m.Field} row {r + 1}: {names[c]} (column {c + 1}) is {Show(v)}; a finite number is required");
        }

        return v;
    }

    /// <summary>Columns where MATPOWER allows ±Inf (limits, ratings) but NaN is still an error.</summary>
    private double NotNaN(MatpowerMatrix m, int r, int c, string[] names)
    {
        var v = m[r, c];
        if (double.IsNaN(v))
        {
            throw Error(m.ValueLine(r, c), $"{m.Field} row {r + 1}: {names[c]} (column {c + 1}) is NaN; a number is required");
        }

        return v;
    }

    private InvalidInputException Error(int? line, string problem) => new(_source, line, problem);

    private static string Show(double v) => v switch
    {
        double.PositiveInfinity => "Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(v) => "NaN",
        _ => v.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string StemOf(string source)
    {
        var stem = Path.GetFileNameWithoutExtension(source);
        return string.IsNullOrEmpty(stem) ? source : stem;
    }
}
