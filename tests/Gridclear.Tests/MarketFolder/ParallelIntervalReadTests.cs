using Gridclear.IO.Market;
using Gridclear.Tests.Market;

namespace Gridclear.Tests.MarketFolder;

/// <summary>
/// The intervals after the first are read on both cores; the problem reported must still be the one a sequential read
/// finds first: the lowest interval's, whatever order the threads finish in or the rows stand in.
/// </summary>
public sealed class ParallelIntervalReadTests
{
    [Fact]
    public void TheLowestBadIntervalIsReportedAndGoodIntervalsReadAsBefore()
    {
        var demand = File.ReadAllLines(Path.Combine(ExampleMarket.Folder, "demand.csv"));
        var rows = new List<string> { demand[0] + ",interval" };
        for (var k = 1; k <= 12; k++)
        {
            rows.AddRange(demand.Skip(1).Where(l => l.Length > 0).Select(l => $"{l},{k}"));
        }

        var good = string.Join('\n', rows) + "\n";
        using (var market = ExampleMarket.CopyWith(new Dictionary<string, string> { ["demand.csv"] = good }))
        {
            var read = MarketFolderReader.ReadIntervals(market.Path, ExampleMarket.Cleared.Network, null);
            Assert.Equal(12, read.Count);
            Assert.All(Enumerable.Range(1, 12), k => Assert.Equal(read[1].Demand, read[k].Demand));
        }

        // Interval 9's bad row stands first in the file, interval 4's later: interval 4 is the one reported.
        rows.Insert(5, "NOBODY,10,9");
        rows.Insert(40, "NOBODY,10,4");
        using var bad = ExampleMarket.CopyWith(new Dictionary<string, string> { ["demand.csv"] = string.Join('\n', rows) + "\n" });
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var e = Assert.Throws<InvalidInputException>(() => MarketFolderReader.ReadIntervals(bad.Path, ExampleMarket.Cleared.Network, null));
            Assert.Contains("NOBODY", e.Message, StringComparison.Ordinal);
            Assert.Equal(41, e.Line);
        }
    }

    [Fact]
    public void OffersThatNoIntervalChangesAreReadOnceAndAnIntervalsOwnOffersStillApply()
    {
        var demand = File.ReadAllLines(Path.Combine(ExampleMarket.Folder, "demand.csv"));
        var rows = new List<string> { demand[0] + ",interval" };
        for (var k = 1; k <= 3; k++)
        {
            rows.AddRange(demand.Skip(1).Where(l => l.Length > 0).Select(l => $"{l},{k}"));
        }

        var files = new Dictionary<string, string> { ["demand.csv"] = string.Join('\n', rows) + "\n" };
        using (var market = ExampleMarket.CopyWith(files))
        {
            var read = MarketFolderReader.ReadIntervals(market.Path, ExampleMarket.Cleared.Network, null);
            Assert.Equal(3, read.Count);
            var id = read[1].Offers.Keys.First();
            Assert.Same(read[1].Offers[id], read[3].Offers[id]);
            Assert.Same(read[1].Resources![0], read[3].Resources![0]);
        }

        // One generator offers otherwise in interval 2 only: its rows replace the common ones there, nowhere else.
        var offers = File.ReadAllLines(Path.Combine(ExampleMarket.Folder, "offers.csv")).Where(l => l.Length > 0).ToList();
        var generator = offers[1].Split(',')[0];
        var varying = new List<string> { offers[0] + ",interval" };
        varying.AddRange(offers.Skip(1).Where(l => l.Split(',')[0] != generator).Select(l => l + ","));
        varying.AddRange(offers.Skip(1).Where(l => l.Split(',')[0] == generator).Select(l => l + ",1"));
        varying.AddRange(offers.Skip(1).Where(l => l.Split(',')[0] == generator).Select(l => l + ",3"));
        varying.Add($"{generator},1,505,999,2");
        files["offers.csv"] = string.Join('\n', varying) + "\n";
        using (var market = ExampleMarket.CopyWith(files))
        {
            var read = MarketFolderReader.ReadIntervals(market.Path, ExampleMarket.Cleared.Network, null);
            Assert.Equal(999, Assert.Single(read[2].Offers[generator].Steps).Price);
            Assert.Equal(read[1].Offers[generator].Steps, read[3].Offers[generator].Steps);
            Assert.NotEqual(999, read[1].Offers[generator].Steps[0].Price);
        }
    }
}
