using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Gridclear.Flows;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Spectre.Console;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear bench --case X …</c>: times the stages of the network and the day-ahead market in one process
/// (parse, compile, factorise, PTDF rows, clear), best of several repetitions after a warm-up, so the figures
/// in BENCHMARKS.md can be reproduced. Whole-process times are measured outside with /usr/bin/time.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var cases = new Option<string[]>("--case") { Description = "Case files to measure (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var repeat = new Option<int>("--repeat") { Description = "Repetitions per stage; the best is reported.", DefaultValueFactory = _ => 3 };
        var rows = new Option<int>("--ptdf-rows") { Description = "PTDF rows to compute (the most heavily rated branches first).", DefaultValueFactory = _ => 500 };
        var markdown = new Option<bool>("--markdown") { Description = "Print a Markdown table for BENCHMARKS.md." };
        var command = new Command("bench", "Measure parse, compile, factorisation, PTDF rows and clearing times on cases.");
        command.Options.Add(cases);
        command.Options.Add(repeat);
        command.Options.Add(rows);
        command.Options.Add(markdown);
        command.SetAction(parse =>
        {
            var times = parse.GetValue(repeat);
            if (times < 1)
            {
                throw new InvalidInputException("--repeat", null, $"{times} repetitions: give at least 1");
            }

            if (parse.GetValue(rows) < 0)
            {
                throw new InvalidInputException("--ptdf-rows", null, $"{parse.GetValue(rows)} rows: give 0 or more");
            }

            var results = parse.GetValue(cases)!.Select(c => Measure(c, times, parse.GetValue(rows))).ToList();
            Print(results, parse.GetValue(markdown), output ?? Console.Out);
            return CommandRunner.Success;
        });
        return command;
    }

    private sealed record Figures(string Case, int Buses, int Branches, double Parse, double Compile, double Factor, int PtdfRows, double Ptdf, double Clear, int Rounds, long PeakMb);

    private static Figures Measure(string path, int repeat, int ptdfRows)
    {
        var powerCase = MatpowerReader.ReadFile(path);
        var compiled = NetworkCompiler.Compile(powerCase);
        var network = compiled.Network;
        var parse = Best(repeat, () => MatpowerReader.ReadFile(path));
        var compile = Best(repeat, () => NetworkCompiler.Compile(powerCase));
        var klu = new KluSolver();
        var factor = Best(repeat, () => new ShiftFactors(network, klu).Dispose());

        // Rows of the branches with the highest ratings are as dense as any: a fair sample.
        var branches = Enumerable.Range(0, network.BranchCount)
            .OrderByDescending(l => network.Branches[l].IsLimited ? network.Branches[l].RatingMw : 0).ThenBy(l => l)
            .Take(ptdfRows).ToList();
        var ptdf = Best(repeat, () =>
        {
            using var sf = new ShiftFactors(network, klu);
            var sw = Stopwatch.StartNew();
            foreach (var l in branches)
            {
                _ = sf.Row(l);
            }

            return sw.Elapsed.TotalSeconds;
        });

        var rounds = 0;
        var clear = Best(repeat, () =>
        {
            using var sf = new ShiftFactors(network, klu);
            var security = new SecurityModel(network, sf, [], [], []);
            var result = DayAheadMarket.Clear(security, MarketInput.Empty, new ClpSolver());
            rounds = result.Rounds;
        });

        using var process = Process.GetCurrentProcess();
        return new Figures(Path.GetFileNameWithoutExtension(path), network.BusCount, network.BranchCount, parse, compile, factor, branches.Count, ptdf, clear, rounds, process.PeakWorkingSet64 / (1024 * 1024));
    }

    private static double Best(int repeat, Action action) => Best(repeat, () =>
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    });

    /// <summary>One warm-up (JIT, caches), then the best of <paramref name="repeat"/> runs.</summary>
    private static double Best(int repeat, Func<double> timed)
    {
        timed();
        var best = double.PositiveInfinity;
        for (var i = 0; i < repeat; i++)
        {
            best = Math.Min(best, timed());
        }

        return best;
    }

    private static void Print(List<Figures> results, bool markdown, TextWriter writer)
    {
        string[] header = ["case", "buses", "branches", "parse s", "compile s", "factor s", "PTDF rows", "PTDF s", "ms/row", "clear s", "rounds", "peak MB"];
        var rows = results.Select(f => new[]
        {
            f.Case, N(f.Buses), N(f.Branches), S(f.Parse), S(f.Compile), S(f.Factor), N(f.PtdfRows), S(f.Ptdf),
            (1000 * f.Ptdf / Math.Max(1, f.PtdfRows)).ToString("0.000", CultureInfo.InvariantCulture), S(f.Clear), N(f.Rounds), N((int)f.PeakMb),
        }).ToList();
        if (markdown)
        {
            writer.WriteLine("| " + string.Join(" | ", header) + " |");
            writer.WriteLine("|" + string.Concat(header.Select(_ => "---|")));
            foreach (var r in rows)
            {
                writer.WriteLine("| " + string.Join(" | ", r) + " |");
            }

            return;
        }

        var table = new Table().Title("In-process timings (best of repeats, after a warm-up)");
        foreach (var h in header)
        {
            table.AddColumn(h);
        }

        foreach (var r in rows)
        {
            table.AddRow(r.Select(Markup.Escape).ToArray());
        }

        Consoles.For(writer).Write(table);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string S(double seconds) => seconds.ToString("0.0000", CultureInfo.InvariantCulture);
}
