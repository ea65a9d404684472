using System.CommandLine;
using Gridclear.Flows;
using Gridclear.IO.Flows;
using Gridclear.IO.Matpower;
using Gridclear.IO.Output;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear dcpf --case X.m --out DIR</c>: MATPOWER's DC power flow (generators at PG, loads at PD + GS, the
/// reference bus balancing); writes <c>flows.csv</c> (<c>branch,from_bus,to_bus,flow</c>) and <c>angles.csv</c>.
/// </summary>
internal static class DcpfCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var caseOption = new Option<string>("--case") { Description = "The MATPOWER case file (.m).", Required = true };
        var outOption = new Option<string>("--out") { Description = "Folder for flows.csv and angles.csv (created if absent).", Required = true };
        var command = new Command("dcpf", "DC power flow of a MATPOWER case: branch flows (MW) and bus angles (degrees).");
        command.Options.Add(caseOption);
        command.Options.Add(outOption);
        command.SetAction(parse =>
        {
            using var folder = OutputFolder.Open(parse.GetValue(outOption)!);
            var compiled = NetworkCompiler.Compile(MatpowerReader.ReadFile(parse.GetValue(caseOption)!));
            var network = compiled.Network;
            var result = DcPowerFlow.Solve(network, new KluSolver(), compiled.ReferenceAngleDeg);

            var dir = folder.Path;
            using (var flows = new StreamWriter(Path.Combine(dir, "flows.csv")))
            {
                FlowCsvWriter.WriteFlows(flows, network, result.BranchFlowMw);
            }

            using (var angles = new StreamWriter(Path.Combine(dir, "angles.csv")))
            {
                FlowCsvWriter.WriteAngles(angles, network, result.BusAngleDeg);
            }

            folder.Commit();

            var writer = output ?? Console.Out;
            foreach (var note in compiled.Notes)
            {
                writer.WriteLine($"note: {note}");
            }

            writer.WriteLine($"{network.Name}: {network.BusCount} buses, {network.BranchCount} branches; reference bus {network.BusIds[network.ReferenceBus]} generates {result.ReferenceGenerationMw:F3} MW");
            return CommandRunner.Success;
        });
        return command;
    }
}
