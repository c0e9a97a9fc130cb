using System.Numerics;
using Senim.Authority.State;

namespace Senim.Benchmarks;

/// <summary>The authority's state in memory, so benchmarks measure the cryptography, not a growing JSON file.</summary>
internal sealed class MemoryAuthorityStore : IAuthorityStore
{
    private readonly List<IssuedCertificate> _certificates = [];
    private readonly Dictionary<string, long> _crlNumbers = [];
    private readonly Lock _lock = new();

    public Task<IssuedCertificate?> FindCaAsync(CertificateKind kind, CancellationToken cancellationToken = default) =>
        Locked(() => _certificates.LastOrDefault(c => c.Kind == kind));

    public Task<IssuedCertificate?> FindAsync(string serial, CancellationToken cancellationToken = default) =>
        Locked(() => _certificates.FirstOrDefault(c => c.Serial == serial));

    public Task<IReadOnlyList<IssuedCertificate>> FindBySystemAsync(string registerNumber, CancellationToken cancellationToken = default) =>
        Locked<IReadOnlyList<IssuedCertificate>>(() => [.. _certificates.Where(c => c.RegisterNumber == registerNumber)]);

    public Task<IReadOnlyList<IssuedCertificate>> ListAsync(CancellationToken cancellationToken = default) =>
        Locked<IReadOnlyList<IssuedCertificate>>(() => [.. _certificates]);

    public Task AddAsync(IssuedCertificate certificate, CancellationToken cancellationToken = default) =>
        Locked(() =>
        {
            _certificates.Add(certificate);
            return true;
        });

    public Task SetRevocationAsync(string serial, Revocation? revocation, CancellationToken cancellationToken = default) =>
        Locked(() =>
        {
            var index = _certificates.FindIndex(c => c.Serial == serial);
            _certificates[index] = _certificates[index] with { Revocation = revocation };
            return true;
        });

    public Task<IReadOnlyList<IssuedCertificate>> RevokedByAsync(string issuerSerial, CancellationToken cancellationToken = default) =>
        Locked<IReadOnlyList<IssuedCertificate>>(() => [.. _certificates.Where(c => c.Revocation is not null && c.IssuerSerial == issuerSerial && c.Serial != issuerSerial)]);

    public Task<BigInteger> NextCrlNumberAsync(string issuerSerial, CancellationToken cancellationToken = default) =>
        Locked(() => new BigInteger(_crlNumbers[issuerSerial] = _crlNumbers.GetValueOrDefault(issuerSerial) + 1));

    private Task<T> Locked<T>(Func<T> work)
    {
        lock (_lock)
        {
            return Task.FromResult(work());
        }
    }
}
