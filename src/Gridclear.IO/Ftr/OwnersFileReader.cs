using Gridclear.IO.Csv;
using Gridclear.IO.Files;
using Gridclear.IO.Results;
using Gridclear.Ftr;

namespace Gridclear.IO.Ftr;

/// <summary>owners.csv (<c>owner,share</c>, M4): the transmission owners credited with auction proceeds, and
/// access_charge_credit.csv, the credits.</summary>
public static class OwnersFileReader
{
    public const string OwnersFile = "owners.csv";
    public const string CreditsFile = "access_charge_credit.csv";

    /// <summary>The owners of the market folder, or an empty list without owners.csv (or without a folder).</summary>
    public static IReadOnlyList<TransmissionOwner> Read(string? marketDirectory)
    {
        if (marketDirectory is null || FileKinds.Of(Path.Combine(marketDirectory, OwnersFile)) == FileKind.Missing)
        {
            return [];
        }

        return ReadTable(CsvTable.Read(Path.Combine(marketDirectory, OwnersFile), InputFiles.Owners));
    }

    private static IReadOnlyList<TransmissionOwner> ReadTable(CsvTable table)
    {
        var owners = new List<TransmissionOwner>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var owner = table.GetString(row, "owner");
            if (lineOf.TryGetValue(owner, out var first))
            {
                throw table.Error(row, $"owner {owner} is listed twice (first on line {first})");
            }

            lineOf[owner] = row.Line;
            var share = table.GetDouble(row, "share");
            owners.Add(table.Checked(row, () => new TransmissionOwner(owner, share)));
        }

        var total = owners.Sum(o => o.Share);
        if (Math.Abs(total - 1) > AccessChargeCredit.ShareTolerance)
        {
            throw table.Error((int?)null, $"the owners' shares sum to {total.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture)}, not 1");
        }

        return owners;
    }

    /// <summary>access_charge_credit.csv: <c>party,charge,amount</c>, one line per credited party and charge (amount
    /// &gt; 0: credited against its access charge; &lt; 0: it pays).</summary>
    public static void WriteCredits(string directory, IReadOnlyList<AccessChargeCreditLine> credits) =>
        CsvText.WriteFile(Path.Combine(directory, CreditsFile), "party,charge,amount", credits.Select(c => $"{CsvText.Text(c.Party)},{c.Charge},{CsvText.Money(c.Amount)}"));

    /// <summary>The owners of <c>--owners FILE</c> when given (it must exist), else those of the market folder.</summary>
    public static IReadOnlyList<TransmissionOwner> Read(string? ownersPath, string? marketDirectory)
    {
        if (ownersPath is null)
        {
            return Read(marketDirectory);
        }

        if (!File.Exists(ownersPath))
        {
            throw new InvalidInputException(ownersPath, null, Directory.Exists(ownersPath) ? "--owners names a folder, not a file" : "--owners names a file that does not exist");
        }

        return ReadTable(CsvTable.Read(ownersPath, InputFiles.Owners));
    }
}
