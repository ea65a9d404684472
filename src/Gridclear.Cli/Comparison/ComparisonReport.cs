using System.Globalization;
using System.Net;
using System.Text;
using Gridclear.Designs.Comparison;
using Gridclear.IO.Comparison;
using Gridclear.IO.Map;

namespace Gridclear.Cli.Comparison;

/// <summary>
/// report.html of a design comparison: one self-contained page (no scripts, no external files) with a bar chart per
/// quantity, the participants' nets under each design and their difference from nodal, the distributions over the
/// intervals, and a price map of each design. Plain SVG, drawn here, deterministic to the byte.
/// </summary>
public static class ComparisonReport
{
    private const int BarWidth = 420;
    private const int BarHeight = 22;
    private const int MapSize = 360;

    /// <param name="map">Where buses are drawn, or null when the network is too large to lay out.</param>
    public static string Html(ComparisonResult result, NetworkMap? map, IReadOnlyList<IntervalNote> notes, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}")
            .Append("table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:1.5em}.chart h3{font-size:0.95em;margin:0.3em 0}")
            .Append(".pos{color:#1a7f37}.neg{color:#b42318}.maps{display:flex;flex-wrap:wrap;gap:1em}\n</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n<p>")
            .Append(result.Designs.Count).Append(" design(s), ").Append(result.IntervalCount).Append(" interval(s). Money in dollars over all intervals; ")
            .Append("price spread in $/MWh (mean over intervals); FTR funding as a share of what holders were owed.</p>\n");

        html.Append("<h2>Quantities by design</h2>\n<div class=\"charts\">\n");
        foreach (var quantity in result.Rows.Select(r => r.Quantity).Distinct())
        {
            Bars(html, quantity, result.Designs.Select(d => (MarketDesigns.Name(d), result.Value(d, quantity))).ToList());
        }

        html.Append("</div>\n");
        Participants(html, result);
        if (result.IntervalCount > 1)
        {
            Distributions(html, result);
        }

        html.Append("<h2>Price maps</h2>\n");
        if (map is null)
        {
            html.Append("<p>The network is too large to lay out here; bus_prices.csv has every design's price at every bus.</p>\n");
        }
        else
        {
            Maps(html, result, map);
        }

        if (notes.Count > 0)
        {
            html.Append("<h2>Notes</h2>\n<ul>\n");
            foreach (var n in notes.OrderBy(n => n.Interval))
            {
                html.Append("<li>").Append(E(n.Text)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Bars(StringBuilder html, string quantity, IReadOnlyList<(string Label, decimal Value)> bars)
    {
        var max = bars.Max(b => Math.Abs(b.Value));
        var hasNegative = bars.Any(b => b.Value < 0);
        var zero = hasNegative ? BarWidth / 2.0 : 0.0;
        var scale = max == 0 ? 0 : (hasNegative ? BarWidth / 2.0 : BarWidth) / (double)max;
        var height = (bars.Count * (BarHeight + 6)) + 6;
        html.Append("<div class=\"chart\"><h3>").Append(E(quantity)).Append("</h3><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
            .Append(BarWidth + 180).Append("\" height=\"").Append(height).Append("\" role=\"img\" aria-label=\"").Append(E(quantity)).Append("\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 6 + (i * (BarHeight + 6));
            var w = Math.Abs((double)value) * scale;
            var x = 70 + (value < 0 ? zero - w : zero);
            html.Append("<text x=\"0\" y=\"").Append(N(y + 15)).Append("\" font-size=\"12\">").Append(E(label)).Append("</text>")
                .Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(Math.Max(w, 1))).Append("\" height=\"").Append(BarHeight)
                .Append("\" fill=\"").Append(value < 0 ? "#d0604c" : "#4c78a8").Append("\"/>")
                .Append("<text x=\"").Append(N(70 + BarWidth + 6)).Append("\" y=\"").Append(N(y + 15)).Append("\" font-size=\"12\">").Append(Value(value)).Append("</text>");
        }

        html.Append("</svg></div>\n");
    }

    private static void Participants(StringBuilder html, ComparisonResult result)
    {
        html.Append("<h2>Participants</h2>\n<p>Net settlement over all intervals (&gt; 0 paid to the participant).");
        var nodal = result.Designs.Contains(MarketDesign.Nodal);
        if (nodal)
        {
            html.Append(" In brackets: the difference from nodal.");
        }

        html.Append("</p>\n<table><tr><th>participant</th>");
        foreach (var d in result.Designs)
        {
            html.Append("<th>").Append(MarketDesigns.Name(d)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var group in result.Participants.GroupBy(p => p.Participant))
        {
            html.Append("<tr><td>").Append(E(group.Key)).Append("</td>");
            foreach (var d in result.Designs)
            {
                var p = group.Single(x => x.Design == d);
                html.Append("<td>").Append(Value(p.Net));
                if (nodal && d != MarketDesign.Nodal && p.DifferenceFromNodal is { } diff)
                {
                    html.Append(" <span class=\"").Append(diff >= 0 ? "pos" : "neg").Append("\">(").Append(diff >= 0 ? "+" : string.Empty).Append(Value(diff)).Append(")</span>");
                }

                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Distributions(StringBuilder html, ComparisonResult result)
    {
        html.Append("<h2>Over the intervals</h2>\n<table><tr><th>design</th><th>quantity</th><th>min</th><th>mean</th><th>p50</th><th>p95</th><th>max</th></tr>\n");
        foreach (var d in result.Distributions)
        {
            html.Append("<tr><td>").Append(MarketDesigns.Name(d.Design)).Append("</td><td style=\"text-align:left\">").Append(E(d.Quantity)).Append("</td><td>")
                .Append(Value(d.Min)).Append("</td><td>").Append(Value(d.Mean)).Append("</td><td>").Append(Value(d.P50)).Append("</td><td>")
                .Append(Value(d.P95)).Append("</td><td>").Append(Value(d.Max)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Maps(StringBuilder html, ComparisonResult result, NetworkMap map)
    {
        var prices = result.BusPrices;
        var low = prices.Count == 0 ? 0 : prices.Min(p => p.Price);
        var high = prices.Count == 0 ? 0 : prices.Max(p => p.Price);
        html.Append("<p>Mean price a load pays at each bus, one colour scale for all designs: <span style=\"color:").Append(Colour(0))
            .Append("\">■</span> ").Append(Value(low)).Append(" to <span style=\"color:").Append(Colour(1)).Append("\">■</span> ").Append(Value(high)).Append(" $/MWh.</p>\n<div class=\"maps\">\n");
        var at = map.Buses.ToDictionary(b => b.Bus);
        foreach (var design in result.Designs)
        {
            var mine = prices.Where(p => p.Design == design).ToDictionary(p => p.Bus, p => p.Price);
            html.Append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(MapSize).Append("\" height=\"").Append(MapSize)
                .Append("\" role=\"img\" aria-label=\"").Append(MarketDesigns.Name(design)).Append(" prices\"><rect width=\"100%\" height=\"100%\" fill=\"#fafafa\"/>");
            foreach (var br in map.Branches.Where(b => b.InService && at.ContainsKey(b.FromBus) && at.ContainsKey(b.ToBus)))
            {
                var (a, b) = (at[br.FromBus], at[br.ToBus]);
                html.Append("<line x1=\"").Append(P(a.X)).Append("\" y1=\"").Append(P(a.Y)).Append("\" x2=\"").Append(P(b.X)).Append("\" y2=\"").Append(P(b.Y))
                    .Append("\" stroke=\"#bbb\" stroke-width=\"0.7\"/>");
            }

            foreach (var bus in map.Buses)
            {
                if (!mine.TryGetValue(bus.Bus, out var price))
                {
                    continue;
                }

                var t = high > low ? (double)((price - low) / (high - low)) : 0.5;
                html.Append("<circle cx=\"").Append(P(bus.X)).Append("\" cy=\"").Append(P(bus.Y)).Append("\" r=\"3.2\" fill=\"").Append(Colour(t))
                    .Append("\"><title>bus ").Append(bus.Bus).Append(": ").Append(Value(price)).Append("</title></circle>");
            }

            html.Append("</svg><figcaption>").Append(MarketDesigns.Name(design)).Append("</figcaption></figure>\n");
        }

        html.Append("</div>\n");
    }

    /// <summary>Blue (low) to red (high) through pale yellow.</summary>
    private static string Colour(double t)
    {
        t = Math.Clamp(t, 0, 1);
        (double R, double G, double B) a = t < 0.5 ? (49, 54, 149) : (255, 255, 191);
        (double R, double G, double B) b = t < 0.5 ? (255, 255, 191) : (165, 0, 38);
        var u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
        return string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(a.R + ((b.R - a.R) * u)):x2}{(int)Math.Round(a.G + ((b.G - a.G) * u)):x2}{(int)Math.Round(a.B + ((b.B - a.B) * u)):x2}");
    }

    private static string P(double unit) => N(12 + (unit * (MapSize - 24)));

    private static string N(double v) => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture);

    private static string Value(decimal v) => v.ToString("#,0.00####", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
