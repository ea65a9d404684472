using Gridclear.IO.Csv;
using Gridclear.Tests.Market;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.Robustness;

/// <summary>Issue 11 "Messages": unknown columns, files that are folders or devices, unknown verbs.</summary>
public sealed class InputMessageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridclear-msg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Output, string Error) ClearExample(IReadOnlyDictionary<string, string> replaced)
    {
        using var market = ExampleMarket.CopyWith(replaced);
        return InProcessCli.Run("clear", "--case", ExampleMarket.Case, "--market", market.Path, "--out", Path.Combine(_dir, "out"));
    }

    [Fact]
    public void A_misspelled_optional_column_is_an_error_naming_it()
    {
        var schedules = File.ReadAllText(Path.Combine(ExampleMarket.Folder, "schedules.csv")).Replace("counterparty", "coun", StringComparison.Ordinal);
        var run = ClearExample(new Dictionary<string, string> { ["schedules.csv"] = schedules });
        Assert.Equal(2, run.Code);
        Assert.Contains("schedules.csv:1: unknown column 'coun'", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void Free_form_note_columns_are_accepted()
    {
        var zones = string.Join('\n', File.ReadAllLines(Path.Combine(ExampleMarket.Folder, "zones.csv")).Select((l, i) => l + (i == 0 ? ",note" : ",hand-drawn"))) + "\n";
        Assert.Equal(0, ClearExample(new Dictionary<string, string> { ["zones.csv"] = zones }).Code);
    }

    /// <summary>Every column FORMATS.md names for a market-folder file (interval in every one) is accepted.</summary>
    [Theory]
    [InlineData("zones.csv", "zone,bus,interval")]
    [InlineData("hubs.csv", "hub,bus,weight,basis,interval")]
    [InlineData("resources.csv", "resource,participant,bus,kind,settlement,min_mw,metering,must_offer,must_run,mitigated_price,interval")]
    [InlineData("offers.csv", "resource,segment,mw,price,interval")]
    [InlineData("bids.csv", "resource,segment,mw,price,interval")]
    [InlineData("demand.csv", "resource,mw,interval")]
    [InlineData("schedules.csv", "schedule,participant,bus,mw,balanced,counterparty,interval")]
    [InlineData("adjustments.csv", "schedule,bus,direction,segment,mw,price,participant,interval")]
    [InlineData("interfaces.csv", "interface,from_bus,to_bus,weight,limit,circuit,interval")]
    [InlineData("nomograms.csv", "nomogram,term,coefficient,limit,interval")]
    [InlineData("contingencies.csv", "contingency,from_bus,to_bus,circuit,interval")]
    [InlineData("ftrs.csv", "ftr,holder,source,sink,mw,kind,settle_at,term_start,term_end")]
    [InlineData("reserve_requirements.csv", "product,zone,segment,mw,price,interval")]
    [InlineData("reserve_offers.csv", "resource,product,segment,mw,price,interval")]
    [InlineData("caps.csv", "market,service,cap")]
    [InlineData("flowpaths.csv", "path,from_bus,to_bus,weight,rating")]
    [InlineData("thresholds.csv", "parameter,value")]
    [InlineData("path_rights.csv", "holder,path,mw")]
    public void Every_documented_column_is_declared(string file, string header)
    {
        var schema = InputFiles.OfMarketFile(file);
        Assert.NotNull(schema);
        var table = CsvTable.Parse(header + "\n", file, schema);
        Assert.All(header.Split(','), c => Assert.True(table.Has(c), c));
        Assert.Contains("unknown column 'bogus'", Assert.Throws<InvalidInputException>(() => CsvTable.Parse(header + ",bogus\n", file, schema)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_market_file_that_is_a_folder_is_an_error_not_an_absent_file()
    {
        using var market = ExampleMarket.CopyWith(new Dictionary<string, string>());
        File.Delete(Path.Combine(market.Path, "offers.csv"));
        Directory.CreateDirectory(Path.Combine(market.Path, "offers.csv"));
        var run = InProcessCli.Run("clear", "--case", ExampleMarket.Case, "--market", market.Path, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, run.Code);
        Assert.Contains("offers.csv: the file is a folder, not a file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_that_is_a_folder_or_a_device_is_named_as_such()
    {
        var folder = InProcessCli.Run("clear", "--case", _dir, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, folder.Code);
        Assert.Contains("the case file is a folder, not a file", folder.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", folder.Error, StringComparison.OrdinalIgnoreCase);

        // /dev/zero would be read until memory runs out.
        var zero = InProcessCli.Run("clear", "--case", "/dev/zero", "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, zero.Code);
        Assert.Contains("/dev/zero: the case file is a device or pipe", zero.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_verb_is_an_error_even_with_help()
    {
        var error = new StringWriter();
        var code = Gridclear.Cli.CommandRunner.Invoke(Gridclear.Cli.Verbs.Root(), ["no-such-verb", "--help"], error);
        Assert.Equal(2, code);
        Assert.Contains("unknown verb 'no-such-verb'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_refuses_a_negative_repeat()
    {
        var run = InProcessCli.Run("bench", "--case", TestPaths.Case("case5"), "--repeat", "-5");
        Assert.Equal(2, run.Code);
        Assert.Contains("--repeat", run.Error, StringComparison.Ordinal);
    }
    [Fact]
    public void A_missing_cost_table_is_reported_with_the_file_and_the_generator_line()
    {
        var text = File.ReadAllText(TestPaths.Case("case5"));
        var start = text.IndexOf("mpc.gencost = [", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "nocost.m");
        File.WriteAllText(path, text[..start] + text[(text.IndexOf("];", start, StringComparison.Ordinal) + 2)..]);
        var run = InProcessCli.Run("clear", "--case", path, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, run.Code);
        var genLine = Array.FindIndex(File.ReadAllLines(path), l => l.StartsWith("mpc.gen = [", StringComparison.Ordinal)) + 2;
        Assert.Contains($"{path}:{genLine}: generator row 1 has no gencost row", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_first_generator_row_is_blamed_on_itself()
    {
        var lines = File.ReadAllLines(TestPaths.Case("case5"));
        var first = Array.FindIndex(lines, l => l.StartsWith("mpc.gen = [", StringComparison.Ordinal)) + 1;
        lines[first] = "\t1\t40\t0\t30\t-30\t1\t100\t1\t40;";
        var path = Path.Combine(_dir, "short.m");
        File.WriteAllLines(path, lines);
        var run = InProcessCli.Run("clear", "--case", path, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, run.Code);
        Assert.Contains($"{path}:{first + 1}: this row of mpc.gen has 9 values but 4 of its 5 rows have 21", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_reference_bus_is_reported_as_MATPOWER_warns()
    {
        var text = File.ReadAllText(TestPaths.Case("case5")).Replace("\t3\t2\t300\t98.61\t", "\t3\t3\t300\t98.61\t", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "tworefs.m");
        File.WriteAllText(path, text);
        var run = InProcessCli.Run("dcpf", "--case", path, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(0, run.Code);
        Assert.Contains("2 type-3 buses", run.Output, StringComparison.Ordinal);
    }
}
