using Senim.Authority.Keys;
using Senim.Authority.State;

namespace Senim.Authority;

/// <summary>
/// A managed signer, ready to sign: the certificate, the x5chain to embed, and the key handle. The key
/// signs but never leaves the key store's handle.
/// </summary>
public sealed class ManagedSigner(IssuedCertificate certificate, IReadOnlyList<byte[]> chain, ISigningKey key) : IDisposable
{
    /// <summary>The signer certificate.</summary>
    public IssuedCertificate Certificate { get; } = certificate;

    /// <summary>Signer certificate then issuing CA, DER: the COSE x5chain.</summary>
    public IReadOnlyList<byte[]> Chain { get; } = chain;

    /// <summary>The key.</summary>
    public ISigningKey Key { get; } = key;

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();
}
