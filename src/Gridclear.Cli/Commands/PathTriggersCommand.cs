using System.CommandLine;
using System.Globalization;
using Gridclear.Designs.FlowPaths;
using Gridclear.IO.Csv;
using Gridclear.IO.Output;
using Gridclear.IO.Results;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear path-triggers --runs DIR… --months M --budget B --path-share S [--out OUT]</c>: the operator's
/// inter-zonal cost triggers (001 D, P9) over the <c>path-rights --prices</c> runs of a period (each DIR holds their
/// path_costs.csv).
/// </summary>
internal static class PathTriggersCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var runs = new Option<string[]>("--runs") { Description = "Output folders of path-rights runs with --prices (their path_costs.csv), the period's runs.", Required = true, AllowMultipleArgumentsPerToken = true };
        var months = new Option<double>("--months") { Description = "M: the months the runs cover.", Required = true };
        var budget = new Option<double>("--budget") { Description = "B: the total-system trigger, $ of inter-zonal cost over the M months.", Required = true };
        var share = new Option<double>("--path-share") { Description = "S: the path-specific trigger, % of the other congested paths' average $/MW (e.g. 200).", Required = true };
        var outDir = new Option<string?>("--out") { Description = "Folder for triggers.csv (trigger,subject,value,threshold,exceeded)." };
        var command = new Command("path-triggers", "Flow-path cost triggers (001 D, P9): the total-system inter-zonal cost against a budget, and each path's $/MW against S % of the others'.");
        command.Options.Add(runs);
        command.Options.Add(months);
        command.Options.Add(budget);
        command.Options.Add(share);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            var m = parse.GetValue(months);
            var b = parse.GetValue(budget);
            var s = parse.GetValue(share);
            if (!(m > 0))
            {
                throw new InvalidInputException("--months", null, "must be > 0");
            }

            if (!(b >= 0))
            {
                throw new InvalidInputException("--budget", null, "must be ≥ 0");
            }

            if (!(s > 0))
            {
                throw new InvalidInputException("--path-share", null, "must be > 0 (percent)");
            }

            using var folder = parse.GetValue(outDir) is { } o ? OutputFolder.Open(o) : null;
            var costs = new OrderedDictionary<string, (double Rating, double Cost)>(StringComparer.Ordinal);
            foreach (var dir in parse.GetValue(runs) ?? [])
            {
                var file = Path.Combine(dir, "path_costs.csv");
                if (!File.Exists(file))
                {
                    throw new InvalidInputException(file, null, "no path_costs.csv: each --runs folder must be the output of ./gridclear path-rights --prices");
                }

                var table = CsvTable.Read(file, ["path", "rating", "cost"], ["shadow_price", "direction", "uncovered_flow_mw"]);
                foreach (var row in table.Rows)
                {
                    var path = table.GetString(row, "path");
                    var rating = table.GetDouble(row, "rating");
                    var cost = table.GetDouble(row, "cost");
                    if (costs.TryGetValue(path, out var before))
                    {
                        if (before.Rating != rating)
                        {
                            throw table.Error(row, $"path {path} has rating {rating.ToString(CultureInfo.InvariantCulture)} here but {before.Rating.ToString(CultureInfo.InvariantCulture)} in an earlier run: per-MW costs need one rating");
                        }

                        costs[path] = (rating, before.Cost + cost);
                    }
                    else
                    {
                        costs.Add(path, (rating, cost));
                    }
                }
            }

            var report = CostTriggers.Evaluate(costs.Select(c => (c.Key, c.Value.Rating, c.Value.Cost)).ToList(), costs.Sum(c => c.Value.Cost), m, b, s);
            var lines = new List<string>
            {
                $"total_system,inter_zonal_cost_{CsvText.Number(m)}_months,{CsvText.Number(report.TotalCost)},{CsvText.Number(b)},{(report.TotalExceeded ? "true" : "false")}",
            };
            lines.AddRange(report.Paths.Select(p => $"path,{CsvText.Text(p.Path)},{CsvText.Number(p.CostPerMw)},{(p.ThresholdPerMw is { } t ? CsvText.Number(t) : string.Empty)},{(p.Exceeded ? "true" : "false")}"));
            if (folder is not null)
            {
                CsvText.WriteFile(Path.Combine(folder.Path, "triggers.csv"), "trigger,subject,value,threshold,exceeded", lines);
                folder.Commit();
            }

            var w = output ?? Console.Out;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total-system trigger: inter-zonal cost {report.TotalCost:N2} $ over {m} months against {b:N2} $: {(report.TotalExceeded ? "EXCEEDED" : "not exceeded")}"));
            foreach (var p in report.Paths)
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"path {p.Path}: {p.CostPerMw:N4} $/MW (cost {p.Cost:N2} $, rating {p.Rating} MW); {s}% of the others' average {(p.ThresholdPerMw is { } t ? t.ToString("N4", CultureInfo.InvariantCulture) + " $/MW" : "(no other congested path)")}: {(p.Exceeded ? "EXCEEDED" : "not exceeded")}"));
            }

            return CommandRunner.Success;
        });
        return command;
    }
}
