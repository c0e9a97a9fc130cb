using System.Security.Cryptography;
using System.Text;

namespace Senim.Registry.Access;

/// <summary>
/// Bearer secrets the register hands out once and keeps only as a hash (API tokens, invitation links): random
/// bytes written in Base64url, the lower-case hex SHA-256 of that text stored, compared in constant time.
/// </summary>
internal static class Secrets
{
    /// <summary>A new secret of <paramref name="bytes"/> random bytes, in Base64url without padding.</summary>
    public static string New(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What is stored for a secret.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether a secret as sent matches a stored hash, in time that does not depend on where they differ.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
