using System.Diagnostics;
using System.Globalization;
using Gridclear.Flows;
using Gridclear.Ftr;
using Gridclear.IO.Ftr;
using Gridclear.IO.Market;
using Gridclear.IO.Matpower;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Native.Klu;
using Gridclear.Network;

namespace Gridclear.Cli.Runs;

/// <summary>
/// One FTR auction end to end: read the case and the market folder (hubs, zones, interfaces, nomograms,
/// contingencies, outstanding ftrs.csv, arrs.csv), build the day-ahead market's security model (N1), check the
/// outstanding FTRs are simultaneously feasible, read and validate the bids, clear, distribute revenue to ARRs.
/// </summary>
public sealed class FtrAuctionRun
{
    private FtrAuctionRun(Network.Network network, IReadOnlyList<OutstandingFtr> outstanding, FtrAuctionResult result, ArrDistribution? arrs, double readSeconds, double modelSeconds, double clearSeconds, int constraintCount)
    {
        InForce = outstanding;
        Outstanding = outstanding;
        Network = network;
        Result = result;
        Arrs = arrs;
        ReadSeconds = readSeconds;
        ModelSeconds = modelSeconds;
        ClearSeconds = clearSeconds;
        ConstraintCount = constraintCount;
    }

    public Network.Network Network { get; }

    /// <summary>Every FTR of ftrs.csv: the holdings are these less sold plus bought.</summary>
    public IReadOnlyList<OutstandingFtr> Outstanding { get; private init; }

    /// <summary>The outstanding FTRs the auction honoured: those in force on some day of its period (all without one).</summary>
    public IReadOnlyList<OutstandingFtr> InForce { get; }

    /// <summary>The auction's period (F4), or null.</summary>
    public FtrTerm? Period { get; private init; }

    /// <summary>What the user should know: zone labels that no longer match their reference buses.</summary>
    public IReadOnlyList<string> Notes { get; private init; } = [];

    public FtrAuctionResult Result { get; }

    public ArrDistribution? Arrs { get; }

    public double ReadSeconds { get; }

    public double ModelSeconds { get; }

    public double ClearSeconds { get; }

    /// <summary>Security constraints the auction watched (base case, contingencies, interfaces, nomograms).</summary>
    public int ConstraintCount { get; }

    /// <param name="period">The auction's period (F4): only outstanding FTRs in force on some day of it count, bids
    /// without a term take it, bids with another are refused. Null: every outstanding FTR counts, bids keep their terms.</param>
    public static FtrAuctionRun Execute(string casePath, string? marketDirectory, string bidsPath, string? arrsPath, FtrAuctionOptions options, FtrTerm? period = null)
    {
        var watch = Stopwatch.StartNew();
        var powerCase = MatpowerReader.ReadFile(casePath);
        var network = NetworkCompiler.Compile(powerCase).Network;
        var input = marketDirectory is null ? MarketInput.Empty : MarketFolderReader.Read(marketDirectory, network);
        var resolver = FtrFileReader.Resolver(network, input);
        var flowPaths = FlowgateRights.Paths(marketDirectory, network, powerCase);
        var flowgates = FlowgateRights.Catalog(network, input, flowPaths);
        var ftrsPath = marketDirectory is null ? null : Path.Combine(marketDirectory, FtrFileReader.FtrsFile);
        IReadOnlyList<OutstandingFtr> all = ftrsPath is not null && File.Exists(ftrsPath) ? FtrFileReader.ReadOutstanding(ftrsPath, resolver, flowgates) : [];
        IReadOnlyList<OutstandingFtr> outstanding = period is null ? all : [.. all.Where(f => f.InForceDuring(period))];
        var bids = FtrFileReader.ReadBids(bidsPath, resolver, outstanding, period, flowgates);
        // An --arrs file named on the command line must exist (a typo would silently leave the revenue with the
        // operator); the market folder's arrs.csv is optional.
        if (arrsPath is not null && !File.Exists(arrsPath))
        {
            throw new InvalidInputException(arrsPath, null, Directory.Exists(arrsPath) ? "--arrs names a folder, not a file" : "--arrs names a file that does not exist");
        }

        arrsPath ??= marketDirectory is null ? null : Path.Combine(marketDirectory, FtrFileReader.ArrsFile);
        IReadOnlyList<Arr>? arrs = arrsPath is not null && File.Exists(arrsPath) ? FtrFileReader.ReadArrs(arrsPath, resolver) : null;
        var readSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        using var shiftFactors = new ShiftFactors(network, new KluSolver());
        // Flowgate and nomogram rights (F9) hold capacity on their constraints through virtual buses; without any the
        // auction is exactly the point-to-point one.
        var named = FlowgateRights.Named(outstanding.Select(f => f.Path).Concat(bids.Select(b => b.Path)));
        var notes = new List<string>(resolver.Warnings);
        var interfaces = FlowgateRights.Monitored(input, flowPaths, named, notes);
        var security = new SecurityModel(network, shiftFactors, interfaces, input.Nomograms, input.Contingencies);
        IFtrConstraints constraints = named.Count == 0 ? new SecurityFtrConstraints(security) : flowgates.Constrain(new SecurityFtrConstraints(security), named);
        var modelSeconds = watch.Elapsed.TotalSeconds;

        // Infeasible outstanding FTRs are bad input: report them, never hide them.
        var infeasible = SimultaneousFeasibility.Check(constraints, outstanding, options.ReleaseShare, options.ToleranceMw);
        if (infeasible.Count > 0)
        {
            var v = infeasible[0];
            var name = constraints.Describe(v.Constraint);
            throw new InvalidInputException(
                ftrsPath ?? FtrFileReader.FtrsFile,
                null,
                string.Create(CultureInfo.InvariantCulture, $"the outstanding FTRs are not simultaneously feasible at {options.ReleaseShare:P0} release: {infeasible.Count} constraint(s) overloaded; worst {name.Kind} {name.Name}") +
                (name.Contingency.Length > 0 ? $" under contingency {name.Contingency}" : "") +
                string.Create(CultureInfo.InvariantCulture, $" loaded {v.Load:F3} MW against a limit of {v.Limit:F3} MW"));
        }

        watch.Restart();
        var result = FtrAuction.Clear(constraints, bids, outstanding, new ClpSolver(), options);
        var distribution = arrs is null ? null : ArrDistribution.Of(arrs, result.BusPrices, result.Revenue);
        return new FtrAuctionRun(network, outstanding, result, distribution, readSeconds, modelSeconds, watch.Elapsed.TotalSeconds, constraints.Count)
        {
            Outstanding = all,
            Period = period,
            Notes = notes,
        };
    }
}
