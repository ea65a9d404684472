using System.Globalization;
using Gridclear.Designs.FlowPaths;
using Gridclear.Flows;

namespace Gridclear.IO.Flows;

/// <summary>
/// CSV files of the network verbs: DC power flow results and shift factors. Buses by MATPOWER bus number,
/// branches by their 1-based row in the case's branch matrix; numbers round-trip ("R"), invariant culture.
/// </summary>
public static class FlowCsvWriter
{
    /// <summary><c>branch,from_bus,to_bus,flow</c>: one row per in-service branch, flow in MW (from → to).</summary>
    public static void WriteFlows(TextWriter writer, Network.Network network, IReadOnlyList<double> flowsMw)
    {
        writer.WriteLine("branch,from_bus,to_bus,flow");
        for (var k = 0; k < network.BranchCount; k++)
        {
            var br = network.Branches[k];
            writer.Write(Invariant(br.CaseRow + 1));
            writer.Write(',');
            writer.Write(Invariant(network.BusIds[br.From]));
            writer.Write(',');
            writer.Write(Invariant(network.BusIds[br.To]));
            writer.Write(',');
            writer.WriteLine(Number(flowsMw[k]));
        }
    }

    /// <summary><c>bus,angle_deg</c>: one row per in-service bus.</summary>
    public static void WriteAngles(TextWriter writer, Network.Network network, IReadOnlyList<double> anglesDeg)
    {
        writer.WriteLine("bus,angle_deg");
        for (var i = 0; i < network.BusCount; i++)
        {
            writer.Write(Invariant(network.BusIds[i]));
            writer.Write(',');
            writer.WriteLine(Number(anglesDeg[i]));
        }
    }

    /// <summary><c>branch,from_bus,to_bus,bus,factor</c>: every bus for each requested branch (zeros included).</summary>
    public static void WriteShiftFactors(TextWriter writer, ShiftFactors shiftFactors, IEnumerable<int> branches)
    {
        var network = shiftFactors.Network;
        writer.WriteLine("branch,from_bus,to_bus,bus,factor");
        foreach (var k in branches)
        {
            var br = network.Branches[k];
            var prefix = $"{Invariant(br.CaseRow + 1)},{Invariant(network.BusIds[br.From])},{Invariant(network.BusIds[br.To])},";
            var row = shiftFactors.Row(k);
            for (var j = 0; j < row.Length; j++)
            {
                writer.Write(prefix);
                writer.Write(Invariant(network.BusIds[j]));
                writer.Write(',');
                writer.WriteLine(Number(row[j]));
            }
        }
    }

    /// <summary><c>path,bus,factor</c>: the flow distribution factors of each flow path at every bus (zeros included).</summary>
    public static void WritePathFactors(TextWriter writer, FlowDistributionFactors factors)
    {
        var network = factors.Network;
        writer.WriteLine("path,bus,factor");
        for (var p = 0; p < factors.Paths.Count; p++)
        {
            var prefix = Results.CsvText.Text(factors.Paths[p].Id) + ",";
            var row = factors.Row(p);
            for (var j = 0; j < row.Length; j++)
            {
                writer.Write(prefix);
                writer.Write(Invariant(network.BusIds[j]));
                writer.Write(',');
                writer.WriteLine(Number(row[j]));
            }
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Negative zero prints as "-0": normalise it so equal factors print alike.
    private static string Number(double value) => (value == 0 ? 0.0 : value).ToString("R", CultureInfo.InvariantCulture);
}
