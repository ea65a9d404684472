using System.Security.Cryptography;
using System.Text;

namespace Gridclear.Store;

/// <summary>
/// API keys: 32 random bytes (256 bits) written in base64url with a prefix. The store keeps only the SHA-256 of the
/// key: with that much entropy a salt or a slow hash adds nothing (no dictionary to try), and lookups stay one index
/// probe per request.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "gck_";

    public static string NewKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return Prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
