using System.Security.Cryptography;

namespace Senim.Authority.Keys;

/// <summary>
/// An <see cref="ISigningKey"/> over an ECDSA key held in this process's memory. Signing is serialised:
/// the handle may be shared between requests, and .NET's ECDsa objects are not promised to be thread-safe.
/// </summary>
internal sealed class EcdsaSigningKey(string name, KeyAlgorithm algorithm, ECDsa key) : ISigningKey
{
    private readonly Lock _lock = new();

    public string Name { get; } = name;

    public KeyAlgorithm Algorithm { get; } = algorithm;

    public byte[] ExportSubjectPublicKeyInfo() => key.ExportSubjectPublicKeyInfo();

    public byte[] SignData(ReadOnlySpan<byte> data, DSASignatureFormat format)
    {
        lock (_lock)
        {
            return key.SignData(data, Algorithm.Hash(), format);
        }
    }

    public byte[] SignHash(ReadOnlySpan<byte> hash, DSASignatureFormat format)
    {
        var expected = Algorithm == KeyAlgorithm.EcP256 ? 32 : 48;
        if (hash.Length != expected)
        {
            throw new ArgumentException($"A {Algorithm.CoseName()} digest is {expected} bytes, not {hash.Length}.", nameof(hash));
        }

        lock (_lock)
        {
            return key.SignHash(hash, format);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            key.Dispose();
        }
    }
}
