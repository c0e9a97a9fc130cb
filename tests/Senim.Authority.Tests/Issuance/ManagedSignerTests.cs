using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Authority.Keys;
using Senim.Authority.State;
using Senim.Authority.Tests.Support;

namespace Senim.Authority.Tests.Issuance;

public sealed class ManagedSignerTests : IAsyncLifetime
{
    private TestAuthority _pki = null!;

    public async ValueTask InitializeAsync() => _pki = await TestAuthority.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _pki.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_managed_certificate_has_its_key_in_the_store_and_signs_ES256_through_a_handle()
    {
        var issued = await _pki.Authority.IssueManagedAsync(TestAuthority.Identity, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(KeyCustody.Managed, issued.Custody);
        Assert.Equal($"signer-KZ-AI-2026-000001-{issued.Serial}", issued.KeyName);
        Assert.True(_pki.Keys.Contains(issued.KeyName!));

        using var signer = await _pki.Authority.OpenSignerAsync(issued.Serial.ToLowerInvariant(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([issued.Der, _pki.Authority.Issuing.Der], signer.Chain);
        Assert.Equal("ES256", signer.Key.Algorithm.CoseName());
        var claim = "c2pa claim bytes"u8.ToArray();
        var signature = signer.Key.SignData(claim, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        using var certificate = issued.ToCertificate();
        using var publicKey = certificate.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyData(claim, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task Senim_does_not_sign_with_a_suspended_certificate_and_signs_again_when_the_hold_is_lifted()
    {
        var issued = await _pki.Authority.IssueManagedAsync(TestAuthority.Identity, cancellationToken: TestContext.Current.CancellationToken);
        await _pki.Authority.RevokeAsync(issued.Serial, RevocationReason.CertificateHold, cancellationToken: TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.OpenSignerAsync(issued.Serial, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.Conflict, ex.Error);
        Assert.Equal($"Certificate {issued.Serial} is on hold since 2026-11-25 10:00:00Z; Senim does not sign with it.", ex.Message);

        await _pki.Authority.ReleaseHoldAsync(issued.Serial, cancellationToken: TestContext.Current.CancellationToken);
        using var signer = await _pki.Authority.OpenSignerAsync(issued.Serial, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEmpty(signer.Key.SignData([1], DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public async Task Senim_does_not_sign_with_a_withdrawn_or_expired_certificate()
    {
        var withdrawn = await _pki.Authority.IssueManagedAsync(TestAuthority.Identity, cancellationToken: TestContext.Current.CancellationToken);
        await _pki.Authority.RevokeAsync(withdrawn.Serial, RevocationReason.CessationOfOperation, cancellationToken: TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.OpenSignerAsync(withdrawn.Serial, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("revoked since 2026-11-25 10:00:00Z (CessationOfOperation)", ex.Message, StringComparison.Ordinal);

        var expiring = await _pki.Authority.IssueManagedAsync(TestAuthority.Identity, TimeSpan.FromDays(1), cancellationToken: TestContext.Current.CancellationToken);
        _pki.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        ex = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.OpenSignerAsync(expiring.Serial, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("not now", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_held_certificate_has_no_key_to_open()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), cancellationToken: TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.OpenSignerAsync(issued.Serial, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.Conflict, ex.Error);
        Assert.Contains("not a signer certificate with a key Senim holds", ex.Message, StringComparison.Ordinal);
    }
}
