using Gridclear.IO.Market;
using static Gridclear.Tests.MarketFolder.ValidFolder;

namespace Gridclear.Tests.MarketFolder;

/// <summary>Each bad edit of the valid folder must fail with an <see cref="InvalidInputException"/> naming the file, the
/// line (null for problems of a whole file) and the problem.</summary>
public sealed class MarketFolderErrorTests
{
    private const string R = "resources.csv";
    private const string O = "offers.csv";
    private const string B = "bids.csv";
    private const string D = "demand.csv";
    private const string S = "schedules.csv";
    private const string A = "adjustments.csv";
    private const string Z = "zones.csv";
    private const string H = "hubs.csv";
    private const string I = "interfaces.csv";
    private const string N = "nomograms.csv";
    private const string C = "contingencies.csv";

    private sealed record Case(Action<Dictionary<string, string>> Edit, string File, int? Line, string Problem);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // resources.csv
        ["resource at unknown bus"] = new(f => SetLine(f, R, 2, "G1,Alpha,9,generator,nodal,10"), R, 2, "bus 9 is not in the network"),
        ["resource listed twice"] = new(f => AddLine(f, R, "G1,Alpha,1,generator,nodal,10"), R, 6, "resource G1 is listed twice (first on line 2)"),
        ["resource with two owners"] = new(f => AddLine(f, R, "G1,Zeta,1,generator,nodal,10"), R, 6, "owned by two participants: Alpha (line 2) and Zeta"),
        ["bad kind"] = new(f => SetLine(f, R, 2, "G1,Alpha,1,gen,nodal,10"), R, 2, "column 'kind': 'gen' is not one of generator, load"),
        ["bad settlement"] = new(f => SetLine(f, R, 2, "G1,Alpha,1,generator,bus,10"), R, 2, "column 'settlement': 'bus' is not one of nodal, zonal"),
        ["bus not a number"] = new(f => SetLine(f, R, 3, "G2,Beta,x3,generator,zonal,"), R, 3, "column 'bus': 'x3' is not an integer"),
        ["empty participant"] = new(f => SetLine(f, R, 3, "G2,,3,generator,zonal,"), R, 3, "column 'participant' is empty"),
        ["min_mw above capacity"] = new(f => SetLine(f, R, 2, "G1,Alpha,1,generator,nodal,100"), R, 2, "min_mw 100 exceeds its capacity 90 MW"),
        ["negative min_mw"] = new(f => SetLine(f, R, 2, "G1,Alpha,1,generator,nodal,-1"), R, 2, "min_mw of resource G1 must be a number ≥ 0"),
        ["min_mw on a load"] = new(f => SetLine(f, R, 4, "L1,Alpha,2,load,zonal,5"), R, 4, "min_mw applies to generators only"),
        ["generator without offers"] = new(f => f[O] = "resource,segment,mw,price\nG1,1,40,14\n", R, 3, "generator G2 has no offer in offers.csv"),
        ["load with neither bids nor demand"] = new(f => f[D] = "resource,mw\n", R, 5, "load L2 has neither bids"),
        ["row with a missing field"] = new(f => SetLine(f, R, 3, "G2,Beta,3,generator,zonal"), R, 3, "the row has 5 field(s) but the header has 6"),

        // offers.csv
        ["offers without resources.csv"] = new(f => f.Remove(R), O, null, "there is no resources.csv"),
        ["demand without resources.csv"] = new(f => { f.Remove(R); f.Remove(O); f.Remove(B); }, D, null, "there is no resources.csv"),
        ["offer for unknown resource"] = new(f => AddLine(f, O, "G9,1,10,5"), O, 6, "unknown resource G9 (not in resources.csv)"),
        ["offer for a load"] = new(f => AddLine(f, O, "L1,1,10,5"), O, 6, "resource L1 is a load (resources.csv line 4)"),
        ["offer price falls"] = new(f => SetLine(f, O, 2, "G1,2,50,10"), O, 2, "offer of G1: segment 2 price 10 is below segment 1's price 14"),
        ["offer step of zero MW"] = new(f => SetLine(f, O, 4, "G2,1,0,-5"), O, 4, "offer of G2 segment 1: mw must be > 0, not 0"),
        ["offer step of negative MW"] = new(f => SetLine(f, O, 5, "G2,2,-10,30"), O, 5, "offer of G2 segment 2: mw must be > 0, not -10"),
        ["duplicate offer segment"] = new(f => AddLine(f, O, "G1,1,10,15"), O, 6, "offer of G1: segment 1 appears twice (first on line 3)"),
        ["gap in offer segments"] = new(f => SetLine(f, O, 5, "G2,3,100,30"), O, 5, "offer of G2: segment 3 follows segment 1: segment 2 is missing"),
        ["offer without segment 1"] = new(f => { SetLine(f, O, 4, "G2,2,100,-5"); SetLine(f, O, 5, "G2,3,100,30"); }, O, 4, "segment 2 comes first: segment 1 is missing"),
        ["segment 0"] = new(f => SetLine(f, O, 3, "G1,0,40,14"), O, 3, "segments are numbered from 1, not 0"),
        ["price not a number"] = new(f => SetLine(f, O, 2, "G1,2,50,abc"), O, 2, "column 'price': 'abc' is not a number"),
        ["price not finite"] = new(f => SetLine(f, O, 2, "G1,2,50,NaN"), O, 2, "column 'price': 'NaN' is not a finite number"),
        ["missing price column"] = new(f => f[O] = "resource,segment,mw\nG1,1,40\n", O, 1, "missing column 'price' (header: resource,segment,mw"),

        // bids.csv and demand.csv
        ["bid for a generator"] = new(f => AddLine(f, B, "G1,1,10,5"), B, 4, "resource G1 is a generator (resources.csv line 2)"),
        ["bid price rises"] = new(f => SetLine(f, B, 3, "L1,2,50,2000"), B, 3, "bid of L1: segment 2 price 2000 is above segment 1's price 1000"),
        ["demand twice"] = new(f => AddLine(f, D, "L2,10"), D, 3, "load L2 has a second demand (first on line 2)"),
        ["demand for a generator"] = new(f => AddLine(f, D, "G2,10"), D, 3, "resource G2 is a generator"),

        // schedules.csv and adjustments.csv
        ["balanced schedule not balancing"] = new(f => SetLine(f, S, 3, "S1,Beta,5,-90,true"), S, 2, "schedule S1 is balanced but its 2 row(s) sum to 10 MW"),
        ["mixed balanced flags"] = new(f => SetLine(f, S, 3, "S1,Beta,5,-100,false"), S, 3, "schedule S1 mixes balanced=true (line 2) and balanced=false"),
        ["schedule of two participants"] = new(f => SetLine(f, S, 3, "S1,Gamma,5,-100,true"), S, 3, "schedule S1 is split across participants Beta (line 2) and Gamma"),
        ["schedule at unknown bus"] = new(f => SetLine(f, S, 4, "S2,Gamma,42,50,false"), S, 4, "bus 42 is not in the network"),
        ["schedule bus twice"] = new(f => AddLine(f, S, "S2,Gamma,3,10,false"), S, 5, "schedule S2 has bus 3 twice (first on line 4)"),
        ["balanced not a boolean"] = new(f => SetLine(f, S, 4, "S2,Gamma,3,50,maybe"), S, 4, "column 'balanced': 'maybe' is not true or false"),
        ["adjustment of unknown schedule"] = new(f => SetLine(f, A, 2, "S9,1,inc,1,20,25"), A, 2, "unknown schedule S9 (not in schedules.csv)"),
        ["adjustment at a bus not in the schedule"] = new(f => SetLine(f, A, 2, "S1,3,inc,1,20,25"), A, 2, "bus 3 is not one of schedule S1's buses (1, 5)"),
        ["bad direction"] = new(f => SetLine(f, A, 2, "S1,1,up,1,20,25"), A, 2, "column 'direction': 'up' is not one of inc, dec"),
        ["inc price falls"] = new(f => SetLine(f, A, 3, "S1,1,inc,2,20,20"), A, 3, "inc adjustment of schedule S1 at bus 1: segment 2 price 20 is below"),
        ["dec price rises"] = new(f => SetLine(f, A, 5, "S1,5,dec,2,10,45"), A, 5, "dec adjustment of schedule S1 at bus 5: segment 2 price 45 is above"),
        ["duplicate adjustment segment"] = new(f => AddLine(f, A, "S1,5,dec,2,10,35"), A, 6, "segment 2 appears twice (first on line 5)"),

        // zones.csv and hubs.csv
        ["bus in two zones"] = new(f => AddLine(f, Z, "East,1"), Z, 7, "bus 1 is in two zones: West (line 2) and East"),
        ["bus twice in a zone"] = new(f => AddLine(f, Z, "West,1"), Z, 7, "bus 1 is listed twice in zone West"),
        ["zone with unknown bus"] = new(f => AddLine(f, Z, "East,6"), Z, 7, "bus 6 is not in the network"),
        ["bus in no zone"] = new(f => SetLine(f, Z, 6, null), Z, null, "1 bus(es) are in no zone, e.g. 5"),
        ["hub with unknown bus"] = new(f => AddLine(f, H, "HUB_A,7,1"), H, 4, "bus 7 is not in the network"),
        ["hub weight zero"] = new(f => SetLine(f, H, 3, "HUB_A,2,0"), H, 3, "hub HUB_A: the weight of bus 2 must be > 0, not 0"),
        ["hub weight negative"] = new(f => SetLine(f, H, 3, "HUB_A,2,-1"), H, 3, "must be > 0, not -1"),
        ["hub bus twice"] = new(f => AddLine(f, H, "HUB_A,1,2"), H, 4, "hub HUB_A lists bus 1 twice (first on line 2)"),
        ["hub named like a bus"] = new(f => f[H] = "hub,bus,weight\n12,1,1\n", H, 2, "hub name '12' looks like a bus number"),

        // interfaces.csv, nomograms.csv, contingencies.csv
        ["interface branch that does not exist"] = new(f => SetLine(f, I, 2, "I1,2,5,1,300,"), I, 2, "no in-service branch joins buses 2 and 5"),
        ["interface circuit that does not exist"] = new(f => SetLine(f, I, 2, "I1,1,2,1,300,2"), I, 2, "circuit 2 of 1-2 does not exist"),
        ["interface branch to itself"] = new(f => SetLine(f, I, 2, "I1,2,2,1,300,"), I, 2, "joins a bus to itself"),
        ["interface limit zero"] = new(f => f[I] = "interface,from_bus,to_bus,weight,limit\nI1,1,2,1,0\n", I, 2, "limit must be > 0, not 0"),
        ["interface limits differ"] = new(f => SetLine(f, I, 3, "I1,4,1,1,250,"), I, 3, "interface I1 has limit 300 on line 2 but 250 here"),
        ["interface branch twice"] = new(f => AddLine(f, I, "I1,2,1,1,300,"), I, 5, "interface I1 names this branch twice (first on line 2)"),
        ["interface weight zero"] = new(f => SetLine(f, I, 2, "I1,1,2,0,300,"), I, 2, "must be a non-zero number"),
        ["nomogram term syntax"] = new(f => SetLine(f, N, 2, "N1,flow:3to4,1,200"), N, 2, "term 'flow:3to4' is not flow:FROM-TO"),
        ["nomogram unknown term kind"] = new(f => SetLine(f, N, 2, "N1,angle:3,1,200"), N, 2, "term 'angle:3' is not"),
        ["nomogram unknown interface"] = new(f => SetLine(f, N, 4, "N1,interface:I9,1,200"), N, 4, "unknown interface I9 (not in interfaces.csv)"),
        ["nomogram unknown bus"] = new(f => SetLine(f, N, 3, "N1,inj:8,-0.5,200"), N, 3, "bus 8 is not in the network"),
        ["nomogram unknown branch"] = new(f => SetLine(f, N, 2, "N1,flow:2-4,1,200"), N, 2, "no in-service branch joins buses 2 and 4"),
        ["nomogram limits differ"] = new(f => SetLine(f, N, 3, "N1,inj:5,-0.5,201"), N, 3, "nomogram N1 has limit 200 on line 2 but 201 here"),
        ["nomogram term twice"] = new(f => AddLine(f, N, "N1,flow:4-3,2,200"), N, 5, "nomogram N1 has this term twice (first on line 2)"),
        ["contingency branch that does not exist"] = new(f => SetLine(f, C, 3, "C45,5,3"), C, 3, "no in-service branch joins buses 5 and 3"),
        ["multi-branch contingency"] = new(f => AddLine(f, C, "C12,2,3"), C, 4, "only single-branch (N-1) contingencies are supported"),
        ["two contingencies on one branch"] = new(f => AddLine(f, C, "C21,2,1"), C, 4, "contingency C21 trips the same branch as contingency C12 (line 2)"),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Bad_input_names_file_line_and_problem(string name)
    {
        var c = Cases[name];
        var files = Files();
        c.Edit(files);
        using var folder = new TempFolder(files);

        var e = Assert.Throws<InvalidInputException>(() => MarketFolderReader.Read(folder.Path, FiveBus.Network()));

        Assert.Equal(Path.Combine(folder.Path, c.File), e.Source);
        Assert.Equal(c.Line, e.Line);
        Assert.Contains(c.Problem, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith(c.Line is { } l ? $"{e.Source}:{l}: " : $"{e.Source}: ", e.Message, StringComparison.Ordinal);
    }
}
