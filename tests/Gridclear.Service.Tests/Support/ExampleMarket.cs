using Gridclear.Service.Files;

namespace Gridclear.Service.Tests.Support;

/// <summary>examples/market split as a market receives it (<see cref="MarketSplit"/>): the operator's files and each
/// participant's own rows of the bid files.</summary>
public static class ExampleMarket
{
    public static string Network => File.ReadAllText(Path.Combine(Repo.ExampleMarket, "network.m"));

    public static Dictionary<string, string> OperatorFiles() => MarketSplit.OperatorFiles(Repo.ExampleMarket);

    public static List<string> Participants() => MarketSplit.Participants(Repo.ExampleMarket);

    public static Dictionary<string, string> BidsOf(string participant) => MarketSplit.BidsOf(Repo.ExampleMarket, participant);
}
