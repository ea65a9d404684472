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

        var table = CsvTable.Read(Path.Combine(marketDirectory, OwnersFile), InputFiles.Owners);
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
            try
            {
                owners.Add(new TransmissionOwner(owner, share));
            }
            catch (ArgumentException e)
            {
                throw table.Error(row, e.Message);
            }
        }

        var total = owners.Sum(o => o.Share);
        if (Math.Abs(total - 1) > AccessChargeCredit.ShareTolerance)
        {
            throw table.Error((int?)null, $"the owners' shares sum to {total.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture)}, not 1");
        }

        return owners;
    }

    /// <summary>access_charge_credit.csv: <c>owner,charge,amount</c>, one line per owner (amount &gt; 0: credited).</summary>
    public static void WriteCredits(string directory, IReadOnlyList<AccessChargeCreditLine> credits) =>
        CsvText.WriteFile(Path.Combine(directory, CreditsFile), "owner,charge,amount", credits.Select(c => $"{CsvText.Text(c.Owner)},{AccessChargeCredit.Charge},{CsvText.Money(c.Amount)}"));
}
