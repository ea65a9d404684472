using Gridclear.Network;

namespace Gridclear.Tests.Flows;

/// <summary>Cases typed in code, so the flow tests need no reader.</summary>
internal static class TestCases
{
    /// <summary>MATPOWER case5 (the PJM 5-bus system), typed in from shared/cases/case5.m.</summary>
    public static PowerCase Case5(IReadOnlyList<double>? pg = null)
    {
        static CaseBus Bus(int id, int type, double pd) => new(id, type, pd, 0, 0, 0, 1, 1, 0, 230, 1, 1.1, 0.9);
        var buses = new[] { Bus(1, 2, 0), Bus(2, 1, 300), Bus(3, 2, 300), Bus(4, 3, 400), Bus(5, 2, 0) };
        pg ??= [40, 170, 323.49, 0, 466.51];
        var genBus = new[] { 1, 1, 3, 4, 5 };
        var pmax = new double[] { 40, 170, 520, 200, 600 };
        var gens = Enumerable.Range(0, 5).Select(g => new CaseGenerator(genBus[g], pg[g], 0, 0, 0, 1, 100, 1, pmax[g], 0)).ToArray();
        static CaseBranch Br(int f, int t, double r, double x, double b, double rate) => new(f, t, r, x, b, rate, rate, rate, 0, 0, 1);
        var branches = new[]
        {
            Br(1, 2, 0.00281, 0.0281, 0.00712, 400),
            Br(1, 4, 0.00304, 0.0304, 0.00658, 0),
            Br(1, 5, 0.00064, 0.0064, 0.03126, 0),
            Br(2, 3, 0.00108, 0.0108, 0.01852, 0),
            Br(3, 4, 0.00297, 0.0297, 0.00674, 0),
            Br(4, 5, 0.00297, 0.0297, 0.00674, 240),
        };
        var costs = new[] { 14.0, 15, 30, 40, 10 }.Select(c => new CaseGenCost(CostModel.Polynomial, 0, 0, [c, 0])).ToArray();
        return new PowerCase("case5", 100, buses, gens, branches, costs);
    }

    /// <summary>
    /// A seeded meshed network: a ring with random chords, random reactances, some taps, a few phase shifters,
    /// a negative reactance (series compensation) and a radial spur of two buses (its branches are bridges).
    /// Bus ids are not contiguous (10·i + 7) and the reference is not the first bus.
    /// </summary>
    public static PowerCase Meshed(int buses, int seed, bool phaseShifters = true)
    {
        var random = new Random(seed);
        var list = new List<CaseBus>();
        for (var i = 0; i < buses; i++)
        {
            var type = i == buses / 3 ? CaseBus.Reference : (i % 4 == 0 ? 2 : 1);
            var pd = Math.Round(random.NextDouble() * 80, 2);
            list.Add(new CaseBus(Id(i), type, pd, 0, i % 7 == 0 ? 3.5 : 0, 0, 1 + (i % 3), 1, 0, 138, 1, 1.1, 0.9));
        }

        var branches = new List<CaseBranch>();
        void Add(int f, int t, double x, double tap = 0, double shift = 0) =>
            branches.Add(new CaseBranch(Id(f), Id(t), 0.01, x, 0, 100 + random.Next(200), 0, 0, tap, shift, 1));

        for (var i = 0; i < buses; i++)
        {
            Add(i, (i + 1) % buses, 0.02 + (0.1 * random.NextDouble()));
        }

        for (var c = 0; c < buses / 2; c++)
        {
            var f = random.Next(buses);
            var t = random.Next(buses);
            if (f != t)
            {
                var tap = c % 5 == 0 ? 0.95 + (0.1 * random.NextDouble()) : 0;
                var shift = phaseShifters && c % 7 == 3 ? -10 + (20 * random.NextDouble()) : 0;
                Add(f, t, 0.03 + (0.2 * random.NextDouble()), tap, shift);
            }
        }

        // A parallel pair (never a bridge) and a series capacitor inside the ring.
        Add(1, 2, 0.05);
        Add(2, 4, -0.01);

        // A radial spur: buses n and n+1 hang off bus 0.
        list.Add(new CaseBus(Id(buses), 1, 12, 0, 0, 0, 1, 1, 0, 138, 1, 1.1, 0.9));
        list.Add(new CaseBus(Id(buses + 1), 2, 5, 0, 0, 0, 1, 1, 0, 138, 1, 1.1, 0.9));
        Add(0, buses, 0.04);
        Add(buses, buses + 1, 0.06);

        var gens = new List<CaseGenerator>();
        var totalLoad = list.Sum(b => b.Pd + b.Gs);
        var genBuses = Enumerable.Range(0, buses + 2).Where(i => i % 4 == 0 || i == buses + 1).ToArray();
        foreach (var b in genBuses)
        {
            gens.Add(new CaseGenerator(Id(b), Math.Round(totalLoad / genBuses.Length, 3), 0, 0, 0, 1, 100, 1, 500, 0));
        }

        return new PowerCase($"meshed{buses}", 100, list, gens, branches, []);
    }

    public static int Id(int i) => (10 * i) + 7;
}
