using System.Security.Cryptography;
using System.Text;

namespace Senim.Registry.Citizens;

/// <summary>
/// A person's key to their request without an account (ADR 0025): 80 random bits as 16 Crockford base32 characters,
/// then one check character (Luhn mod 32), shown as <c>XXXX-XXXX-XXXX-XXXX-C</c>. The check tells a mistyped code
/// from an unknown one; reading forgives case, hyphens, spaces, and I, L, O for 1, 1, 0. The register keeps only the
/// SHA-256 of the 16 characters.
/// </summary>
public static class TrackingCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int DataLength = 16;

    /// <summary>How a typed code reads.</summary>
    public enum Reading
    {
        Valid,

        /// <summary>Not 17 characters of the alphabet (after forgiving case, hyphens and look-alikes).</summary>
        Malformed,

        /// <summary>The right shape, but the check character does not match: a typo.</summary>
        Mistyped,
    }

    /// <summary>A new random code, formatted.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        var data = new StringBuilder(DataLength);
        ulong buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                data.Append(Alphabet[(int)((buffer >> bits) & 31)]);
            }
        }

        return Format(data.ToString());
    }

    /// <summary>Reads a typed code; <paramref name="data"/> is its 16 canonical characters when valid.</summary>
    public static Reading Read(string? typed, out string data)
    {
        data = "";
        var canonical = new StringBuilder(DataLength + 1);
        foreach (var c in typed ?? "")
        {
            if (c is '-' or ' ' or '\t')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };
            if (Alphabet.IndexOf(upper, StringComparison.Ordinal) < 0 || canonical.Length > DataLength)
            {
                return Reading.Malformed;
            }

            canonical.Append(upper);
        }

        if (canonical.Length != DataLength + 1)
        {
            return Reading.Malformed;
        }

        var body = canonical.ToString(0, DataLength);
        if (Check(body) != canonical[DataLength])
        {
            return Reading.Mistyped;
        }

        data = body;
        return Reading.Valid;
    }

    /// <summary>The stored form: lowercase hex SHA-256 of the 16 canonical characters.</summary>
    public static string Hash(string data) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(data)));

    /// <summary>The hash of a formatted code that is known to be valid (one the register just made).</summary>
    public static string HashOf(string code) => Read(code, out var data) == Reading.Valid ? Hash(data) : throw new ArgumentException("not a valid tracking code", nameof(code));

    private static string Format(string data) =>
        $"{data[..4]}-{data[4..8]}-{data[8..12]}-{data[12..16]}-{Check(data)}";

    /// <summary>Luhn mod 32: catches every single wrong character and almost every swap of two neighbours.</summary>
    private static char Check(string data)
    {
        var factor = 2;
        var sum = 0;
        for (var i = data.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(data[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / 32) + (addend % 32);
        }

        return Alphabet[(32 - (sum % 32)) % 32];
    }
}
