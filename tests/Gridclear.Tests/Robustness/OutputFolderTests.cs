using Gridclear.IO.Files;
using Gridclear.IO.Output;
using Gridclear.Tests.Market;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Robustness;

/// <summary>Issue 11: every verb writes its run into a staging folder and swaps it in whole; --out is checked first.</summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, "out");

    private static string[] Files(string dir) => [.. Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void A_rerun_without_a_market_folder_leaves_no_file_of_the_earlier_run()
    {
        var first = InProcessCli.Run("clear", "--case", ExampleMarket.Case, "--market", ExampleMarket.Folder, "--out", Out);
        Assert.Equal(0, first.Code);
        Assert.Contains("settlement.csv", Files(Out));

        var second = InProcessCli.Run("clear", "--case", ExampleMarket.Case, "--out", Out);
        Assert.Equal(0, second.Code);
        Assert.Equal([OutputFolder.MarkerFile, "constraints.csv", "dispatch.csv", "lmp.csv", "summary.json"], Files(Out));
        Assert.Equal([Out], Directory.GetDirectories(_dir));
    }

    [Fact]
    public void A_failed_run_leaves_the_earlier_folder_untouched_and_no_staging_folder()
    {
        Assert.Equal(0, InProcessCli.Run("dcpf", "--case", TestPaths.Case("case5"), "--out", Out).Code);
        var before = Files(Out).ToDictionary(f => f, f => File.ReadAllText(Path.Combine(Out, f)));

        var bad = Path.Combine(_dir, "bad.m");
        File.WriteAllText(bad, "function mpc = bad\nmpc.baseMVA = 100;\n");
        var run = InProcessCli.Run("dcpf", "--case", bad, "--out", Out);
        Assert.Equal(2, run.Code);
        Assert.Equal(before, Files(Out).ToDictionary(f => f, f => File.ReadAllText(Path.Combine(Out, f))));
        Assert.Equal([Out], Directory.GetDirectories(_dir));
    }

    [Fact]
    public void A_staging_folder_left_by_a_killed_run_is_removed_by_the_next_run()
    {
        // The name a staging folder of process int.MaxValue (never a running process) would have.
        var abandoned = Path.Combine(_dir, $".out.gridclear-staging-{int.MaxValue}-0123");
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, "lmp.csv"), "half");
        Assert.Equal(0, InProcessCli.Run("dcpf", "--case", TestPaths.Case("case5"), "--out", Out).Code);
        Assert.False(Directory.Exists(abandoned));
        Assert.Equal([OutputFolder.MarkerFile, "angles.csv", "flows.csv"], Files(Out));
    }

    [Fact]
    public void Every_verb_that_writes_a_folder_replaces_it_whole()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, OutputFolder.MarkerFile), "");
        File.WriteAllText(Path.Combine(Out, "stale.csv"), "old");
        Assert.Equal(0, InProcessCli.Run("dcpf", "--case", TestPaths.Case("case5"), "--out", Out).Code);
        Assert.DoesNotContain("stale.csv", Files(Out));

        var bids = Path.Combine(_dir, "bids.csv");
        File.WriteAllText(bids, "bid,bidder,source,sink,kind,side,mw,price\nB1,alice,1,4,obligation,buy,10,5\n");
        File.WriteAllText(Path.Combine(Out, "stale.csv"), "old");
        Assert.Equal(0, InProcessCli.Run("ftr-auction", "--case", TestPaths.Case("case5"), "--bids", bids, "--out", Out).Code);
        Assert.DoesNotContain("stale.csv", Files(Out));
        Assert.DoesNotContain("flows.csv", Files(Out));
        Assert.Contains("awards.csv", Files(Out));
    }

    [Fact]
    public void A_folder_gridclear_did_not_write_is_refused_and_kept()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "thesis.txt"), "mine");
        var run = InProcessCli.Run("dcpf", "--case", TestPaths.Case("case5"), "--out", Out);
        Assert.Equal(2, run.Code);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
        Assert.Equal(["thesis.txt"], Files(Out));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/dev/null")]
    [InlineData("/proc/gridclear-out")]
    [InlineData("FILE")]
    public void An_unusable_out_is_refused_with_exit_2_naming_it_before_the_clear(string target)
    {
        if (target == "FILE")
        {
            target = Path.Combine(_dir, "a-file");
            File.WriteAllText(target, "x");
        }

        // The case does not exist either: --out is checked first, so the message is about --out.
        var run = InProcessCli.Run("clear", "--case", Path.Combine(_dir, "missing.m"), "--out", target);
        Assert.Equal(2, run.Code);
        Assert.StartsWith("gridclear: error: --out:", run.Error, StringComparison.Ordinal);
        Assert.Equal(FileKind.Special, FileKinds.Of("/dev/null"));
    }

    [Fact]
    public void Ptdf_writes_its_file_whole_and_refuses_a_device()
    {
        var file = Path.Combine(_dir, "ptdf.csv");
        Assert.Equal(0, InProcessCli.Run("ptdf", "--case", TestPaths.Case("case5"), "--out", file).Code);
        Assert.StartsWith("branch,from_bus,to_bus,bus,factor", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(["ptdf.csv"], Files(_dir));

        var run = InProcessCli.Run("ptdf", "--case", TestPaths.Case("case5"), "--out", "/dev/null");
        Assert.Equal(2, run.Code);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
        Assert.Equal(FileKind.Special, FileKinds.Of("/dev/null"));
    }
}
