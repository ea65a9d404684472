namespace Gridclear.Designs.FlowPaths;

/// <summary>A binding constraint of a day-ahead run, as its constraints.csv gives it, with its congestion rent.</summary>
/// <param name="Constraint">Its name: <c>FROM-TO</c> (optionally <c>:circuit</c>) for a branch, else the interface's
/// or nomogram's.</param>
/// <param name="Kind"><c>branch</c>, <c>interface</c> or <c>nomogram</c>.</param>
/// <param name="Rent">Shadow price × |limit| × hours, $: what the constraint's congestion is worth.</param>
public sealed record BindingRent(string Constraint, string Kind, double Rent);

/// <summary>One monitored element's congestion over the runs, ranked.</summary>
/// <param name="Scope"><c>inter_zonal</c> or <c>intra_zonal</c> for a branch, else its kind.</param>
/// <param name="Zone">The zone of an intra-zonal branch; for an inter-zonal one, its ends' zones <c>A|B</c>.</param>
/// <param name="Path">The flow path already holding the element (a branch of it, or the interface of its name).</param>
/// <param name="Share">Its rent over the total rent of every element.</param>
/// <param name="Bindings">Rows (intervals × contingencies × runs) in which it bound.</param>
public sealed record ElementCongestion(int Rank, string Element, string Kind, string Scope, string? Zone, string? Path, double Rent, double Share, int Bindings, string Suggestion);

/// <summary>A zone's internal congestion: the rent of its intra-zonal branches, and whether it is commercially
/// significant (the zone should be split or a path created inside it, N6).</summary>
public sealed record ZoneCongestion(string Zone, double Rent, double Share, bool Significant);

/// <summary>
/// Which paths are commercially significant (P1) and which zones hide significant congestion (N6, 001 F): the binding
/// constraints of one or more day-ahead runs ranked by congestion rent. An element is significant when its share of the
/// total rent reaches <c>significance</c>: an inter-zonal branch or interface not yet on a path should get one; an
/// intra-zonal branch says its zone should be split. A zone whose intra-zonal branches together reach the share is
/// reported for splitting.
/// </summary>
public static class PathSuggestions
{
    public static (IReadOnlyList<ElementCongestion> Elements, IReadOnlyList<ZoneCongestion> Zones) Rank(
        IEnumerable<BindingRent> bindings,
        IReadOnlyDictionary<int, string> zoneOfBus,
        IReadOnlyDictionary<(int, int), string> pathOfBranch,
        IReadOnlySet<string> pathNames,
        double significance)
    {
        var byElement = new Dictionary<(string Kind, string Name), (double Rent, int Count)>();
        var order = new List<(string Kind, string Name)>();
        foreach (var b in bindings.Where(b => b.Kind is "branch" or "interface" or "nomogram"))
        {
            // Contingency rows of a branch name the branch watched: one element, whatever the outage.
            var key = (b.Kind, b.Constraint);
            if (!byElement.TryGetValue(key, out var v))
            {
                order.Add(key);
            }

            byElement[key] = (v.Rent + b.Rent, v.Count + 1);
        }

        var total = byElement.Values.Sum(v => v.Rent);
        var zoneRent = new Dictionary<string, double>(StringComparer.Ordinal);
        var rows = new List<ElementCongestion>();
        foreach (var key in order.OrderByDescending(k => byElement[k].Rent).ThenBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            var (rent, count) = byElement[key];
            var share = total > 0 ? rent / total : 0;
            var significant = share >= significance && rent > 0;
            string scope = key.Kind;
            string? zone = null;
            string? path = pathNames.Contains(key.Name) && key.Kind == "interface" ? key.Name : null;
            if (key.Kind == "branch" && Ends(key.Name) is var (from, to))
            {
                var zf = zoneOfBus.GetValueOrDefault(from);
                var zt = zoneOfBus.GetValueOrDefault(to);
                scope = zf is not null && zf == zt ? "intra_zonal" : "inter_zonal";
                zone = scope == "intra_zonal" ? zf : $"{zf}|{zt}";
                path = pathOfBranch.GetValueOrDefault((Math.Min(from, to), Math.Max(from, to)));
                if (scope == "intra_zonal")
                {
                    zoneRent[zf!] = zoneRent.GetValueOrDefault(zf!) + rent;
                }
            }

            var suggestion = !significant ? "not significant"
                : path is not null ? $"on flow path {path}"
                : scope == "intra_zonal" ? $"split zone {zone} or create a flow path over it (N6)"
                : key.Kind == "nomogram" ? "nomogram rights (F9)"
                : "create a flow path (P1)";
            rows.Add(new ElementCongestion(rows.Count + 1, key.Name, key.Kind, scope, zone, path, rent, share, count, suggestion));
        }

        var zones = zoneRent.OrderByDescending(z => z.Value).ThenBy(z => z.Key, StringComparer.Ordinal)
            .Select(z => new ZoneCongestion(z.Key, z.Value, total > 0 ? z.Value / total : 0, total > 0 && z.Value / total >= significance))
            .ToList();
        return (rows, zones);
    }

    /// <summary>The end buses of a branch named <c>FROM-TO</c> or <c>FROM-TO:circuit</c>, or null.</summary>
    public static (int From, int To)? Ends(string name)
    {
        var core = name.Split(':')[0];
        var dash = core.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && int.TryParse(core[..dash], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var from)
            && int.TryParse(core[(dash + 1)..], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var to)
            ? (from, to) : null;
    }
}
