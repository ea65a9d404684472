using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gridclear.Flows;

/// <summary>
/// The version id of a shift-factor library (X5, N3): a hash of what the factors depend on and nothing else, so a
/// participant can tell which library a result used. Shift factors in MW/MW are fixed by the buses (their numbers and
/// order), the reference bus, and each in-service branch's ends and susceptance (reactance and tap); loads, offers,
/// ratings and phase-shifter angles do not change them and do not change the version. Switching a branch in or out,
/// changing an impedance or the reference bus does.
/// </summary>
public static class TopologyVersion
{
    /// <summary>16 hex digits: the first 64 bits of SHA-256 over the topology written out in invariant text.</summary>
    public static string Of(Network.Network network)
    {
        var text = new StringBuilder();
        text.Append("buses");
        foreach (var id in network.BusIds)
        {
            text.Append(' ').Append(id.ToString(CultureInfo.InvariantCulture));
        }

        text.Append("\nreference ").Append(network.BusIds[network.ReferenceBus].ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var br in network.Branches)
        {
            text.Append(network.BusIds[br.From].ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(network.BusIds[br.To].ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(br.Susceptance.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
