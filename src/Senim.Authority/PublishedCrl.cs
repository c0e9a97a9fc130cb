using System.Security.Cryptography;

namespace Senim.Authority;

/// <summary>A newly signed CRL.</summary>
/// <param name="Der">The CRL, DER: what the CRL distribution point serves.</param>
/// <param name="Number">Its cRLNumber.</param>
/// <param name="ThisUpdate">When it was issued.</param>
/// <param name="NextUpdate">When the next one is due.</param>
/// <param name="Entries">How many certificates it lists.</param>
public sealed record PublishedCrl(byte[] Der, System.Numerics.BigInteger Number, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, int Entries)
{
    /// <summary>The CRL as PEM ("X509 CRL").</summary>
    public string ToPem() => new string(PemEncoding.Write("X509 CRL", Der)) + "\n";
}
