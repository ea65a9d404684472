namespace Gridclear.Service.Files;

/// <summary>The files a participant submits (FORMATS "The market service"), and how each row names what it is for.</summary>
public static class BidFiles
{
    public const string Offers = "offers.csv";
    public const string Bids = "bids.csv";
    public const string Demand = "demand.csv";
    public const string Schedules = "schedules.csv";
    public const string Adjustments = "adjustments.csv";
    public const string Portfolio = "portfolio.csv";
    public const string Resources = "resources.csv";

    /// <summary>Files whose rows name a resource of resources.csv.</summary>
    public static readonly string[] ByResource = [Offers, Bids, Demand];

    /// <summary>Files whose rows belong to a participant's schedules or to the participant itself.</summary>
    public static readonly string[] BySchedule = [Schedules, Adjustments, Portfolio];

    public static readonly string[] All = [.. ByResource, .. BySchedule];

    public static bool IsBidFile(string file) => All.Contains(file, StringComparer.Ordinal);

    /// <summary>A market-folder file name the service accepts: lower-case letters, digits, '_' and '-', ending .csv.</summary>
    public static bool IsCsvName(string file) =>
        file.Length is > 4 and <= 64 && file.EndsWith(".csv", StringComparison.Ordinal)
        && file[..^4].All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');
}
