using System.CommandLine;
using Gridclear.Designs.Comparison;
using Gridclear.IO.Comparison;
using Gridclear.IO.Output;

namespace Gridclear.Cli.Commands;

/// <summary>
/// <c>./gridclear merge --out OUT SHARD…</c>: combines the partial results of <c>compare --shard i/n</c> into the
/// comparison an unsharded run writes, byte for byte. The shards may be given in any order; each of 1..n exactly once,
/// all of the same comparison (the same case, market folder and options).
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter? output = null)
    {
        var shards = new Argument<string[]>("SHARD") { Description = "The output folders of 'compare --shard i/n', one per shard.", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "Folder for the merged comparison.", Required = true };
        var command = new Command("merge", "Combine the shards of a design comparison ('compare --shard i/n') into the whole comparison.");
        command.Arguments.Add(shards);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            var writer = output ?? Console.Out;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var folder = OutputFolder.Open(parse.GetValue(outDir)!);
            var read = parse.GetValue(shards)!.Select(dir => (Dir: dir, Shard: ComparisonFiles.ReadShard(dir))).ToList();
            var first = read[0];
            var n = first.Shard.Header.Count;
            foreach (var (dir, shard) in read)
            {
                if (shard.Header.Fingerprint != first.Shard.Header.Fingerprint || shard.Header.Count != n)
                {
                    throw new InvalidInputException(dir, null, $"this shard belongs to another comparison than {first.Dir} (a different case, market folder, options or shard count)");
                }
            }

            var indexes = read.Select(r => r.Shard.Header.Index).ToList();
            var repeated = indexes.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                throw new InvalidInputException(read.Last(r => r.Shard.Header.Index == repeated.Key).Dir, null, $"shard {repeated.Key}/{n} is given twice");
            }

            var missing = Enumerable.Range(1, n).Except(indexes).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidInputException("SHARD", null, $"shard(s) {string.Join(", ", missing.Select(i => $"{i}/{n}"))} missing: give all {n}");
            }

            // Merge in shard order (the result does not depend on it: the sums are exact).
            var ordered = read.OrderBy(r => r.Shard.Header.Index).ToList();
            var tally = new ComparisonTally(first.Shard.Header.Designs, first.Shard.Header.IntervalCount);
            foreach (var (dir, shard) in ordered)
            {
                try
                {
                    tally.Merge(shard.Tally);
                }
                catch (ArgumentException e)
                {
                    throw new InvalidInputException(dir, null, e.Message, e);
                }
            }

            var result = tally.Complete();
            var notes = ordered.SelectMany(r => r.Shard.Notes).OrderBy(x => x.Interval).ToList();
            var (about, map) = ShardExtras.Read(ordered[0].Dir);
            CompareCommand.WriteResult(folder.Path, result, notes, about, map);
            folder.Commit();
            CompareCommand.Print(result, writer, watch.Elapsed.TotalSeconds);
            return CommandRunner.Success;
        });
        return command;
    }
}
