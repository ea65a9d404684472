namespace Gridclear.Tests.MarketFolder;

/// <summary>A complete, valid market folder for <see cref="FiveBus"/>: every file FORMATS.md lists (but ftrs.csv).
/// Line numbers matter: the error tests edit single lines of it.</summary>
internal static class ValidFolder
{
    public static Dictionary<string, string> Files() => new()
    {
        ["resources.csv"] = """
            resource,participant,bus,kind,settlement,min_mw
            G1,Alpha,1,generator,nodal,10
            G2,Beta,3,generator,zonal,
            L1,Alpha,2,load,zonal,
            L2,Gamma,4,load,nodal,0

            """,
        ["offers.csv"] = """
            resource,segment,mw,price
            G1,2,50,20
            G1,1,40,14
            G2,1,100,-5
            G2,2,100,30

            """,
        ["bids.csv"] = """
            resource,segment,mw,price
            L1,1,100,1000
            L1,2,50,40

            """,
        ["demand.csv"] = """
            resource,mw
            L2,300

            """,
        ["schedules.csv"] = """
            schedule,participant,bus,mw,balanced
            S1,Beta,1,100,true
            S1,Beta,5,-100,true
            S2,Gamma,3,50,false

            """,
        ["adjustments.csv"] = """
            schedule,bus,direction,segment,mw,price
            S1,1,inc,1,20,25
            S1,1,inc,2,20,30
            S1,5,dec,1,30,40
            S1,5,dec,2,10,35

            """,
        ["zones.csv"] = """
            zone,bus
            West,1
            West,2
            East,3
            East,4
            East,5

            """,
        ["hubs.csv"] = """
            hub,bus,weight
            HUB_A,1,1
            HUB_A,2,3

            """,
        ["interfaces.csv"] = """
            interface,from_bus,to_bus,weight,limit,circuit
            I1,1,2,1,300,
            I1,4,1,1,300,
            I1,5,1,0.5,300,1

            """,
        ["nomograms.csv"] = """
            nomogram,term,coefficient,limit
            N1,flow:3-4,1,200
            N1,inj:5,-0.5,200
            N1,interface:I1,1,200

            """,
        ["contingencies.csv"] = """
            contingency,from_bus,to_bus
            C12,1,2
            C45,5,4

            """,
    };

    /// <summary>Replaces 1-based line <paramref name="line"/> of a file (null text removes the line).</summary>
    public static void SetLine(Dictionary<string, string> files, string file, int line, string? text)
    {
        var lines = files[file].Split('\n').ToList();
        if (text is null)
        {
            lines.RemoveAt(line - 1);
        }
        else
        {
            lines[line - 1] = text;
        }

        files[file] = string.Join('\n', lines);
    }

    /// <summary>Adds a line at the end of a file.</summary>
    public static void AddLine(Dictionary<string, string> files, string file, string text) =>
        files[file] = files[file].TrimEnd('\n') + "\n" + text + "\n";
}
