using Gridclear.Cli.Runs;
using Gridclear.Market;
using Gridclear.Native.Clp;
using Gridclear.Settlement;
using Gridclear.Solvers;
using Gridclear.Tests.DayAhead;
using Gridclear.Tests.Market;
using Gridclear.Tests.MarketFolder;
using static Gridclear.Tests.Market.MarketHarness;

namespace Gridclear.Tests.Reserves;

/// <summary>Reserves co-optimised with energy (D16, M3, X3), checked against an LP written here independently.</summary>
public sealed class ReserveMarketTests
{
    /// <summary>Prices and MW agree to this: both are Clp solves with primal and dual tolerances of 1e-7.</summary>
    private const double Tolerance = 1e-6;

    // A triangle of equal lines (x = 0.1 p.u., 1000 MW/rad on base 100); line 1-3 limited to 40 MW. Zones West {1, 2},
    // East {3}; 120 MW of fixed load at bus 3. East needs 30 MW of spinning reserve worth 500 $/MW-h and 40 MW more
    // worth 20 (the scarcity step); the system needs 80 MW worth 300. Only G3 is in the East, and its 60 MW are shared
    // between energy and reserve. By hand: imports to bus 3 are at most 110 MW (flow 1-3 = ⅔·G1 + ⅓·G2 ≤ 40 with G2 at
    // its 100 MW leaves G1 10), so G3 runs 10 MW and has 50 MW left for reserve: East buys 50 of its 70 MW, the
    // scarcity step is marginal and sets the East price at 20; the system takes G3's 50 and 30 from G1 (at 2 $/MW-h,
    // G2 is full of energy): price 2. One more MW of load at bus 3 comes from G3, which gives up 1 MW of reserve worth
    // 20 + 2 and saves its reserve offer 4: LMP = 50 + 22 − 4 = 68.
    internal static readonly (string Id, int Bus, double Capacity, double Energy, double ReserveMw, double Reserve)[] Generators =
    [
        ("G1", 1, 200, 10, 40, 2),
        ("G2", 2, 100, 30, 50, 3),
        ("G3", 3, 60, 50, 60, 4),
    ];

    private const double LoadMw = 120;
    private const double Line13Limit = 40;

    private static Gridclear.Network.Network Network() => Grid(3, [(1, 2, 0.1, double.PositiveInfinity), (2, 3, 0.1, double.PositiveInfinity), (1, 3, 0.1, Line13Limit)]);

    private static MarketInput Input(double eastSelfMw = 0) => new MarketInput(
        Resources: [.. Generators.Select(g => Gen(g.Id, "P" + g.Id, g.Bus, Election.Nodal)), Load("L3", "Retail", 3, Election.Nodal)],
        Offers: Generators.ToDictionary(g => g.Id, g => Offer((g.Capacity, g.Energy))),
        Demand: new Dictionary<string, double> { ["L3"] = LoadMw },
        Zones: [new Zone("West", [1, 2]), new Zone("East", [3])])
    {
        Reserves = new ReserveMarket(
            [
                new ReserveDemand("spin", "East", [new PriceStep(30, 500), new PriceStep(40, 20)]),
                new ReserveDemand("spin", ReserveDemand.System, [new PriceStep(80, 300)]),
            ],
            [.. Generators.Select(g => new ReserveOffer(g.Id, "spin", [new PriceStep(g.ReserveMw, g.Reserve)]))],
            eastSelfMw > 0 ? [new ReserveSelfProvision("Retail", "spin", "East", eastSelfMw)] : []),
    };

    /// <summary>
    /// The same market as a B-θ LP written from scratch: energy g_i, reserve r_i, the demand segments, angles θ2, θ3
    /// (θ1 = 0). Nodal balances (duals = LMPs), the 1-3 flow limit, g + r ≤ capacity, East: r3 − d ≥ −self,
    /// system: Σ r − d ≥ −self.
    /// </summary>
    internal static (double[] Lmp, double EastPrice, double SystemPrice, double[] Reserve, double[] Energy) IndependentLp(double eastSelfMw = 0, double reserveCap = double.PositiveInfinity)
    {
        var lp = new LpProblem();
        var g = Generators.Select(x => lp.AddColumn(0, x.Capacity, x.Energy)).ToArray();
        var r = Generators.Select(x => lp.AddColumn(0, x.ReserveMw, x.Reserve)).ToArray();
        var east1 = lp.AddColumn(0, 30, -Math.Min(500, reserveCap));
        var east2 = lp.AddColumn(0, 40, -Math.Min(20, reserveCap));
        var system = lp.AddColumn(0, 80, -Math.Min(300, reserveCap));
        var t2 = lp.AddColumn(double.NegativeInfinity, double.PositiveInfinity, 0);
        var t3 = lp.AddColumn(double.NegativeInfinity, double.PositiveInfinity, 0);
        const double b = 1000;

        // Injection − Σ outgoing flows = withdrawal; flow i→j = b·(θi − θj).
        var bus1 = lp.AddRow(LpRow.Equal(0, [g[0], t2, t3], [1, b, b]));
        var bus2 = lp.AddRow(LpRow.Equal(0, [g[1], t2, t3], [1, -2 * b, b]));
        var bus3 = lp.AddRow(LpRow.Equal(LoadMw, [g[2], t2, t3], [1, b, -2 * b]));
        lp.AddRow(new LpRow(-Line13Limit, Line13Limit, [t3], [-b]));
        for (var i = 0; i < 3; i++)
        {
            lp.AddRow(LpRow.AtMost(Generators[i].Capacity, [g[i], r[i]], [1, 1]));
        }

        var eastRow = lp.AddRow(LpRow.AtLeast(-eastSelfMw, [r[2], east1, east2], [1, -1, -1]));
        var systemRow = lp.AddRow(LpRow.AtLeast(-eastSelfMw, [r[0], r[1], r[2], system], [1, 1, 1, -1]));
        using var model = new ClpSolver().Load(lp, LpOptions.Default);
        var s = model.Solve();
        Assert.Equal(LpStatus.Optimal, s.Status);
        return ([s.RowDual[bus1], s.RowDual[bus2], s.RowDual[bus3]], s.RowDual[eastRow], s.RowDual[systemRow], [.. r.Select(j => s.Primal[j])], [.. g.Select(j => s.Primal[j])]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Prices_awards_and_lmps_match_an_independent_lp(double eastSelfMw)
    {
        var expected = IndependentLp(eastSelfMw);
        var result = Clearing.Run(Network(), Input(eastSelfMw)).Result;
        var reserves = result.Reserves!;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected.Lmp[i], result.Prices[i].Lmp, Tolerance);
            Assert.Equal(expected.Energy[i], Mw(result, Generators[i].Id), Tolerance);
            Assert.Equal(expected.Reserve[i], reserves.Awards.Single(a => a.Resource == Generators[i].Id).Mw, Tolerance);
        }

        Assert.Equal(expected.EastPrice, reserves.Prices.Single(p => p.Zone == "East").Price, Tolerance);
        Assert.Equal(expected.SystemPrice, reserves.Prices.Single(p => p.Zone == ReserveDemand.System).Price, Tolerance);
        var g3 = reserves.Awards.Single(a => a.Resource == "G3");
        Assert.Equal(expected.EastPrice + expected.SystemPrice, g3.Price, Tolerance);
    }

    [Fact]
    public void Scarcity_sets_the_reserve_price_from_the_demand_curve_and_reaches_the_energy_price()
    {
        var result = Clearing.Run(Network(), Input()).Result;
        var east = result.Reserves!.Prices.Single(p => p.Zone == "East");
        var system = result.Reserves.Prices.Single(p => p.Zone == ReserveDemand.System);

        // The hand computation in the class comment.
        Assert.Equal(50, east.ClearedMw, Tolerance);
        Assert.Equal(20, east.Price, Tolerance);
        Assert.Equal(2, system.Price, Tolerance);
        Assert.Equal(10, Mw(result, "G3"), Tolerance);
        Assert.Equal(68, result.Prices[2].Lmp, Tolerance);
    }

    [Fact]
    public void Without_reserve_requirements_lmps_equal_the_energy_only_market()
    {
        var energyOnly = Clearing.Run(Network(), Input() with { Reserves = ReserveMarket.Empty }).Result;
        var offersOnly = Clearing.Run(Network(), Input() with { Reserves = Input().Reserves with { Demands = [], SelfProvision = [] } }).Result;
        Assert.Equal(energyOnly.Prices.Select(p => p.Lmp), offersOnly.Prices.Select(p => p.Lmp));
        Assert.All(offersOnly.Reserves!.Awards, a => Assert.Equal(0, a.Mw, Tolerance));
        Assert.Null(energyOnly.Reserves);
    }

    [Fact]
    public void Reserve_settlement_pays_suppliers_charges_loads_credits_self_provision_and_sums_to_zero()
    {
        var network = Network();
        var input = Input(eastSelfMw: 10);
        var result = Clearing.Run(network, input).Result;
        var settlementInput = ClearingOutcome.ToSettlementInput(result, input, network);
        var lines = ReserveSettlement.Lines(result.Reserves!, settlementInput, input.Reserves);
        Assert.Equal(0m, lines.Sum(l => l.Amount));
        foreach (var a in result.Reserves!.Awards.Where(a => a.Mw > Tolerance))
        {
            Assert.Equal(Gridclear.Settlement.Money.Amount(a.Mw, a.Price, 1, "test"), lines.Where(l => l.Participant == "P" + a.Resource).Sum(l => l.Amount));
        }

        var east = result.Reserves.Prices.Single(p => p.Zone == "East");
        var credit = lines.Where(l => l.Participant == "Retail" && l.Amount > 0).Sum(l => l.Amount);
        Assert.Equal((decimal)(10 * (east.Price + result.Reserves.Prices.Single(p => p.Zone == ReserveDemand.System).Price)), credit, 6);
        var settled = DayAheadSettlement.Settle(settlementInput with { ExtraLines = lines });
        Assert.Equal(0m, settled.Lines.Sum(l => l.Amount));
    }

    internal static readonly Dictionary<string, string> Folder = new()
    {
        ["zones.csv"] = "zone,bus\nWest,1\nWest,2\nEast,3\n",
        ["resources.csv"] = "resource,participant,bus,kind,settlement\nG1,PG1,1,generator,nodal\nG2,PG2,2,generator,nodal\nG3,PG3,3,generator,nodal\nL3,Retail,3,load,nodal\n",
        ["offers.csv"] = "resource,segment,mw,price\nG1,1,200,10\nG2,1,100,30\nG3,1,60,50\n",
        ["demand.csv"] = "resource,mw\nL3,120\n",
        ["reserve_requirements.csv"] = "product,zone,segment,mw,price\nspin,East,1,30,500\nspin,East,2,40,20\nspin,system,1,80,300\n",
        ["reserve_offers.csv"] = "resource,product,segment,mw,price\nG1,spin,1,40,2\nG2,spin,1,50,3\nG3,spin,1,60,4\n",
        ["reserve_self.csv"] = "participant,product,zone,mw\nRetail,spin,East,10\n",
    };

    internal const string Case = """
        function mpc = tri
        mpc.version = '2';
        mpc.baseMVA = 100;
        mpc.bus = [
        1 3 0 0 0 0 1 1 0 100 1 1.1 0.9;
        2 1 0 0 0 0 1 1 0 100 1 1.1 0.9;
        3 1 0 0 0 0 1 1 0 100 1 1.1 0.9;
        ];
        mpc.gen = [
        1 0 0 0 0 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;
        ];
        mpc.branch = [
        1 2 0.01 0.1 0 0 0 0 0 0 1 -360 360;
        2 3 0.01 0.1 0 0 0 0 0 0 1 -360 360;
        1 3 0.01 0.1 0 40 0 0 0 0 1 -360 360;
        ];
        mpc.gencost = [
        2 0 0 2 10 0;
        ];
        """;

    [Fact]
    public void Clear_writes_reserve_prices_and_awards_and_the_settlement_sums_to_zero()
    {
        using var folder = new TempFolder(Folder);
        var casePath = Path.Combine(folder.Path, "tri.m");
        File.WriteAllText(casePath, Case);
        var expected = IndependentLp(10);
        var run = DayAheadRun.Execute(casePath, folder.Path, ClearingOptions.Default);
        Assert.Equal(expected.EastPrice, run.Result.Reserves!.Prices.Single(p => p.Zone == "East").Price, Tolerance);
        Assert.Equal(0m, run.Settlement!.Lines.Sum(l => l.Amount));
        Assert.Contains(run.Settlement.Lines, l => l.Charge == ReserveSettlement.Charge && l.Participant == "PG3");

        var outDir = Path.Combine(folder.Path, "out");
        var (code, _, error) = ClearCli.Run("--case", casePath, "--market", folder.Path, "--out", outDir);
        Assert.True(code == 0, error);
        Assert.StartsWith("product,zone,price,cleared_mw", File.ReadAllText(Path.Combine(outDir, "reserve_prices.csv")), StringComparison.Ordinal);
        Assert.StartsWith("resource,product,zone,mw,price", File.ReadAllText(Path.Combine(outDir, "reserve_awards.csv")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reserve_offers.csv", "resource,product,segment,mw,price\nL3,spin,1,10,2\n", "reserve_offers.csv:2")]
    [InlineData("reserve_requirements.csv", "product,zone,segment,mw,price\nspin,North,1,30,500\n", "reserve_requirements.csv:2")]
    [InlineData("reserve_requirements.csv", "product,zone,segment,mw,price\nspin,East,1,30,5\nspin,East,2,20,20\n", "reserve_requirements.csv:3")]
    [InlineData("reserve_self.csv", "participant,product,zone,mw\nRetail,regulation,East,10\n", "reserve_self.csv:2")]
    public void Bad_reserve_files_exit_2_naming_the_file_and_line(string file, string text, string where)
    {
        var files = new Dictionary<string, string>(Folder) { [file] = text };
        using var folder = new TempFolder(files);
        var casePath = Path.Combine(folder.Path, "tri.m");
        File.WriteAllText(casePath, Case);
        var (code, _, error) = ClearCli.Run("--case", casePath, "--market", folder.Path, "--out", Path.Combine(folder.Path, "out"));
        Assert.Equal(2, code);
        Assert.Contains(where, error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reserve files may name intervals like every market file: interval 1 has the scarcity curve, interval 2 only
    /// East's first step. Each interval of the run equals a clear of that interval alone; reserve outputs carry
    /// <c>interval</c>; reserve money is MW × price × hours (half-hour intervals) and each interval sums to zero.
    /// </summary>
    [Fact]
    public void Reserve_files_with_intervals_clear_each_interval_as_alone()
    {
        const string requirements = "product,zone,segment,mw,price,interval\nspin,East,1,30,500,1\nspin,East,2,40,20,1\nspin,system,1,80,300,\nspin,East,1,30,500,2\n";
        var files = new Dictionary<string, string>(Folder) { ["reserve_requirements.csv"] = requirements };
        using var folder = new TempFolder(files);
        var casePath = Path.Combine(folder.Path, "tri.m");
        File.WriteAllText(casePath, Case);
        var dayOut = Path.Combine(folder.Path, "day");
        var (code, _, error) = ClearCli.Run("--case", casePath, "--market", folder.Path, "--out", dayOut, "--interval-minutes", "30");
        Assert.True(code == 0, error);
        var prices = RealTime.DayMarkets.ReadCsv(Path.Combine(dayOut, "reserve_prices.csv"));
        var awards = RealTime.DayMarkets.ReadCsv(Path.Combine(dayOut, "reserve_awards.csv"));
        var lmps = RealTime.DayMarkets.ReadCsv(Path.Combine(dayOut, "lmp.csv"));
        var settlement = RealTime.DayMarkets.ReadCsv(Path.Combine(dayOut, "settlement.csv"));
        Assert.Equal(["1", "2"], prices.Select(r => r["interval"]).Distinct());

        // Interval 1 is the hand-computed scarcity case (East price 20, LMP 68 at bus 3).
        for (var k = 1; k <= 2; k++)
        {
            var key = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var alone = string.Join("\n", requirements.Split('\n').Where(l => l.Length > 0).Select((l, i) => (l, i))
                .Where(p => p.i == 0 || p.l.EndsWith("," + key, StringComparison.Ordinal) || p.l.EndsWith(','))
                .Select(p => p.l[..p.l.LastIndexOf(',')])) + "\n";
            using var one = new TempFolder(new Dictionary<string, string>(Folder) { ["reserve_requirements.csv"] = alone });
            var oneCase = Path.Combine(one.Path, "tri.m");
            File.WriteAllText(oneCase, Case);
            var oneOut = Path.Combine(one.Path, "out");
            (code, _, error) = ClearCli.Run("--case", oneCase, "--market", one.Path, "--out", oneOut, "--interval-minutes", "30");
            Assert.True(code == 0, error);
            var onePrices = RealTime.DayMarkets.ReadCsv(Path.Combine(oneOut, "reserve_prices.csv"));
            var dayPrices = prices.Where(r => r["interval"] == key).ToList();
            Assert.Equal(onePrices.Select(r => (r["product"], r["zone"])), dayPrices.Select(r => (r["product"], r["zone"])));
            for (var i = 0; i < onePrices.Count; i++)
            {
                Assert.Equal(RealTime.DayMarkets.D(onePrices[i]["price"]), RealTime.DayMarkets.D(dayPrices[i]["price"]), Tolerance);
                Assert.Equal(RealTime.DayMarkets.D(onePrices[i]["cleared_mw"]), RealTime.DayMarkets.D(dayPrices[i]["cleared_mw"]), Tolerance);
            }

            if (k == 1)
            {
                Assert.Equal(20, RealTime.DayMarkets.D(dayPrices.Single(r => r["zone"] == "East")["price"]), Tolerance);
            }

            var oneLmp = RealTime.DayMarkets.ReadCsv(Path.Combine(oneOut, "lmp.csv"));
            var dayLmp = lmps.Where(r => r["interval"] == key).ToList();
            for (var i = 0; i < oneLmp.Count; i++)
            {
                Assert.Equal(RealTime.DayMarkets.D(oneLmp[i]["lmp"]), RealTime.DayMarkets.D(dayLmp[i]["lmp"]), Tolerance);
            }

            var dayLines = settlement.Where(r => r["interval"] == key).ToList();
            Assert.Equal(0m, dayLines.Sum(r => RealTime.DayMarkets.M(r["amount"])));
            var g3 = awards.Single(r => r["interval"] == key && r["resource"] == "G3");
            var g3Pay = Math.Round((decimal)(RealTime.DayMarkets.D(g3["mw"]) * RealTime.DayMarkets.D(g3["price"]) * 0.5), 2);
            Assert.Equal(g3Pay, dayLines.Where(r => r["participant"] == "PG3" && r["charge"] == ReserveSettlement.Charge).Sum(r => RealTime.DayMarkets.M(r["amount"])));
        }

        Assert.Equal(68, RealTime.DayMarkets.D(lmps.Single(r => r["interval"] == "1" && r["bus"] == "3")["lmp"]), Tolerance);
    }

    /// <summary>Without resources.csv the case's generators offer reserve as gen&lt;k&gt; and settle as their own
    /// participants; the case's loads pay; the run sums to zero.</summary>
    [Fact]
    public void Case_generators_offer_reserve_without_resources_csv_and_the_run_sums_to_zero()
    {
        const string twoGenCase = """
            function mpc = two
            mpc.version = '2';
            mpc.baseMVA = 100;
            mpc.bus = [
            1 3 0 0 0 0 1 1 0 100 1 1.1 0.9;
            2 1 80 0 0 0 1 1 0 100 1 1.1 0.9;
            ];
            mpc.gen = [
            1 0 0 0 0 1 100 1 100 0 0 0 0 0 0 0 0 0 0 0 0;
            2 0 0 0 0 1 100 1 50 0 0 0 0 0 0 0 0 0 0 0 0;
            ];
            mpc.branch = [
            1 2 0.01 0.1 0 0 0 0 0 0 1 -360 360;
            ];
            mpc.gencost = [
            2 0 0 2 10 0;
            2 0 0 2 30 0;
            ];
            """;
        using var folder = new TempFolder(new Dictionary<string, string>
        {
            ["reserve_requirements.csv"] = "product,zone,segment,mw,price\nspin,system,1,40,100\n",
            ["reserve_offers.csv"] = "resource,product,segment,mw,price\ngen1,spin,1,30,1\ngen2,spin,1,30,2\n",
        });
        var casePath = Path.Combine(folder.Path, "two.m");
        File.WriteAllText(casePath, twoGenCase);
        var run = DayAheadRun.Execute(casePath, folder.Path, ClearingOptions.Default);

        // By hand: gen1 (Pmax 100, $10) serves the 80 MW and has 20 MW left for reserve at $1; gen2 ($30 energy, idle)
        // gives the other 20 at $2, marginal: reserve price 2. One more MW of load comes from gen1, which gives up 1 MW
        // of reserve (saving $1) that gen2 replaces at $2: LMP = 10 + 2 − 1 = 11.
        var reserves = run.Result.Reserves!;
        Assert.Equal(40, reserves.Prices.Single().ClearedMw, Tolerance);
        Assert.Equal(2, reserves.Prices.Single().Price, Tolerance);
        Assert.Equal(20, reserves.Awards.Single(a => a.Resource == "gen2").Mw, Tolerance);
        Assert.All(run.Result.Prices, p => Assert.Equal(11, p.Lmp, Tolerance));
        Assert.Equal(0m, run.Settlement!.Lines.Sum(l => l.Amount));
        Assert.Contains(run.Settlement.Lines, l => l.Charge == ReserveSettlement.Charge && l.Participant == "gen2" && l.Amount > 0);
        Assert.Contains(run.Settlement.Lines, l => l.Charge == ReserveSettlement.Charge && l.Participant == "load2" && l.Amount < 0);
    }
}
