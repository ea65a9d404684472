using Gridclear.Flows;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;
using Gridclear.Tests.Support;

namespace Gridclear.Tests.DayAhead;

/// <summary>A cleared market with the network and security model it was cleared on.</summary>
internal sealed record Cleared(Gridclear.Network.Network Network, MarketInput Input, DayAheadResult Result)
{
    /// <summary>Net injection per bus (internal order), MW, from the awards, schedules and fixed demand.</summary>
    public double[] Injections()
    {
        var p = new double[Network.BusCount];
        if (Input.Resources is null)
        {
            for (var i = 0; i < p.Length; i++)
            {
                p[i] = -Network.BusLoadMw[i];
            }
        }

        foreach (var a in Result.Awards)
        {
            p[Network.BusIndex(a.Bus)] += a.InjectionMw;
        }

        foreach (var s in Result.Schedules)
        {
            foreach (var leg in s.Legs)
            {
                p[Network.BusIndex(leg.Bus)] += leg.Mw;
            }
        }

        return p;
    }

    public double Lmp(int busId) => Result.Prices.Single(p => p.Bus == busId).Lmp;
}

/// <summary>Clears cases and market folders in process, the way DayAheadRun does (KLU shift factors, Clp).</summary>
internal static class Clearing
{
    public static PowerCase ReadCase(string name) => MatpowerReader.ReadFile(TestPaths.Case(name));

    public static Gridclear.Network.Network Compile(PowerCase powerCase) => NetworkCompiler.Compile(powerCase).Network;

    public static Cleared Case(string name, ClearingOptions? options = null) => Run(Compile(ReadCase(name)), MarketInput.Empty, options);

    public static Cleared Folder(string caseName, string marketDirectory, ClearingOptions? options = null)
    {
        var network = Compile(ReadCase(caseName));
        return Run(network, MarketFolderReader.Read(marketDirectory, network), options);
    }

    public static Cleared Run(Gridclear.Network.Network network, MarketInput input, ClearingOptions? options = null)
    {
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var security = new SecurityModel(network, shiftFactors, input.Interfaces, input.Nomograms, input.Contingencies);
        return new Cleared(network, input, DayAheadMarket.Clear(security, input, new ClpSolver(), options));
    }

    /// <summary>Base-case flows (MW) of a network for net injections, by an independent KLU factorisation.</summary>
    public static double[] Flows(Gridclear.Network.Network network, double[] injections)
    {
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        var flows = new double[network.BranchCount];
        shiftFactors.ComputeFlows(injections, flows);
        return flows;
    }
}
