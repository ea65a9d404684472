using System.CommandLine;
using System.Globalization;
using Gridclear.Flows;
using Gridclear.Ftr;
using Gridclear.IO.Files;
using Gridclear.IO.Ftr;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.IO.Output;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Cli.Commands;

/// <summary><c>./gridclear ftr-expansion --case BEFORE.m --expanded AFTER.m [--market DIR] --requests FILE --out OUT</c>:
/// FTRs awarded for the capability a transmission expansion adds (F6).</summary>
internal static class FtrExpansionCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var before = new Option<string>("--case") { Description = "The network before the expansion (.m).", Required = true };
        var after = new Option<string>("--expanded") { Description = "The network with the expansion (.m): the same buses, new or uprated branches.", Required = true };
        var market = new Option<string?>("--market") { Description = "A market folder: hubs, zones, interfaces, nomograms, contingencies, outstanding ftrs.csv." };
        var requests = new Option<string>("--requests") { Description = "Requests: request,holder,source,sink,mw[,kind] (kind obligation|option, default obligation).", Required = true };
        var outDir = new Option<string>("--out") { Description = "Folder for awards.csv (ftrs.csv format), expansion.csv, summary.json.", Required = true };
        var command = new Command("ftr-expansion", "Award FTRs for a transmission expansion: the MW the expanded network supports on the requested paths beyond every outstanding FTR and beyond what the old network already supported (the increment only).");
        command.Options.Add(before);
        command.Options.Add(after);
        command.Options.Add(market);
        command.Options.Add(requests);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            var marketDirectory = parse.GetValue(market);
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var oldNetwork = NetworkCompiler.Compile(MatpowerReader.ReadFile(parse.GetValue(before)!)).Network;
            var newNetwork = NetworkCompiler.Compile(MatpowerReader.ReadFile(parse.GetValue(after)!)).Network;
            if (!oldNetwork.BusIds.SequenceEqual(newNetwork.BusIds))
            {
                throw new InvalidInputException(parse.GetValue(after)!, null, "the expanded case must have the same buses, in the same order, as --case");
            }

            var oldInput = marketDirectory is null ? MarketInput.Empty : MarketFolderReader.Read(marketDirectory, oldNetwork);
            var newInput = marketDirectory is null ? MarketInput.Empty : MarketFolderReader.Read(marketDirectory, newNetwork);
            var resolver = FtrFileReader.Resolver(newNetwork, newInput);
            var ftrsPath = marketDirectory is null ? null : Path.Combine(marketDirectory, FtrFileReader.FtrsFile);
            IReadOnlyList<OutstandingFtr> outstanding = ftrsPath is not null && FileKinds.Of(ftrsPath) != FileKind.Missing ? FtrFileReader.ReadOutstanding(ftrsPath, resolver) : [];
            var list = FtrFileReader.ReadExpansionRequests(parse.GetValue(requests)!, resolver);

            using var oldShift = new ShiftFactors(oldNetwork, new KluSolver());
            using var newShift = new ShiftFactors(newNetwork, new KluSolver());
            var oldConstraints = new SecurityFtrConstraints(new SecurityModel(oldNetwork, oldShift, oldInput.Interfaces, oldInput.Nomograms, oldInput.Contingencies));
            var newConstraints = new SecurityFtrConstraints(new SecurityModel(newNetwork, newShift, newInput.Interfaces, newInput.Nomograms, newInput.Contingencies));
            var infeasible = SimultaneousFeasibility.Check(newConstraints, outstanding, 1.0, FtrAuctionOptions.Default.ToleranceMw);
            if (infeasible.Count > 0)
            {
                var name = newConstraints.Describe(infeasible[0].Constraint);
                throw new InvalidInputException(
                    ftrsPath ?? FtrFileReader.FtrsFile,
                    null,
                    $"the outstanding FTRs are not simultaneously feasible on the expanded network: {infeasible.Count} constraint(s) overloaded; worst {name.Kind} {name.Name}" +
                    (name.Contingency.Length > 0 ? $" under contingency {name.Contingency}" : string.Empty));
            }

            var result = FtrExpansion.Award(oldConstraints, newConstraints, list, outstanding, new ClpSolver());
            FtrExpansionWriter.Write(folder.Path, result);
            folder.Commit();
            (output ?? Console.Out).WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"ftr-expansion: {list.Count} requests, {result.ExpandedMw:F3} MW feasible on the expanded network, {result.BeforeMw:F3} MW before, {result.IncrementalMw:F3} MW incremental; {result.AwardedMw:F3} MW awarded"));
            return CommandRunner.Success;
        });
        return command;
    }
}
