using System.Security.Cryptography;
using System.Text;
using Gridclear.IO.Output;
using Gridclear.Tests.Market;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Robustness;

/// <summary>
/// Issue 11 "What it must show": seeded random single-line mutations of the example market and truncations of case
/// files, run in-process through the command line's runner. Every run exits 0 or 2, never prints a stack trace or an
/// exception's type, and leaves the output folder either as it was (a failed run) or holding exactly one complete
/// run's files (a successful one), with no staging folder left beside it.
/// </summary>
public sealed class CliFuzzTests : IDisposable
{
    /// <summary>Values a hand-edited or hostile file might hold.</summary>
    private static readonly string[] Tokens =
    [
        "", "0", "-1", "1", "2.5", "-0", "1e308", "-1e308", "1e30", "1e24", "1e7", "1e-300", "NaN", "Infinity", "abc", "=1+2",
        "@SUM(A1)", "-x", "\u001b[31m", "\"", "\"unclosed", "a,b", "99999", "-99999", "G10", "L1", "WEST_HUB", "hub:EAST_HUB", "zone:West",
        "true", "false", "inc", "dec", "generator", "load", "nodal", "zonal", "obligation", "option", "flow:15-33", "inj:10", "2147483648", "1",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    [Fact]
    public void Random_single_line_mutations_of_the_example_market_exit_0_or_2_and_write_whole_folders()
    {
        var market = Path.Combine(_dir, "market");
        Directory.CreateDirectory(market);
        var originals = Directory.GetFiles(ExampleMarket.Folder, "*.csv").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        foreach (var (name, text) in originals)
        {
            File.WriteAllText(Path.Combine(market, name), text);
        }

        var random = new Random(20261202);
        var failures = new List<string>();
        int cleared = 0, refused = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var file = originals.Keys.ElementAt(random.Next(originals.Count));
            var (text, what) = Mutate(originals[file], random);
            File.WriteAllText(Path.Combine(market, file), text);
            var outcome = Check($"trial {trial}: {file} {what}", failures, "clear", "--case", ExampleMarket.Case, "--market", market, "--out", Out);
            (outcome ? ref cleared : ref refused)++;
            File.WriteAllText(Path.Combine(market, file), originals[file]);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));

        // Both outcomes happen, or the test proves nothing.
        Assert.True(cleared > 10 && refused > 10, $"{cleared} cleared, {refused} refused");
    }

    [Fact]
    public void Truncated_case_files_exit_0_or_2_and_write_whole_folders()
    {
        var random = new Random(11);
        var failures = new List<string>();
        int cleared = 0, refused = 0;
        foreach (var source in new[] { TestPaths.Case("case5"), TestPaths.Case("case9"), ExampleMarket.Case })
        {
            var text = File.ReadAllText(source);
            for (var trial = 0; trial < 40; trial++)
            {
                var length = trial == 0 ? text.Length : random.Next(text.Length);
                var path = Path.Combine(_dir, "truncated.m");
                File.WriteAllText(path, text[..length]);
                var verb = trial % 4 == 3 ? "dcpf" : "clear";
                var outcome = Check($"{Path.GetFileName(source)} cut at {length} ({verb})", failures, verb, "--case", path, "--out", Out);
                (outcome ? ref cleared : ref refused)++;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.True(cleared >= 3 && refused > 50, $"{cleared} cleared, {refused} refused");
    }

    /// <summary>Runs the command; records a failure when the contract is broken. True when the run succeeded.</summary>
    private bool Check(string what, List<string> failures, params string[] args)
    {
        var before = Snapshot(Out);
        var (code, output, error) = InProcessCli.Run(args);
        var after = Snapshot(Out);
        var text = output + error;
        if (code is not (0 or 2))
        {
            failures.Add($"{what}: exit {code}: {error.Trim()}");
        }
        else if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
        {
            failures.Add($"{what}: a stack trace or exception was printed: {error.Trim()}");
        }
        else if (code == 2 && (!after.SequenceEqual(before) || !error.StartsWith("gridclear: ", StringComparison.Ordinal)))
        {
            failures.Add($"{what}: exit 2 changed the output folder or printed no message: {error.Trim()}");
        }
        else if (code == 0 && !IsWhole(Out, args[0]))
        {
            failures.Add($"{what}: exit 0 left an incomplete folder: {string.Join(",", Directory.GetFiles(Out).Select(Path.GetFileName))}");
        }

        if (Directory.GetFileSystemEntries(_dir).Any(e => Path.GetFileName(e).Contains(".gridclear-", StringComparison.Ordinal)))
        {
            failures.Add($"{what}: a staging folder or temporary file was left beside --out");
        }

        return code == 0;
    }

    /// <summary>The folder holds one whole run: the marker and every file the verb always writes, each complete.</summary>
    private static bool IsWhole(string dir, string verb)
    {
        string[] always = verb == "dcpf" ? ["flows.csv", "angles.csv"] : ["lmp.csv", "dispatch.csv", "constraints.csv", "summary.json"];
        return File.Exists(Path.Combine(dir, OutputFolder.MarkerFile))
            && always.All(f => File.Exists(Path.Combine(dir, f)) && File.ReadAllText(Path.Combine(dir, f)).EndsWith('\n'));
    }

    private static List<string> Snapshot(string dir) =>
        !Directory.Exists(dir)
            ? []
            : [.. Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f) + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))];

    /// <summary>One random change to one line: delete, duplicate, cut, replace a field, swap two fields, or insert a line.</summary>
    private static (string Text, string What) Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var i = random.Next(lines.Count);
        var fields = lines[i].Split(',');
        string what;
        switch (random.Next(6))
        {
            case 0:
                what = $"line {i + 1} deleted";
                lines.RemoveAt(i);
                break;
            case 1:
                what = $"line {i + 1} duplicated";
                lines.Insert(i, lines[i]);
                break;
            case 2:
                var cut = random.Next(lines[i].Length + 1);
                what = $"line {i + 1} cut at {cut}";
                lines[i] = lines[i][..cut];
                break;
            case 3:
                var f = random.Next(fields.Length);
                var token = Tokens[random.Next(Tokens.Length)];
                what = $"line {i + 1} field {f + 1} = '{token}'";
                fields[f] = token;
                lines[i] = string.Join(',', fields);
                break;
            case 4:
                int a = random.Next(fields.Length), b = random.Next(fields.Length);
                what = $"line {i + 1} fields {a + 1} and {b + 1} swapped";
                (fields[a], fields[b]) = (fields[b], fields[a]);
                lines[i] = string.Join(',', fields);
                break;
            default:
                var garbage = string.Join(',', Enumerable.Range(0, random.Next(1, 8)).Select(_ => Tokens[random.Next(Tokens.Length)]));
                what = $"line '{garbage}' inserted at {i + 1}";
                lines.Insert(i, garbage);
                break;
        }

        var result = new StringBuilder();
        foreach (var line in lines)
        {
            result.Append(line).Append('\n');
        }

        return (result.ToString(), what);
    }
}
