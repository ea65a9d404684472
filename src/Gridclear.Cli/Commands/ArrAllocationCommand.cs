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
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Cli.Commands;

/// <summary><c>./gridclear arr-allocation --case NETWORK.m [--market DIR] --requests FILE --out OUT</c>: allocates
/// auction revenue rights up to simultaneous feasibility, by priority tier, pro rata within a tier (F5).</summary>
internal static class ArrAllocationCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var casePath = new Option<string>("--case") { Description = "The network: a MATPOWER case file (.m), the same as the auctions'.", Required = true };
        var market = new Option<string?>("--market") { Description = "A market folder: hubs, zones, interfaces, nomograms, contingencies, outstanding ftrs.csv (held while allocating)." };
        var requests = new Option<string>("--requests") { Description = "ARR requests: holder,source,sink,mw,priority[,request] (priority 1 allocated first).", Required = true };
        var release = new Option<double>("--release") { Description = "Share of transfer capability allocated, in (0, 1].", DefaultValueFactory = _ => 1.0 };
        var termStart = new Option<string?>("--term-start") { Description = "First day (yyyy-mm-dd) of the period allocated: only outstanding FTRs in force during it are held. With --term-end." };
        var termEnd = new Option<string?>("--term-end") { Description = "Last day (yyyy-mm-dd) of the period allocated. With --term-start." };
        var outDir = new Option<string>("--out") { Description = "Folder for arrs.csv (ftr-auction --arrs), allocation.csv, summary.json.", Required = true };
        var command = new Command("arr-allocation", "Allocate auction revenue rights: requests awarded up to simultaneous feasibility (base case, contingencies, interfaces, nomograms), priority tiers in order, pro rata within a tier.");
        foreach (var option in new Option[] { casePath, market, requests, release, termStart, termEnd, outDir })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var share = parse.GetValue(release);
            if (!(share > 0 && share <= 1))
            {
                throw new InvalidInputException("--release", null, $"{share.ToString(CultureInfo.InvariantCulture)} is not in (0, 1]");
            }

            var period = FtrAuctionCommand.Period(parse.GetValue(termStart), parse.GetValue(termEnd));
            var marketDirectory = parse.GetValue(market);
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var network = NetworkCompiler.Compile(MatpowerReader.ReadFile(parse.GetValue(casePath)!)).Network;
            var input = marketDirectory is null ? MarketInput.Empty : MarketFolderReader.Read(marketDirectory, network);
            var resolver = FtrFileReader.Resolver(network, input);
            var ftrsPath = marketDirectory is null ? null : Path.Combine(marketDirectory, FtrFileReader.FtrsFile);
            IReadOnlyList<OutstandingFtr> outstanding = ftrsPath is not null && FileKinds.Of(ftrsPath) != FileKind.Missing ? FtrFileReader.ReadOutstanding(ftrsPath, resolver) : [];
            if (period is not null)
            {
                outstanding = [.. outstanding.Where(f => f.InForceDuring(period))];
            }

            var list = FtrFileReader.ReadArrRequests(parse.GetValue(requests)!, resolver);

            using var shiftFactors = new ShiftFactors(network, new KluSolver());
            var constraints = new SecurityFtrConstraints(new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies));
            var infeasible = SimultaneousFeasibility.Check(constraints, outstanding, share, FtrAuctionOptions.Default.ToleranceMw);
            if (infeasible.Count > 0)
            {
                var name = constraints.Describe(infeasible[0].Constraint);
                throw new InvalidInputException(
                    ftrsPath ?? FtrFileReader.FtrsFile,
                    null,
                    $"the outstanding FTRs are not simultaneously feasible: {infeasible.Count} constraint(s) overloaded; worst {name.Kind} {name.Name}" +
                    (name.Contingency.Length > 0 ? $" under contingency {name.Contingency}" : string.Empty));
            }

            var result = ArrAllocation.Allocate(constraints, list, outstanding, share);
            ArrAllocationWriter.Write(folder.Path, result, new Dictionary<string, object?>
            {
                ["release_share"] = share,
                ["outstanding_ftrs"] = outstanding.Count,
                ["notes"] = resolver.Warnings,
            });
            folder.Commit();
            var writer = output ?? Console.Out;
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"arr-allocation: {list.Count} requests, {result.Awards.Sum(a => a.Request.Mw):F3} MW requested, {result.Awards.Sum(a => a.AwardedMw):F3} MW awarded ({result.Awards.Count(a => a.Fraction >= 1)} in full)"));
            foreach (var t in result.Tiers)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  priority {t.Priority}: {t.Requests} requests, {t.AwardedMw:F3} of {t.RequestedMw:F3} MW, uniform fraction {t.UniformFraction:F6}"));
            }

            foreach (var note in resolver.Warnings)
            {
                writer.WriteLine($"note: {note}");
            }

            return CommandRunner.Success;
        });
        return command;
    }
}
