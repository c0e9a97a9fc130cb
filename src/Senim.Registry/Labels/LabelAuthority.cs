using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Senim.Authority;
using Senim.Authority.Keys;
using Senim.Authority.State;
using Senim.Labels.Trust;
using Senim.Labels.Validation;
using Senim.Registry.Files;
using AuthorityCrl = Senim.Authority.PublishedCrl;

namespace Senim.Registry.Labels;

/// <summary>
/// Senim's label certificate authority as the register hosts it: one per process, set up on first use
/// (the web host does it at start), its keys in a <see cref="FileKeyStore"/> and its certificates,
/// revocations and CRL numbers in the authority's own state file. It keeps the current CRLs and the
/// label validator built on them, and signs a fresh issuing CRL after every revocation.
/// </summary>
public sealed class LabelAuthority(LabelSettings settings, TimeProvider time, ILogger<LabelAuthority> logger) : IDisposable
{
    private readonly SemaphoreSlim _setup = new(1, 1);
    private readonly SemaphoreSlim _crls = new(1, 1);
    private CertificateAuthority? _authority;
    private FileAuthorityStore? _store;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ManagedSigner> _signers = new(StringComparer.Ordinal);
    private Published? _published;

    /// <summary>The settings it runs with.</summary>
    public LabelSettings Settings => settings;

    /// <summary>Serialises issuance per process, so two first uses of a system do not make two managed keys.</summary>
    public SemaphoreSlim IssueGate { get; } = new(1, 1);

    /// <summary>The authority, set up (root and issuing CA created) if this is the first use of its folder.</summary>
    public async Task<CertificateAuthority> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _authority) is { } ready)
        {
            return ready;
        }

        await _setup.WaitAsync(cancellationToken);
        try
        {
            if (_authority is not null)
            {
                return _authority;
            }

            var options = new AuthorityOptions { BaseUrl = settings.BaseUrl };
            PrivateFiles.CreateFolder(settings.PkiDirectory);
            var keys = new FileKeyStore(Path.Combine(settings.PkiDirectory, "keys"), settings.Password, settings.KeyIterations);
            _store = new FileAuthorityStore(settings.PkiDirectory, time);
            var (authority, created) = await CertificateAuthority.InitializeAsync(options, keys, _store, time, cancellationToken);
            if (created)
            {
                logger.LogWarning("Label certificate authority created in {Folder}: root {Root}, issuing CA {Issuing}; certificates name {Base}", settings.PkiDirectory, authority.Root.Serial, authority.Issuing.Serial, settings.BaseUrl);
            }
            else
            {
                logger.LogInformation("Label certificate authority loaded from {Folder} (root {Root})", settings.PkiDirectory, authority.Root.Serial);
            }

            Volatile.Write(ref _authority, authority);
            return authority;
        }
        finally
        {
            _setup.Release();
        }
    }

    /// <summary>
    /// The managed signer of a certificate, kept open after first use: a key file is decrypted once (PBKDF2
    /// with 600,000 iterations costs about 0.3 s), not on every label. The caller checks the certificate's
    /// state first; <see cref="Forget"/> drops a revoked or held one. Do not dispose the result.
    /// </summary>
    public async Task<ManagedSigner> SignerAsync(string serial, CancellationToken cancellationToken = default)
    {
        if (_signers.TryGetValue(serial, out var cached))
        {
            return cached;
        }

        var authority = await GetAsync(cancellationToken);
        var opened = await authority.OpenSignerAsync(serial, cancellationToken);
        if (_signers.TryAdd(serial, opened))
        {
            return opened;
        }

        opened.Dispose();
        return _signers[serial];
    }

    /// <summary>Closes a cached signer (its certificate was revoked or put on hold).</summary>
    public void Forget(string serial)
    {
        // A request that took the signer just before keeps signing with it; the key object is left to the GC then.
        _signers.TryRemove(serial, out _);
    }

    /// <summary>Every signer certificate issued to a register number, oldest first.</summary>
    public async Task<IReadOnlyList<IssuedCertificate>> CertificatesOfAsync(string registerNumber, CancellationToken cancellationToken = default)
    {
        await GetAsync(cancellationToken);
        return [.. (await _store!.FindBySystemAsync(registerNumber, cancellationToken)).Where(c => c.Kind == CertificateKind.Signer)];
    }

    /// <summary>Every signer certificate the authority issued, oldest first.</summary>
    public async Task<IReadOnlyList<IssuedCertificate>> AllSignersAsync(CancellationToken cancellationToken = default)
    {
        await GetAsync(cancellationToken);
        return [.. (await _store!.ListAsync(cancellationToken)).Where(c => c.Kind == CertificateKind.Signer)];
    }

    /// <summary>The issuing CA's current CRL (DER): signed anew when older than <see cref="LabelSettings.CrlRefresh"/> or after a revocation.</summary>
    public async Task<AuthorityCrl> IssuingCrlAsync(CancellationToken cancellationToken = default) => (await CurrentAsync(cancellationToken)).Issuing;

    /// <summary>The root's current CRL (DER).</summary>
    public async Task<AuthorityCrl> RootCrlAsync(CancellationToken cancellationToken = default) => (await CurrentAsync(cancellationToken)).Root;

    /// <summary>A validator trusting Senim's root (and the configured anchors) with the current CRLs; rebuilt when they change.</summary>
    public async Task<LabelValidator> ValidatorAsync(CancellationToken cancellationToken = default) => (await CurrentAsync(cancellationToken)).Validator;

    /// <summary>Signs a new issuing CRL now (after revocations), so the next verification sees them.</summary>
    public async Task RepublishAsync(CancellationToken cancellationToken = default)
    {
        var authority = await GetAsync(cancellationToken);
        await _crls.WaitAsync(cancellationToken);
        try
        {
            var issuing = await authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken);
            var root = _published?.Root is { } current && current.NextUpdate - time.GetUtcNow() > TimeSpan.FromDays(30)
                ? current
                : await authority.CreateCrlAsync(CertificateKind.Root, cancellationToken);
            Volatile.Write(ref _published, Build(authority, issuing, root));
            logger.LogInformation("Issuing CRL {Number} published with {Entries} entries", issuing.Number, issuing.Entries);
        }
        finally
        {
            _crls.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var signer in _signers.Values)
        {
            signer.Dispose();
        }

        _signers.Clear();
        _authority?.Dispose();
        _store?.Dispose();
        _setup.Dispose();
        _crls.Dispose();
        IssueGate.Dispose();
    }

    private async Task<Published> CurrentAsync(CancellationToken cancellationToken)
    {
        var before = Volatile.Read(ref _published);
        if (before is not null && time.GetUtcNow() - before.Issuing.ThisUpdate < settings.CrlRefresh)
        {
            return before;
        }

        await _crls.WaitAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(_published, before) && _published is { } other)
            {
                return other;
            }
        }
        finally
        {
            _crls.Release();
        }

        await RepublishAsync(cancellationToken);
        return _published!;
    }

    private Published Build(CertificateAuthority authority, AuthorityCrl issuing, AuthorityCrl root)
    {
        var anchors = new List<X509Certificate2> { authority.Root.ToCertificate() };
        anchors.AddRange(ExtraAnchors());
        var trust = new TrustSettings(anchors, [RevocationList.Parse(issuing.Der), RevocationList.Parse(root.Der)]);
        return new Published(issuing, root, new LabelValidator(trust, time));
    }

    private List<X509Certificate2> ExtraAnchors()
    {
        var found = new List<X509Certificate2>();
        if (settings.TrustAnchorsDirectory is not { Length: > 0 } folder || !Directory.Exists(folder))
        {
            return found;
        }

        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            try
            {
                var bytes = File.ReadAllBytes(file);
                if (bytes.AsSpan().IndexOf("-----BEGIN CERTIFICATE-----"u8) >= 0)
                {
                    var collection = new X509Certificate2Collection();
                    collection.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
                    found.AddRange(collection);
                }
                else
                {
                    found.Add(X509CertificateLoader.LoadCertificate(bytes));
                }
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Trust anchor file {File} skipped: {Reason}", file, ex.Message);
            }
        }

        return found;
    }

    private sealed record Published(AuthorityCrl Issuing, AuthorityCrl Root, LabelValidator Validator);
}
