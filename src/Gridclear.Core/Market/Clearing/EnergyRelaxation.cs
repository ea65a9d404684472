namespace Gridclear.Market;

/// <summary>Energy the power balance could not place at one bus, at the balance penalty price (a row of unserved.csv).</summary>
/// <param name="Bus">External bus id.</param>
/// <param name="UnservedMw">Demand shed at the bus, MW (the fixed loads there are served that much less, pro rata).</param>
/// <param name="SurplusMw">Must-run output spilled at the bus, MW (its generators' minimum runs cut that much, pro rata).</param>
/// <param name="Lmp">The bus price, $/MWh: the penalty (plus nothing) wherever the slack is strictly between its bounds.</param>
public sealed record EnergyRelaxation(int Bus, double UnservedMw, double SurplusMw, double Lmp);
