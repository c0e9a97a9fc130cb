using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Authority.Crls;
using Senim.Authority.State;
using Senim.Authority.Tests.Support;

namespace Senim.Authority.Tests.Crls;

/// <summary>Revoking, holding and releasing certificates, and the CRLs that publish it.</summary>
public sealed class RevocationTests : IAsyncLifetime
{
    private TestAuthority _pki = null!;

    public async ValueTask InitializeAsync() => _pki = await TestAuthority.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _pki.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_empty_CRL_is_signed_by_the_issuing_CA_with_number_1_and_a_7_day_next_update()
    {
        var crl = await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, crl.Number);
        Assert.Equal(0, crl.Entries);
        Assert.Equal(TestAuthority.Start, crl.ThisUpdate);
        Assert.Equal(TestAuthority.Start.AddDays(7), crl.NextUpdate);

        var list = RevocationList.Parse(crl.Der);
        using var issuing = _pki.Authority.Issuing.ToCertificate();
        Assert.Equal(issuing.SubjectName.RawData, list.IssuerName);
        Assert.Equal(TestAuthority.Start, list.ThisUpdate);
        Assert.Equal(TestAuthority.Start.AddDays(7), list.NextUpdate);
        Assert.Equal(1, list.CrlNumber);
        Assert.Equal("1.2.840.10045.4.3.3", list.SignatureAlgorithm);
        Assert.Equal(issuing.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(), list.AuthorityKeyId);
        Assert.Empty(list.Entries);
        RevocationCheck.Verify(list, issuing, TestAuthority.Start);
    }

    [Fact]
    public async Task CRL_numbers_increase_per_issuer()
    {
        var numbers = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((int)(await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken)).Number);
        }

        var root = await _pki.Authority.CreateCrlAsync(CertificateKind.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([1, 2, 3], numbers);
        Assert.Equal(1, root.Number);
        Assert.Equal(TestAuthority.Start.AddDays(365), root.NextUpdate);
        using var rootCertificate = _pki.Authority.Root.ToCertificate();
        RevocationCheck.Verify(RevocationList.Parse(root.Der), rootCertificate, TestAuthority.Start);
    }

    [Fact]
    public async Task A_withdrawn_system_is_listed_with_cessationOfOperation_and_found_by_the_check()
    {
        var (good, revoked) = (await IssueAsync(), await IssueAsync());
        _pki.Time.Advance(TimeSpan.FromHours(2));
        var result = await _pki.Authority.RevokeAsync(revoked.Serial, RevocationReason.CessationOfOperation, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new Revocation(TestAuthority.Start.AddHours(2), RevocationReason.CessationOfOperation), result.Revocation);

        var crl = await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, crl.Entries);
        var entry = Assert.Single(RevocationList.Parse(crl.Der).Entries.Values);
        Assert.Equal(new RevokedEntry(revoked.Serial, TestAuthority.Start.AddHours(2), X509RevocationReason.CessationOfOperation), entry);

        using var issuing = _pki.Authority.Issuing.ToCertificate();
        using var revokedCertificate = revoked.ToCertificate();
        using var goodCertificate = good.ToCertificate();
        var status = RevocationCheck.Check(revokedCertificate, issuing, crl.Der, _pki.Time.GetUtcNow());
        Assert.True(status.Revoked);
        Assert.Equal(X509RevocationReason.CessationOfOperation, status.Reason);
        Assert.Equal(TestAuthority.Start.AddHours(2), status.RevokedAt);
        Assert.Equal(1, status.CrlNumber);
        Assert.False(RevocationCheck.Check(goodCertificate, issuing, crl.Der, _pki.Time.GetUtcNow()).Revoked);

        // Parsed once, checked many times: the same answers.
        var parsed = RevocationList.Parse(crl.Der);
        Assert.Equal(status, RevocationCheck.Check(revokedCertificate, issuing, parsed, _pki.Time.GetUtcNow()));
        Assert.False(RevocationCheck.Check(goodCertificate, issuing, parsed, _pki.Time.GetUtcNow()).Revoked);
    }

    [Fact]
    public async Task A_suspension_is_a_hold_that_disappears_from_the_next_CRL_when_lifted()
    {
        var issued = await IssueAsync();
        await _pki.Authority.RevokeAsync(issued.Serial, RevocationReason.CertificateHold, cancellationToken: TestContext.Current.CancellationToken);
        var held = await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(X509RevocationReason.CertificateHold, RevocationList.Parse(held.Der).Entries[issued.Serial].Reason);

        await _pki.Authority.ReleaseHoldAsync(issued.Serial, cancellationToken: TestContext.Current.CancellationToken);
        var released = await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(RevocationList.Parse(released.Der).Entries);
        Assert.Equal(2, released.Number);
    }

    [Fact]
    public async Task A_hold_can_become_a_revocation_keeping_its_date_but_a_revocation_is_final()
    {
        var issued = await IssueAsync();
        await _pki.Authority.RevokeAsync(issued.Serial, RevocationReason.CertificateHold, cancellationToken: TestContext.Current.CancellationToken);
        _pki.Time.Advance(TimeSpan.FromDays(3));
        var revoked = await _pki.Authority.RevokeAsync(issued.Serial, RevocationReason.KeyCompromise, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new Revocation(TestAuthority.Start, RevocationReason.KeyCompromise), revoked.Revocation);

        var again = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.RevokeAsync(issued.Serial, RevocationReason.Superseded, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.Conflict, again.Error);
        Assert.Equal($"Certificate {issued.Serial} is already revoked since 2026-11-25 10:00:00Z (KeyCompromise).", again.Message);

        var release = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.ReleaseHoldAsync(issued.Serial, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("which cannot be lifted", release.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unspecified_reason_is_left_out_of_the_CRL_entry()
    {
        var issued = await IssueAsync();
        await _pki.Authority.RevokeAsync(issued.Serial, RevocationReason.Unspecified, cancellationToken: TestContext.Current.CancellationToken);
        var crl = await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(RevocationList.Parse(crl.Der).Entries[issued.Serial].Reason);
    }

    [Fact]
    public async Task Revoking_the_issuing_CA_lists_it_on_the_root_CRL_and_stops_issuance()
    {
        await _pki.Authority.RevokeAsync(_pki.Authority.Issuing.Serial, RevocationReason.KeyCompromise, cancellationToken: TestContext.Current.CancellationToken);
        var rootCrl = await _pki.Authority.CreateCrlAsync(CertificateKind.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([_pki.Authority.Issuing.Serial], RevocationList.Parse(rootCrl.Der).Entries.Keys);

        using var reopened = await CertificateAuthority.OpenAsync(TestAuthority.Options, _pki.Keys, _pki.Store, _pki.Time, cancellationToken: TestContext.Current.CancellationToken);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => reopened.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.Conflict, ex.Error);
    }

    [Fact]
    public async Task Bad_revocation_requests_are_refused_with_a_reason()
    {
        var root = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.RevokeAsync(_pki.Authority.Root.Serial, RevocationReason.KeyCompromise, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.Conflict, root.Error);

        var unknown = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.RevokeAsync("0102", RevocationReason.KeyCompromise, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.NotFound, unknown.Error);
        Assert.Equal("No certificate with serial 0102 was issued by this authority.", unknown.Message);

        var malformed = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.RevokeAsync("not-hex", RevocationReason.KeyCompromise, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.InvalidInput, malformed.Error);

        var issued = await IssueAsync();
        var reason = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.RevokeAsync(issued.Serial, (RevocationReason)2, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.InvalidInput, reason.Error);

        var notHeld = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.ReleaseHoldAsync(issued.Serial, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal($"Certificate {issued.Serial} is not on hold.", notHeld.Message);
    }

    [Fact]
    public async Task Serials_are_found_whatever_their_case_and_colons()
    {
        var issued = await IssueAsync();
        var colons = string.Join(':', Enumerable.Range(0, issued.Serial.Length / 2).Select(i => issued.Serial.Substring(i * 2, 2).ToLowerInvariant()));
        Assert.Equal(issued.Serial, (await _pki.Authority.FindAsync(colons, cancellationToken: TestContext.Current.CancellationToken)).Serial);
    }

    private async Task<IssuedCertificate> IssueAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key));
    }
}
