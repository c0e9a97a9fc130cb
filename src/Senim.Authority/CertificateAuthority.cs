using System.Security.Cryptography.X509Certificates;
using Senim.Authority.Issuance;
using Senim.Authority.Keys;
using Senim.Authority.State;

namespace Senim.Authority;

/// <summary>
/// Senim's two-level certificate authority for label signing: a root CA (P-384, pathLen 1) that signs one
/// issuing CA (P-384, pathLen 0), which issues C2PA signer certificates to registered AI systems, revokes
/// them, and signs CRLs. Private keys stay in the <see cref="IKeyStore"/>; certificates, revocations and
/// CRL numbers live in the <see cref="IAuthorityStore"/>.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>The root CA key's name in the key store.</summary>
    public const string RootKeyName = "ca-root";

    /// <summary>The issuing CA key's name in the key store.</summary>
    public const string IssuingKeyName = "ca-issuing";

    private readonly AuthorityOptions _options;
    private readonly IKeyStore _keys;
    private readonly IAuthorityStore _store;
    private readonly TimeProvider _time;
    private readonly Lock _keyLock = new();
    private ISigningKey? _issuingKey;

    private CertificateAuthority(AuthorityOptions options, IKeyStore keys, IAuthorityStore store, TimeProvider time, IssuedCertificate root, IssuedCertificate issuing)
    {
        _options = options;
        _keys = keys;
        _store = store;
        _time = time;
        Root = root;
        Issuing = issuing;
    }

    /// <summary>The root CA certificate: the trust anchor verifiers configure.</summary>
    public IssuedCertificate Root { get; }

    /// <summary>The issuing CA certificate: the intermediate every signer's chain carries.</summary>
    public IssuedCertificate Issuing { get; }

    /// <summary>
    /// Sets up the authority, or loads it when it is set up already: creates (or finds) the root and issuing
    /// CA keys and certificates. A key left without its certificate by an interrupted set-up is reused.
    /// </summary>
    /// <returns>The authority and whether anything was created.</returns>
    public static async Task<(CertificateAuthority Authority, bool Created)> InitializeAsync(
        AuthorityOptions options, IKeyStore keys, IAuthorityStore store, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var created = false;

        var root = await store.FindCaAsync(CertificateKind.Root, cancellationToken);
        if (root is null)
        {
            using var rootKey = keys.Contains(RootKeyName) ? keys.Open(RootKeyName) : keys.Create(RootKeyName, KeyAlgorithm.EcP384);
            root = CreateRoot(options, rootKey, time);
            await store.AddAsync(root, cancellationToken);
            created = true;
        }
        else
        {
            OpenCaKey(keys, RootKeyName, root).Dispose();
        }

        var issuing = await store.FindCaAsync(CertificateKind.IssuingCa, cancellationToken);
        if (issuing is null)
        {
            using var rootKey = keys.Open(RootKeyName);
            using var issuingKey = keys.Contains(IssuingKeyName) ? keys.Open(IssuingKeyName) : keys.Create(IssuingKeyName, KeyAlgorithm.EcP384);
            issuing = CreateIssuing(options, root, rootKey, issuingKey, time);
            await store.AddAsync(issuing, cancellationToken);
            created = true;
        }
        else
        {
            OpenCaKey(keys, IssuingKeyName, issuing).Dispose();
        }

        return (new CertificateAuthority(options, keys, store, time, root, issuing), created);
    }

    /// <summary>Loads an authority that was set up with <see cref="InitializeAsync"/>.</summary>
    /// <exception cref="AuthorityException">With <see cref="AuthorityError.NotFound"/> when it has not been set up.</exception>
    public static async Task<CertificateAuthority> OpenAsync(
        AuthorityOptions options, IKeyStore keys, IAuthorityStore store, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var root = await store.FindCaAsync(CertificateKind.Root, cancellationToken);
        var issuing = await store.FindCaAsync(CertificateKind.IssuingCa, cancellationToken);
        if (root is null || issuing is null)
        {
            throw new AuthorityException(AuthorityError.NotFound, "The certificate authority has not been set up (senim pki init).");
        }

        return new CertificateAuthority(options, keys, store, time, root, issuing);
    }

    /// <summary>
    /// Issues a signer certificate for a key the owner keeps: the request proves possession of the key,
    /// everything else in the certificate comes from <paramref name="identity"/> and the profile.
    /// </summary>
    public async Task<IssuedCertificate> IssueFromRequestAsync(SystemIdentity identity, ReadOnlyMemory<byte> request, TimeSpan? validity = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        identity = identity.Validated();
        var (publicKey, _) = SigningRequest.Read(request.Span);
        var window = ValidityWindow(validity);
        var issued = IssueSigner(identity, publicKey, CertificateProfiles.NewSerial(), window, KeyCustody.Owner, null);
        await _store.AddAsync(issued, cancellationToken);
        return issued;
    }

    /// <summary>
    /// Generates a P-256 key for the system in the key store and issues its signer certificate; the owner
    /// then signs through <see cref="OpenSignerAsync"/> without ever holding the key.
    /// </summary>
    public async Task<IssuedCertificate> IssueManagedAsync(SystemIdentity identity, TimeSpan? validity = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        identity = identity.Validated();
        var window = ValidityWindow(validity);
        var serial = CertificateProfiles.NewSerial();
        var keyName = $"signer-{identity.RegisterNumber}-{Convert.ToHexString(serial)}";
        using var key = _keys.Create(keyName, KeyAlgorithm.EcP256);
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        var issued = IssueSigner(identity, publicKey, serial, window, KeyCustody.Managed, keyName);
        await _store.AddAsync(issued, cancellationToken);
        return issued;
    }

    /// <summary>
    /// Opens the signing key of a managed certificate that is valid now and not revoked or on hold.
    /// Dispose the result when done.
    /// </summary>
    public async Task<ManagedSigner> OpenSignerAsync(string serial, CancellationToken cancellationToken = default)
    {
        var certificate = await FindAsync(serial, cancellationToken);
        if (certificate.Kind != CertificateKind.Signer || certificate.Custody != KeyCustody.Managed || certificate.KeyName is null)
        {
            throw new AuthorityException(AuthorityError.Conflict, $"Certificate {certificate.Serial} is not a signer certificate with a key Senim holds.");
        }

        if (certificate.Revocation is { } revocation)
        {
            throw new AuthorityException(AuthorityError.Conflict, $"Certificate {certificate.Serial} is {Describe(revocation)}; Senim does not sign with it.");
        }

        var now = _time.GetUtcNow();
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            throw new AuthorityException(AuthorityError.Conflict, $"Certificate {certificate.Serial} is valid from {certificate.NotBefore:u} to {certificate.NotAfter:u}, not now.");
        }

        var key = _keys.Open(certificate.KeyName);
        return new ManagedSigner(certificate, ChainFor(certificate), key);
    }

    /// <summary>The x5chain a label carries for a signer: the signer certificate, then the issuing CA (the root is left out).</summary>
    public IReadOnlyList<byte[]> ChainFor(IssuedCertificate signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return [signer.Der, Issuing.Der];
    }

    /// <summary>
    /// Revokes a certificate, or puts it on hold (<see cref="RevocationReason.CertificateHold"/>). A hold can
    /// be turned into a permanent revocation (the original date stays); a permanent revocation is final.
    /// </summary>
    public async Task<IssuedCertificate> RevokeAsync(string serial, RevocationReason reason, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"{(int)reason} is not a revocation reason Senim uses.");
        }

        var certificate = await FindAsync(serial, cancellationToken);
        if (certificate.Kind == CertificateKind.Root)
        {
            throw new AuthorityException(AuthorityError.Conflict, "The root cannot revoke itself; to retire it, remove it from verifiers' trust anchors.");
        }

        Revocation revocation;
        switch (certificate.Revocation)
        {
            case null:
                revocation = new Revocation(Now(), reason);
                break;
            case { Reason: RevocationReason.CertificateHold } hold when reason != RevocationReason.CertificateHold:
                revocation = hold with { Reason = reason };
                break;
            case { } existing:
                throw new AuthorityException(AuthorityError.Conflict, $"Certificate {certificate.Serial} is already {Describe(existing)}.");
        }

        await _store.SetRevocationAsync(certificate.Serial, revocation, cancellationToken);
        return certificate with { Revocation = revocation };
    }

    /// <summary>Lifts a hold (the system's suspension ended): the next CRL no longer lists the certificate.</summary>
    public async Task<IssuedCertificate> ReleaseHoldAsync(string serial, CancellationToken cancellationToken = default)
    {
        var certificate = await FindAsync(serial, cancellationToken);
        if (certificate.Revocation is not { Reason: RevocationReason.CertificateHold })
        {
            throw new AuthorityException(
                AuthorityError.Conflict,
                certificate.Revocation is { } other
                    ? $"Certificate {certificate.Serial} is {Describe(other)}, which cannot be lifted."
                    : $"Certificate {certificate.Serial} is not on hold.");
        }

        await _store.SetRevocationAsync(certificate.Serial, null, cancellationToken);
        return certificate with { Revocation = null };
    }

    /// <summary>
    /// Signs a new complete CRL for the issuing CA (listing revoked and held signer certificates) or for the
    /// root (listing a revoked issuing CA), with the next CRL number and nextUpdate per the options.
    /// </summary>
    public async Task<PublishedCrl> CreateCrlAsync(CertificateKind issuer, CancellationToken cancellationToken = default)
    {
        var (ca, validity) = issuer switch
        {
            CertificateKind.IssuingCa => (Issuing, _options.IssuingCrlValidity),
            CertificateKind.Root => (Root, _options.RootCrlValidity),
            _ => throw new AuthorityException(AuthorityError.InvalidInput, "Only the root and the issuing CA sign CRLs."),
        };

        var entries = await _store.RevokedByAsync(ca.Serial, cancellationToken);
        var number = await _store.NextCrlNumberAsync(ca.Serial, cancellationToken);
        var thisUpdate = Now();
        var nextUpdate = thisUpdate + validity;

        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in entries.OrderBy(e => e.Revocation!.At).ThenBy(e => e.Serial, StringComparer.Ordinal))
        {
            var reason = entry.Revocation!.Reason;

            // RFC 5280 §5.3.1: the reasonCode "unspecified" should be absent rather than written.
            builder.AddEntry(Convert.FromHexString(entry.Serial), entry.Revocation.At, reason == RevocationReason.Unspecified ? null : (X509RevocationReason)reason);
        }

        using var caCertificate = ca.ToCertificate();
        var aki = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caCertificate, includeKeyIdentifier: true, includeIssuerAndSerial: false);
        byte[] der;
        if (issuer == CertificateKind.Root)
        {
            using var rootKey = OpenCaKey(_keys, RootKeyName, ca);
            der = builder.Build(caCertificate.SubjectName, new KeySignatureGenerator(rootKey), number, nextUpdate, rootKey.Algorithm.Hash(), aki, thisUpdate);
        }
        else
        {
            var issuingKey = IssuingKey();
            der = builder.Build(caCertificate.SubjectName, new KeySignatureGenerator(issuingKey), number, nextUpdate, issuingKey.Algorithm.Hash(), aki, thisUpdate);
        }

        return new PublishedCrl(der, number, thisUpdate, nextUpdate, entries.Count);
    }

    /// <summary>The certificate with this serial (hex, any case, colons allowed).</summary>
    /// <exception cref="AuthorityException">Bad serial format, or no such certificate.</exception>
    public async Task<IssuedCertificate> FindAsync(string serial, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeSerial(serial);
        return await _store.FindAsync(normalized, cancellationToken)
            ?? throw new AuthorityException(AuthorityError.NotFound, $"No certificate with serial {normalized} was issued by this authority.");
    }

    /// <summary>Upper-case hex without separators; throws <see cref="AuthorityException"/> for anything that is not hex.</summary>
    public static string NormalizeSerial(string serial)
    {
        var cleaned = (serial ?? "").Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (cleaned.Length is 0 or > 40 || cleaned.Length % 2 != 0 || !cleaned.All(char.IsAsciiHexDigit))
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"'{serial}' is not a certificate serial number (an even number of hex digits, at most 20 bytes).");
        }

        return cleaned;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_keyLock)
        {
            _issuingKey?.Dispose();
            _issuingKey = null;
        }
    }

    private IssuedCertificate IssueSigner(SystemIdentity identity, PublicKey publicKey, byte[] serial, (DateTimeOffset NotBefore, DateTimeOffset NotAfter) window, KeyCustody custody, string? keyName)
    {
        using var issuingCertificate = Issuing.ToCertificate();
        var key = IssuingKey();
        var request = CertificateProfiles.Signer(identity, publicKey, key.Algorithm.Hash(), issuingCertificate, _options);
        using var certificate = request.Create(issuingCertificate.SubjectName, new KeySignatureGenerator(key), window.NotBefore, window.NotAfter, serial);
        return Record(certificate, CertificateKind.Signer, Issuing.Serial, identity.RegisterNumber, custody, keyName);
    }

    private (DateTimeOffset NotBefore, DateTimeOffset NotAfter) ValidityWindow(TimeSpan? validity)
    {
        var length = validity ?? _options.SignerValidity;
        if (length < TimeSpan.FromDays(1) || length > AuthorityOptions.MaxSignerValidity)
        {
            throw new AuthorityException(AuthorityError.InvalidInput, $"A signer certificate may be valid for 1 to {AuthorityOptions.MaxSignerValidity.TotalDays:0} days, not {length.TotalDays:0.##}.");
        }

        if (Issuing.Revocation is { } revoked)
        {
            throw new AuthorityException(AuthorityError.Conflict, $"The issuing CA is {Describe(revoked)}; it cannot issue.");
        }

        var now = Now();
        if (Issuing.NotAfter - now < TimeSpan.FromDays(1))
        {
            throw new AuthorityException(AuthorityError.Conflict, $"The issuing CA expires at {Issuing.NotAfter:u}; set up a new one before issuing.");
        }

        // A certificate never outlives its issuer.
        var notAfter = now + length < Issuing.NotAfter ? now + length : Issuing.NotAfter;
        return (now, notAfter);
    }

    private ISigningKey IssuingKey()
    {
        lock (_keyLock)
        {
            return _issuingKey ??= OpenCaKey(_keys, IssuingKeyName, Issuing);
        }
    }

    private static ISigningKey OpenCaKey(IKeyStore keys, string name, IssuedCertificate certificate)
    {
        if (!keys.Contains(name))
        {
            throw new AuthorityException(AuthorityError.Inconsistent, $"The certificate {certificate.Serial} ({certificate.Subject}) is recorded but its key '{name}' is missing from the key store.");
        }

        var key = keys.Open(name);
        using var x509 = certificate.ToCertificate();
        if (!key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(x509.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            key.Dispose();
            throw new AuthorityException(AuthorityError.Inconsistent, $"The key '{name}' in the key store does not belong to the certificate {certificate.Serial} ({certificate.Subject}).");
        }

        return key;
    }

    private static IssuedCertificate CreateRoot(AuthorityOptions options, ISigningKey key, TimeProvider time)
    {
        var now = Truncate(time.GetUtcNow());
        var subject = CertificateProfiles.CaName(options, $"{options.OperatorName} Label Root CA");
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        var request = CertificateProfiles.Root(subject, publicKey, key.Algorithm.Hash());
        using var certificate = request.Create(subject, new KeySignatureGenerator(key), now, now + options.RootValidity, CertificateProfiles.NewSerial());
        return Record(certificate, CertificateKind.Root, certificate.SerialNumber, null, KeyCustody.Authority, RootKeyName);
    }

    private static IssuedCertificate CreateIssuing(AuthorityOptions options, IssuedCertificate root, ISigningKey rootKey, ISigningKey issuingKey, TimeProvider time)
    {
        using var rootCertificate = root.ToCertificate();
        if (!rootKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(rootCertificate.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            throw new AuthorityException(AuthorityError.Inconsistent, $"The key '{RootKeyName}' does not belong to the recorded root certificate {root.Serial}.");
        }

        var now = Truncate(time.GetUtcNow());
        var notAfter = now + options.IssuingValidity < root.NotAfter ? now + options.IssuingValidity : root.NotAfter;
        var subject = CertificateProfiles.CaName(options, $"{options.OperatorName} Label Issuing CA 1");
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(issuingKey.ExportSubjectPublicKeyInfo(), out _);
        var request = CertificateProfiles.Issuing(subject, publicKey, rootKey.Algorithm.Hash(), rootCertificate, options);
        using var certificate = request.Create(rootCertificate.SubjectName, new KeySignatureGenerator(rootKey), now, notAfter, CertificateProfiles.NewSerial());
        return Record(certificate, CertificateKind.IssuingCa, root.Serial, null, KeyCustody.Authority, IssuingKeyName);
    }

    private static IssuedCertificate Record(X509Certificate2 certificate, CertificateKind kind, string issuerSerial, string? registerNumber, KeyCustody custody, string? keyName) =>
        new(certificate.SerialNumber, kind, issuerSerial, registerNumber, certificate.Subject,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            certificate.RawData, custody, keyName, null);

    private DateTimeOffset Now() => Truncate(_time.GetUtcNow());

    // Certificates and CRLs carry whole seconds; truncating keeps the recorded times equal to the encoded ones.
    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Describe(Revocation revocation) => revocation.Reason == RevocationReason.CertificateHold
        ? $"on hold since {revocation.At:u}"
        : $"revoked since {revocation.At:u} ({revocation.Reason})";
}
