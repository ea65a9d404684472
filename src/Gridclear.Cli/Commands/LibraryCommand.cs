using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Gridclear.Designs.FlowPaths;
using Gridclear.Designs.Px;
using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.IO.Output;
using Gridclear.IO.Px;
using Gridclear.Market;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear library --case N.m [--market DIR] --out DIR</c>: the published shift-factor library (X5, N3) of a
/// network and its monitored elements (README "The published shift-factor library").
/// </summary>
internal static class LibraryCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var casePath = new Option<string>("--case") { Description = "The network: a MATPOWER case file (.m).", Required = true };
        var market = new Option<string?>("--market") { Description = "A market folder: its interfaces.csv, nomograms.csv, contingencies.csv and flowpaths.csv name the elements and contingencies." };
        var outDir = new Option<string>("--out") { Description = "Folder for factors.csv, lodf.csv and library.json.", Required = true };
        var minFactor = new Option<double>("--min-factor")
        {
            Description = "Factors smaller than this in magnitude are not written (read as 0). Default 1e-6.",
            DefaultValueFactory = _ => 1e-6,
        };
        var mode = new Option<string>("--contingency-factors")
        {
            Description = "'full': every post-contingency row written out (default); 'lodf': lodf.csv only, the rows follow from it (large cases).",
            DefaultValueFactory = _ => "full",
        };
        var command = new Command("library", "The published shift-factor library: every bus's factors on every monitored branch, interface, path and nomogram, base case and each contingency, with the topology's version id.");
        command.Options.Add(casePath);
        command.Options.Add(market);
        command.Options.Add(outDir);
        command.Options.Add(minFactor);
        command.Options.Add(mode);
        command.SetAction(parse =>
        {
            var min = parse.GetValue(minFactor);
            if (!(min >= 0) || double.IsInfinity(min))
            {
                throw new InvalidInputException("--min-factor", null, $"{min.ToString(CultureInfo.InvariantCulture)} is not a number ≥ 0");
            }

            var contingencyFactors = parse.GetValue(mode) switch
            {
                "full" => ContingencyFactors.Full,
                "lodf" => ContingencyFactors.Lodf,
                var text => throw new InvalidInputException("--contingency-factors", null, $"'{text}' is not 'full' or 'lodf'"),
            };
            var watch = Stopwatch.StartNew();
            var path = parse.GetValue(casePath)!;
            var powerCase = MatpowerReader.ReadFile(path);
            var network = NetworkCompiler.Compile(powerCase).Network;
            var directory = parse.GetValue(market);
            var input = directory is null ? MarketInput.Empty : MarketFolderReader.ReadIntervals(directory, network, powerCase)[1];
            var pathsFile = directory is null ? null : Path.Combine(directory, FlowPathFiles.FlowPathsFile);
            IReadOnlyList<FlowPath> paths = pathsFile is not null && File.Exists(pathsFile) ? FlowPathFiles.ReadFlowPaths(pathsFile, network, powerCase) : [];
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            using var shiftFactors = new ShiftFactors(network, new KluSolver());
            var security = new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);
            var library = new ShiftFactorLibrary(security, paths);
            var written = LibraryWriter.Write(folder.Path, library, min, contingencyFactors, network.Name);
            folder.Commit();
            var writer = output ?? Console.Out;
            writer.WriteLine($"Shift-factor library {library.Version} of {network.Name}: {library.Elements.Count} element(s) × {network.BusCount} buses, {library.SecuredContingencies.Count} contingenc(ies) secured");
            writer.WriteLine($"  factors.csv: {written.BaseRows} base-case and {written.ContingencyRows} post-contingency rows ({written.FactorsBytes / 1e6:0.0} MB); lodf.csv: {written.LodfRows} rows; {watch.Elapsed.TotalSeconds:0.00} s");
            foreach (var note in library.Notes)
            {
                writer.WriteLine($"note: {note}");
            }

            return CommandRunner.Success;
        });
        return command;
    }
}
