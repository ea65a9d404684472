using Gridclear.IO.Market;
using Gridclear.Market;

namespace Gridclear.Tests.MarketFolder;

public sealed class MarketFolderReaderTests
{
    [Fact]
    public void Reads_every_file_of_a_valid_folder()
    {
        var network = FiveBus.Network();
        using var folder = new TempFolder(ValidFolder.Files());

        var market = MarketFolderReader.Read(folder.Path, network);

        Assert.NotNull(market.Resources);
        Assert.Equal(["G1", "G2", "L1", "L2"], market.Resources.Select(r => r.Id));
        Assert.Equal(new Resource("G1", "Alpha", 1, ResourceKind.Generator, Election.Nodal, 10), market.Resources[0]);
        Assert.Equal(new Resource("G2", "Beta", 3, ResourceKind.Generator, Election.Zonal), market.Resources[1]);
        Assert.Equal(ResourceKind.Load, market.Resources[2].Kind);
        Assert.Equal(Election.Zonal, market.Resources[2].Settlement);

        // Offers: file order of resources, segments sorted by number.
        Assert.Equal(["G1", "G2"], market.Offers.Keys);
        Assert.Equal([new PriceStep(40, 14), new PriceStep(50, 20)], market.Offers["G1"].Steps);
        Assert.Equal(90, market.Offers["G1"].CapacityMw);
        Assert.Equal([new PriceStep(100, -5), new PriceStep(100, 30)], market.Offers["G2"].Steps);

        Assert.Equal(["L1"], market.Bids.Keys);
        Assert.Equal([new PriceStep(100, 1000), new PriceStep(50, 40)], market.Bids["L1"].Steps);
        Assert.Equal(150, market.Bids["L1"].TotalMw);
        Assert.Equal(300, market.Demand["L2"]);
        Assert.Single(market.Demand);

        Assert.Equal(2, market.Schedules.Count);
        var s1 = market.Schedules[0];
        Assert.Equal(("S1", "Beta", true), (s1.Id, s1.Participant, s1.Balanced));
        Assert.Equal([new ScheduleLeg(1, 100), new ScheduleLeg(5, -100)], s1.Legs);
        Assert.False(market.Schedules[1].Balanced);
        Assert.Equal(50, market.Schedules[1].NetMw);

        Assert.Equal(2, market.Adjustments.Count);
        Assert.Equal(("S1", 1, AdjustmentDirection.Inc), (market.Adjustments[0].Schedule, market.Adjustments[0].Bus, market.Adjustments[0].Direction));
        Assert.Equal([new PriceStep(20, 25), new PriceStep(20, 30)], market.Adjustments[0].Steps);
        Assert.Equal(AdjustmentDirection.Dec, market.Adjustments[1].Direction);
        Assert.Equal([new PriceStep(30, 40), new PriceStep(10, 35)], market.Adjustments[1].Steps);

        Assert.NotNull(market.Zones);
        Assert.Equal(["West", "East"], market.Zones.Select(z => z.Id));
        Assert.Equal([1, 2], market.Zones[0].Buses);
        Assert.Equal([3, 4, 5], market.Zones[1].Buses);

        var hub = Assert.Single(market.Hubs);
        Assert.Equal("HUB_A", hub.Id);
        Assert.Equal([new HubBus(1, 1), new HubBus(2, 3)], hub.Buses);
        Assert.Equal(4, hub.TotalWeight);

        // Branches are internal indices: 1-2 is 0, 1-4 is 1 (named 4-1: weight negated), 1-5 is 2.
        var i1 = Assert.Single(market.Interfaces);
        Assert.Equal(300, i1.Limit);
        Assert.Equal([new BranchTerm(0, 1), new BranchTerm(1, -1), new BranchTerm(2, -0.5)], i1.Terms);

        var n1 = Assert.Single(market.Nomograms);
        Assert.Equal(200, n1.Limit);
        Assert.Equal(new FlowTerm(4, 1), n1.Terms[0]);
        Assert.Equal(new InjectionTerm(5, -0.5), n1.Terms[1]);
        Assert.Equal(new InterfaceTerm("I1", 1), n1.Terms[2]);

        Assert.Equal([new Contingency("C12", 0), new Contingency("C45", 5)], market.Contingencies);

        market.CheckAgainst(network);
    }

    [Fact]
    public void An_empty_folder_is_the_empty_market()
    {
        using var folder = new TempFolder(new Dictionary<string, string>());
        var market = MarketFolderReader.Read(folder.Path, FiveBus.Network());

        Assert.Null(market.Resources);
        Assert.Null(market.Zones);
        Assert.Empty(market.Offers);
        Assert.Empty(market.Schedules);
        Assert.Empty(market.Contingencies);
        Assert.Null(MarketInput.Empty.Resources);
        Assert.Empty(MarketInput.Empty.Interfaces);
    }

    [Fact]
    public void Schedules_and_security_files_need_no_resources()
    {
        var files = ValidFolder.Files();
        foreach (var f in new[] { "resources.csv", "offers.csv", "bids.csv", "demand.csv" })
        {
            files.Remove(f);
        }

        using var folder = new TempFolder(files);
        var market = MarketFolderReader.Read(folder.Path, FiveBus.Network());
        Assert.Null(market.Resources);
        Assert.Equal(2, market.Schedules.Count);
        Assert.Single(market.Nomograms);
    }

    [Fact]
    public void A_header_only_resources_file_means_nobody_takes_part()
    {
        using var folder = new TempFolder(new Dictionary<string, string> { ["resources.csv"] = "resource,participant,bus,kind,settlement\n" });
        var market = MarketFolderReader.Read(folder.Path, FiveBus.Network());
        Assert.NotNull(market.Resources);
        Assert.Empty(market.Resources);
    }

    [Fact]
    public void A_missing_folder_is_bad_input()
    {
        var e = Assert.Throws<InvalidInputException>(() => MarketFolderReader.Read("/nonexistent/market", FiveBus.Network()));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Circuits_count_every_case_branch_in_case_order()
    {
        var (powerCase, network) = FiveBus.WithParallelBranches();
        var files = new Dictionary<string, string>
        {
            ["interfaces.csv"] = "interface,from_bus,to_bus,weight,limit,circuit\nP,2,1,1,100,2\nQ,1,2,1,100,1\n",
            ["nomograms.csv"] = "nomogram,term,coefficient,limit\nN,flow:1-2:2,2,50\nM,flow:2-3:1,1,50\n",
            ["contingencies.csv"] = "contingency,from_bus,to_bus,circuit\nC,1,2,2\n",
        };
        using var folder = new TempFolder(files);

        var market = MarketFolderReader.Read(folder.Path, network, powerCase);

        // Case row 6 (the parallel 1-2) is internal branch 6; named 2-1, its weight is negated.
        Assert.Equal([new BranchTerm(6, -1)], market.Interfaces[0].Terms);
        Assert.Equal([new BranchTerm(0, 1)], market.Interfaces[1].Terms);
        Assert.Equal(new FlowTerm(6, 2), market.Nomograms[0].Terms[0]);
        Assert.Equal(new FlowTerm(3, 1), market.Nomograms[1].Terms[0]);
        Assert.Equal(6, market.Contingencies[0].Branch);
    }

    [Fact]
    public void Without_a_circuit_the_one_in_service_branch_of_a_parallel_pair_is_meant()
    {
        // 2-3 has a parallel twin (case row 8) that is out of service: naming 2-3 is unambiguous.
        var (powerCase, network) = FiveBus.WithParallelBranches();
        using var folder = new TempFolder(new Dictionary<string, string>
        {
            ["nomograms.csv"] = "nomogram,term,coefficient,limit\nM,flow:3-2,1,50\n",
            ["contingencies.csv"] = "contingency,from_bus,to_bus\nC,2,3\n",
        });

        var market = MarketFolderReader.Read(folder.Path, network, powerCase);

        Assert.Equal(new FlowTerm(3, -1), market.Nomograms[0].Terms[0]);
        Assert.Equal(3, market.Contingencies[0].Branch);
    }

    [Theory]
    [InlineData("interface,from_bus,to_bus,weight,limit\nP,1,2,1,100\n", "2 branches join buses 1 and 2")]
    [InlineData("interface,from_bus,to_bus,weight,limit,circuit\nP,2,3,1,100,2\n", "circuit 2 (case branch row 8) is out of service")]
    [InlineData("interface,from_bus,to_bus,weight,limit,circuit\nP,1,2,1,100,3\n", "circuit 3 of 1-2 does not exist")]
    [InlineData("interface,from_bus,to_bus,weight,limit,circuit\nP,2,5,1,100,\n", "no branch of the case joins buses 2 and 5")]
    public void Circuit_errors_name_the_line(string text, string problem)
    {
        var (powerCase, network) = FiveBus.WithParallelBranches();
        using var folder = new TempFolder(new Dictionary<string, string> { ["interfaces.csv"] = text });

        var e = Assert.Throws<InvalidInputException>(() => MarketFolderReader.Read(folder.Path, network, powerCase));

        Assert.EndsWith("interfaces.csv", e.Source, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }
}
