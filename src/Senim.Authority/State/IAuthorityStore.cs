using System.Numerics;

namespace Senim.Authority.State;

/// <summary>
/// The authority's state: the certificates it issued (with their revocations) and the CRL counters.
/// The CLI and tests use <see cref="FileAuthorityStore"/>; the register keeps the same in its database.
/// Implementations make each call atomic; serials are upper-case hex.
/// </summary>
public interface IAuthorityStore
{
    /// <summary>The newest certificate of a CA kind (<see cref="CertificateKind.Root"/> or <see cref="CertificateKind.IssuingCa"/>), or null.</summary>
    Task<IssuedCertificate?> FindCaAsync(CertificateKind kind, CancellationToken cancellationToken = default);

    /// <summary>The certificate with this serial, or null.</summary>
    Task<IssuedCertificate?> FindAsync(string serial, CancellationToken cancellationToken = default);

    /// <summary>Every certificate issued to a system, oldest first.</summary>
    Task<IReadOnlyList<IssuedCertificate>> FindBySystemAsync(string registerNumber, CancellationToken cancellationToken = default);

    /// <summary>Every certificate, oldest first.</summary>
    Task<IReadOnlyList<IssuedCertificate>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a new certificate; throws <see cref="InvalidOperationException"/> if the serial exists.</summary>
    Task AddAsync(IssuedCertificate certificate, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears (null) a certificate's revocation.</summary>
    Task SetRevocationAsync(string serial, Revocation? revocation, CancellationToken cancellationToken = default);

    /// <summary>The certificates signed by <paramref name="issuerSerial"/> that are revoked or on hold: a CRL's entries.</summary>
    Task<IReadOnlyList<IssuedCertificate>> RevokedByAsync(string issuerSerial, CancellationToken cancellationToken = default);

    /// <summary>Takes the next CRL number of an issuer (1, 2, 3, ...): never the same twice.</summary>
    Task<BigInteger> NextCrlNumberAsync(string issuerSerial, CancellationToken cancellationToken = default);
}
