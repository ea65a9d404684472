namespace Gridclear.Market;

/// <summary>The price order a step curve must keep: supply (offers, inc adjustments) never gets cheaper as it grows,
/// demand (bids, dec adjustments) never gets dearer. Equal prices are allowed in both.</summary>
internal static class StepOrder
{
    /// <summary>Copies and checks the steps; <paramref name="rising"/> for supply. Segments are named 1-based.</summary>
    public static IReadOnlyList<PriceStep> Check(IReadOnlyList<PriceStep>? steps, bool rising, string what)
    {
        var copy = InputChecks.Copy(steps, $"steps of {what}");
        if (copy.Count == 0)
        {
            throw new ArgumentException($"{what} has no steps");
        }

        var k = FirstOutOfOrder(copy, rising);
        if (k >= 0)
        {
            throw new ArgumentException(Violation(what, rising, k + 1, copy[k].Price, copy[k - 1].Price));
        }

        return copy;
    }

    /// <summary>0-based index of the first step whose price breaks the order, or −1.</summary>
    public static int FirstOutOfOrder(IReadOnlyList<PriceStep> steps, bool rising)
    {
        for (var k = 1; k < steps.Count; k++)
        {
            if (rising ? steps[k].Price < steps[k - 1].Price : steps[k].Price > steps[k - 1].Price)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The message for a step that breaks the order, with 1-based segment numbers.</summary>
    public static string Violation(string what, bool rising, int segment, double price, double previousPrice) =>
        rising
            ? $"{what}: segment {segment} price {InputChecks.Text(price)} is below segment {segment - 1}'s price {InputChecks.Text(previousPrice)} (prices must not fall)"
            : $"{what}: segment {segment} price {InputChecks.Text(price)} is above segment {segment - 1}'s price {InputChecks.Text(previousPrice)} (prices must not rise)";
}
