using System.Security.Cryptography;

namespace Senim.Authority.Keys;

/// <summary>
/// A private key held by a key store. It signs, and gives out its public key, but never its private
/// part: a store backed by a hardware module can implement it without the key leaving the module.
/// </summary>
public interface ISigningKey : IDisposable
{
    /// <summary>The key's name in its store.</summary>
    string Name { get; }

    /// <summary>The curve and hash.</summary>
    KeyAlgorithm Algorithm { get; }

    /// <summary>The DER SubjectPublicKeyInfo of the public key.</summary>
    byte[] ExportSubjectPublicKeyInfo();

    /// <summary>Hashes <paramref name="data"/> with the algorithm's hash and signs it.</summary>
    /// <param name="format">IEEE P1363 r‖s for COSE (C2PA), RFC 3279 DER for X.509 and CMS.</param>
    byte[] SignData(ReadOnlySpan<byte> data, DSASignatureFormat format);

    /// <summary>Signs a digest the caller computed; its length must match the algorithm's hash.</summary>
    /// <param name="format">IEEE P1363 r‖s for COSE (C2PA), RFC 3279 DER for X.509 and CMS.</param>
    byte[] SignHash(ReadOnlySpan<byte> hash, DSASignatureFormat format);
}
