using System.CommandLine;
using System.Globalization;
using Gridclear.Cli;
using Gridclear.Cli.Commands;
using Gridclear.Ftr;
using Gridclear.IO.Matpower;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Ftr;

/// <summary>F6: FTRs for a transmission expansion, on case5 with branch 4-5 uprated from 240 to 480 MW in a copy.</summary>
public sealed class FtrExpansionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-ftrx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>case5 with branch 4-5 (the row "4 5 … 240 240 240") rated 480 MW.</summary>
    private string ExpandedCase()
    {
        var text = File.ReadAllText(TestPaths.Case("case5"));
        var row = "\t4\t5\t0.00297\t0.0297\t0.00674\t240\t240\t240\t";
        Assert.Contains(row, text, StringComparison.Ordinal);
        var path = Path.Combine(_dir, "case5_expanded.m");
        File.WriteAllText(path, text.Replace(row, "\t4\t5\t0.00297\t0.0297\t0.00674\t480\t480\t480\t", StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public void AwardsOnlyWhatTheExpandedNetworkSupportsAndReportsTheIncrement()
    {
        var before = FtrFixtures.Build(MatpowerReader.ReadFile(TestPaths.Case("case5")));
        var after = FtrFixtures.Build(MatpowerReader.ReadFile(ExpandedCase()));
        var outstanding = new List<OutstandingFtr> { new("F1", "incumbent", after.Path("5", "4"), 100, FtrKind.Obligation) };
        var requests = new List<FtrExpansionRequest>
        {
            new("R1", "builder", after.Path("5", "4"), 2000, FtrKind.Obligation),
            new("R2", "builder", after.Path("1", "4"), 50, FtrKind.Option),
        };

        var result = FtrExpansion.Award(before.Constraints, after.Constraints, requests, outstanding, FtrFixtures.Clp);

        Assert.True(result.OutstandingFeasibleBefore);
        Assert.All(result.Awards, a => Assert.InRange(a.AwardedMw, 0, a.Request.Mw));
        Assert.True(result.IncrementalMw > 1, $"the uprate adds capability: {result.AwardedMw} MW after, {result.BeforeMw} MW before");

        // Outstanding plus awards stay feasible on the expanded network ...
        var held = outstanding.Concat(result.Awards.Where(a => a.AwardedMw > 0).Select(a => new OutstandingFtr(a.Request.Id, a.Request.Holder, a.Request.Path, a.AwardedMw, a.Request.Kind))).ToList();
        Assert.Empty(SimultaneousFeasibility.Check(after.Constraints, held, 1.0, 1e-4));

        // ... and exceed what the old network supported: the increment needs the expansion.
        Assert.NotEmpty(SimultaneousFeasibility.Check(before.Constraints, held, 1.0, 1e-4));

        // What counts as feasible before is itself feasible on the old network with the outstanding set.
        var heldBefore = outstanding.Concat(result.Awards.Where(a => a.BeforeMw > 0).Select(a => new OutstandingFtr(a.Request.Id, a.Request.Holder, a.Request.Path, a.BeforeMw, a.Request.Kind))).ToList();
        Assert.Empty(SimultaneousFeasibility.Check(before.Constraints, heldBefore, 1.0, 1e-4));
    }

    [Fact]
    public void VerbWritesAwardsInFtrsFormat()
    {
        var market = Path.Combine(_dir, "market");
        Directory.CreateDirectory(market);
        File.WriteAllText(Path.Combine(market, "ftrs.csv"), "ftr,holder,source,sink,mw,kind\nF1,incumbent,5,4,100,obligation\n");
        var requests = Path.Combine(_dir, "requests.csv");
        File.WriteAllText(requests, "request,holder,source,sink,mw\nR1,builder,5,4,2000\n");
        var outDir = Path.Combine(_dir, "out");
        var (code, error) = Run(["ftr-expansion", "--case", TestPaths.Case("case5"), "--expanded", ExpandedCase(), "--market", market, "--requests", requests, "--out", outDir]);
        Assert.True(code == 0, error);

        var awards = File.ReadAllLines(Path.Combine(outDir, "awards.csv"));
        Assert.Equal("ftr,holder,source,sink,mw,kind", awards[0]);
        var fields = awards[1].Split(',');
        Assert.Equal(["R1", "builder", "5", "4"], fields[..4]);
        Assert.Equal("obligation", fields[5]);
        var expansion = File.ReadAllLines(Path.Combine(outDir, "expansion.csv"));
        Assert.Equal("request,holder,source,sink,kind,requested_mw,awarded_mw,before_mw,incremental_mw,expanded_mw", expansion[0]);
        var row = expansion[1].Split(',').Select(f => double.TryParse(f, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        Assert.Equal(double.Parse(fields[4], CultureInfo.InvariantCulture), row[6], 9);
        Assert.True(row[8] > 1, expansion[1]);

        // Appended to the outstanding set, the awards are honoured by the next auction on the expanded network.
        File.AppendAllLines(Path.Combine(market, "ftrs.csv"), awards.Skip(1));
        var bids = Path.Combine(_dir, "bids.csv");
        File.WriteAllText(bids, "bid,bidder,source,sink,kind,side,mw,price\nB1,x,1,4,obligation,buy,10,1\n");
        (code, error) = Run(["ftr-auction", "--case", ExpandedCase(), "--market", market, "--bids", bids, "--out", Path.Combine(_dir, "auction")]);
        Assert.True(code == 0, error);
    }

    /// <summary>Regression (issue 11): awards.csv granted all the expanded network supported (899 MW on 5→4 here)
    /// although the old network already carried 399.5 MW of it; the funder gets only the 499.5 MW increment.</summary>
    [Fact]
    public void VerbAwardsOnlyTheIncrement()
    {
        var market = Path.Combine(_dir, "market");
        Directory.CreateDirectory(market);
        File.WriteAllText(Path.Combine(market, "ftrs.csv"), "ftr,holder,source,sink,mw,kind\nF1,incumbent,5,4,100,obligation\n");
        var requests = Path.Combine(_dir, "requests.csv");
        File.WriteAllText(requests, "request,holder,source,sink,mw\nR1,builder,5,4,2000\n");
        var outDir = Path.Combine(_dir, "out");
        var (code, error) = Run(["ftr-expansion", "--case", TestPaths.Case("case5"), "--expanded", ExpandedCase(), "--market", market, "--requests", requests, "--out", outDir]);
        Assert.True(code == 0, error);

        var awarded = double.Parse(File.ReadAllLines(Path.Combine(outDir, "awards.csv"))[1].Split(',')[4], CultureInfo.InvariantCulture);
        var row = File.ReadAllLines(Path.Combine(outDir, "expansion.csv"))[1].Split(',')[5..].Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var (requested, awardedMw, before, incremental, expanded) = (row[0], row[1], row[2], row[3], row[4]);
        Assert.Equal(2000, requested);
        Assert.True(before > 1 && expanded > before + 1, string.Join(",", row));
        Assert.Equal(expanded - before, incremental, 6);
        Assert.Equal(incremental, awarded, 3);
        Assert.Equal(awarded, awardedMw, 9);
    }

    /// <summary>With several requests the award is what the expanded network carries on top of the outstanding FTRs
    /// and of the capability the old network already had: all three together are simultaneously feasible.</summary>
    [Fact]
    public void OutstandingBeforeAndAwardsAreFeasibleTogether()
    {
        var before = FtrFixtures.Build(MatpowerReader.ReadFile(TestPaths.Case("case5")));
        var after = FtrFixtures.Build(MatpowerReader.ReadFile(ExpandedCase()));
        var outstanding = new List<OutstandingFtr> { new("F1", "incumbent", after.Path("5", "4"), 100, FtrKind.Obligation) };
        var requests = new List<FtrExpansionRequest>
        {
            new("R1", "builder", after.Path("5", "4"), 2000, FtrKind.Obligation),
            new("R2", "builder", after.Path("1", "4"), 300, FtrKind.Obligation),
            new("R3", "builder", after.Path("3", "4"), 50, FtrKind.Option),
        };

        var result = FtrExpansion.Award(before.Constraints, after.Constraints, requests, outstanding, FtrFixtures.Clp);

        Assert.Equal(1.0, result.BeforeShare);
        Assert.True(result.AwardedMw < result.ExpandedMw - 1, $"{result.AwardedMw} awarded of {result.ExpandedMw}");
        Assert.InRange(result.AwardedMw, 1, result.IncrementalMw + 1e-3);
        var all = outstanding
            .Concat(result.Awards.Where(a => a.BeforeMw > 0).Select(a => new OutstandingFtr("b" + a.Request.Id, a.Request.Holder, a.Request.Path, a.BeforeMw, a.Request.Kind)))
            .Concat(result.Awards.Where(a => a.AwardedMw > 0).Select(a => new OutstandingFtr(a.Request.Id, a.Request.Holder, a.Request.Path, a.AwardedMw, a.Request.Kind)))
            .ToList();
        Assert.Empty(SimultaneousFeasibility.Check(after.Constraints, all, 1.0, 1e-3));
    }

    [Theory]
    [InlineData("request,holder,source,sink,mw\nR1,b,5,4,0\n", "requests.csv:2:", "must be positive")]
    [InlineData("request,holder,source,sink,mw,kind\nR1,b,5,4,10,swap\n", "requests.csv:2:", "is not 'obligation' or 'option'")]
    [InlineData("request,holder,source,sink\nR1,b,5,4\n", "requests.csv", "mw")]
    public void BadRequestsExitTwo(string text, string where, string problem)
    {
        var requests = Path.Combine(_dir, "requests.csv");
        File.WriteAllText(requests, text);
        var (code, error) = Run(["ftr-expansion", "--case", TestPaths.Case("case5"), "--expanded", ExpandedCase(), "--requests", requests, "--out", Path.Combine(_dir, "out")]);
        Assert.Equal(CommandRunner.BadInput, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    private static (int Code, string Error) Run(string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(FtrExpansionCommand.Create(TextWriter.Null));
        root.Subcommands.Add(FtrAuctionCommand.Create(TextWriter.Null));
        var error = new StringWriter();
        return (CommandRunner.Invoke(root, args, error), error.ToString());
    }
}
