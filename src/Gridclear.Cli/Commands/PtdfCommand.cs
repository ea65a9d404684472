using System.CommandLine;
using System.Globalization;
using Gridclear.Flows;
using Gridclear.Designs.FlowPaths;
using Gridclear.IO.Flows;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.IO.Output;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear ptdf --case X.m [--branch FROM-TO …] [--reference BUS|load] --out FILE</c>: shift factors
/// (<c>branch,from_bus,to_bus,bus,factor</c>) of the requested branches for every bus; by default every limited
/// branch. The reference is the case's type-3 bus unless <c>--reference</c> names a bus, or <c>load</c> for a
/// load-weighted distributed reference.
/// </summary>
internal static class PtdfCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var caseOption = new Option<string>("--case") { Description = "The MATPOWER case file (.m).", Required = true };
        var branchOption = new Option<string[]>("--branch")
        {
            Description = "A branch by its end buses, FROM-TO (every parallel circuit between them); repeatable. Default: all limited branches.",
            AllowMultipleArgumentsPerToken = true,
        };
        var referenceOption = new Option<string>("--reference") { Description = "Reference: a bus number, or 'load' for load-weighted. Default: the case's reference bus." };
        var pathsOption = new Option<string?>("--paths") { Description = "A flowpaths.csv (path,from_bus,to_bus,weight,rating): write the flow distribution factors path,bus,factor of its paths instead of branch rows." };
        var outOption = new Option<string>("--out") { Description = "The CSV file to write.", Required = true };
        var command = new Command("ptdf", "Shift factors (PTDF): MW flow on a branch per MW injected at a bus and withdrawn at the reference.");
        command.Options.Add(caseOption);
        command.Options.Add(branchOption);
        command.Options.Add(referenceOption);
        command.Options.Add(pathsOption);
        command.Options.Add(outOption);
        command.SetAction(parse =>
        {
            var casePath = parse.GetValue(caseOption)!;
            using var file = OutputFile.Open(parse.GetValue(outOption)!);
            var powerCase = MatpowerReader.ReadFile(casePath);
            var compiled = NetworkCompiler.Compile(powerCase);
            var network = compiled.Network;
            var slack = Slack(network, parse.GetValue(referenceOption));
            if (parse.GetValue(pathsOption) is { } pathsFile)
            {
                if (parse.GetValue(branchOption) is { Length: > 0 })
                {
                    throw new InvalidInputException("--paths", null, "give either --paths or --branch, not both");
                }

                var paths = FlowPathFiles.ReadFlowPaths(pathsFile, network, powerCase);
                using var pathShiftFactors = new ShiftFactors(network, new KluSolver(), slack);
                var factors = new FlowDistributionFactors(pathShiftFactors, paths);
                using (var writer = new StreamWriter(file.Path))
                {
                    FlowCsvWriter.WritePathFactors(writer, factors);
                }

                file.Commit();
                (output ?? Console.Out).WriteLine($"{network.Name}: flow distribution factors of {paths.Count} path(s) × {network.BusCount} buses, reference {Describe(network, slack)}");
                return CommandRunner.Success;
            }

            var branches = Branches(network, parse.GetValue(branchOption) ?? []);

            using var shiftFactors = new ShiftFactors(network, new KluSolver(), slack);
            shiftFactors.PrecomputeRows(branches);
            using (var writer = new StreamWriter(file.Path))
            {
                FlowCsvWriter.WriteShiftFactors(writer, shiftFactors, branches);
            }

            file.Commit();

            (output ?? Console.Out).WriteLine($"{network.Name}: shift factors of {branches.Count} branch(es) × {network.BusCount} buses, reference {Describe(network, slack)}");
            return CommandRunner.Success;
        });
        return command;
    }

    private static SlackDistribution Slack(Network.Network network, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return SlackDistribution.Reference(network);
        }

        if (string.Equals(reference, "load", StringComparison.OrdinalIgnoreCase))
        {
            return SlackDistribution.LoadWeighted(network);
        }

        if (int.TryParse(reference, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bus) && network.TryGetBusIndex(bus, out var index))
        {
            return SlackDistribution.SingleBus(index);
        }

        throw new InvalidInputException("--reference", null, $"'{reference}' is neither a bus of {network.Name} nor 'load'");
    }

    private static List<int> Branches(Network.Network network, IReadOnlyList<string> requested)
    {
        if (requested.Count == 0)
        {
            return Enumerable.Range(0, network.BranchCount).Where(k => network.Branches[k].IsLimited).ToList();
        }

        var result = new List<int>();
        foreach (var text in requested)
        {
            var parts = text.Split('-');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var to))
            {
                throw new InvalidInputException("--branch", null, $"'{text}' is not FROM-TO (two bus numbers)");
            }

            var matches = Enumerable.Range(0, network.BranchCount).Where(k =>
            {
                var br = network.Branches[k];
                var f = network.BusIds[br.From];
                var t = network.BusIds[br.To];
                return (f == from && t == to) || (f == to && t == from);
            }).ToList();
            if (matches.Count == 0)
            {
                throw new InvalidInputException("--branch", null, $"no in-service branch joins buses {from} and {to}");
            }

            result.AddRange(matches.Where(k => !result.Contains(k)));
        }

        return result;
    }

    private static string Describe(Network.Network network, SlackDistribution slack) =>
        slack.IsSingleBus ? $"bus {network.BusIds[slack.Buses[0]]}" : $"load-weighted over {slack.Buses.Count} buses";
}
