using Gridclear.Designs.Px;
using static Gridclear.IO.Results.CsvText;

namespace Gridclear.IO.Results;

/// <summary><c>nomogram_charges.csv</c> (FORMATS.md "Nomogram usage charges (002)"): one row per schedule or resource and
/// binding nomogram; MW and prices round-trip, amounts in cents.</summary>
public static class NomogramChargesCsv
{
    public const string FileName = "nomogram_charges.csv";

    public const string Header = "participant,schedule_or_resource,nomogram,contribution_mw,shadow_price,amount";

    public static IEnumerable<string> Rows(IEnumerable<NomogramCharge> charges) =>
        charges.Select(c => $"{Text(c.Participant)},{Text(c.ScheduleOrResource)},{Text(c.Nomogram)},{Number(c.ContributionMw)},{Number(c.ShadowPrice)},{Money(c.Amount)}");
}
