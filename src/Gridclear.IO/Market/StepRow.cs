using Gridclear.IO.Csv;
using Gridclear.Market;

namespace Gridclear.IO.Market;

/// <summary>One <c>segment,mw,price</c> row of offers.csv, bids.csv or adjustments.csv, before it joins its curve.</summary>
internal sealed record StepRow(CsvRow Row, int Segment, double Mw, double Price)
{
    /// <summary>Reads the row's segment, mw and price; <paramref name="owner"/> names the curve in errors.</summary>
    public static StepRow Read(CsvTable table, CsvRow row, string owner)
    {
        var segment = table.GetInt(row, "segment");
        if (segment < 1)
        {
            throw table.Error(row, $"{owner}: column 'segment': segments are numbered from 1, not {segment}");
        }

        var mw = table.GetDouble(row, "mw");
        if (mw <= 0)
        {
            throw table.Error(row, $"{owner} segment {segment}: mw must be > 0, not {Text(mw)} (mw is the width of the step)");
        }

        return new StepRow(row, segment, mw, table.GetDouble(row, "price"));
    }

    /// <summary>
    /// Orders one curve's rows by segment number (rows may come in any order) and checks them: no segment twice,
    /// segments 1, 2, 3, … without gaps (a gap is most likely a lost row), and prices non-decreasing
    /// (<paramref name="rising"/>, supply) or non-increasing (demand). Errors point at the offending row.
    /// </summary>
    public static IReadOnlyList<PriceStep> ToSteps(CsvTable table, IReadOnlyList<StepRow> rows, string owner, bool rising)
    {
        var bySegment = new Dictionary<int, StepRow>();
        foreach (var r in rows)
        {
            if (!bySegment.TryAdd(r.Segment, r))
            {
                throw table.Error(r.Row, $"{owner}: segment {r.Segment} appears twice (first on line {bySegment[r.Segment].Row.Line})");
            }
        }

        var sorted = rows.OrderBy(r => r.Segment).ToList();
        for (var k = 0; k < sorted.Count; k++)
        {
            if (sorted[k].Segment != k + 1)
            {
                var gap = k == 0
                    ? $"segment {sorted[k].Segment} comes first: segment 1 is missing"
                    : $"segment {sorted[k].Segment} follows segment {sorted[k - 1].Segment}: segment {k + 1} is missing";
                throw table.Error(sorted[k].Row, $"{owner}: {gap} (segments are numbered 1, 2, 3, … without gaps)");
            }

            if (k > 0 && (rising ? sorted[k].Price < sorted[k - 1].Price : sorted[k].Price > sorted[k - 1].Price))
            {
                var problem = rising
                    ? $"segment {k + 1} price {Text(sorted[k].Price)} is below segment {k}'s price {Text(sorted[k - 1].Price)} (prices must not fall)"
                    : $"segment {k + 1} price {Text(sorted[k].Price)} is above segment {k}'s price {Text(sorted[k - 1].Price)} (prices must not rise)";
                throw table.Error(sorted[k].Row, $"{owner}: {problem}");
            }
        }

        return sorted.Select(r => new PriceStep(r.Mw, r.Price)).ToList();
    }

    internal static string Text(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
