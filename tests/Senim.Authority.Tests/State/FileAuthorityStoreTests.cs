using Senim.Authority.State;

namespace Senim.Authority.Tests.State;

public sealed class FileAuthorityStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("senim-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IssuedCertificate Certificate(string serial, string? register = "KZ-AI-2026-000001") =>
        new(serial, CertificateKind.Signer, "AA", register, "CN=x", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), [1, 2, 3], KeyCustody.Owner, null, null);

    [Fact]
    public async Task State_survives_a_new_store_over_the_same_folder()
    {
        using (var store = new FileAuthorityStore(_dir))
        {
            await store.AddAsync(Certificate("01"), cancellationToken: TestContext.Current.CancellationToken);
            await store.AddAsync(Certificate("02", "KZ-AI-2026-000002"), cancellationToken: TestContext.Current.CancellationToken);
            await store.SetRevocationAsync("01", new Revocation(DateTimeOffset.UnixEpoch, RevocationReason.CertificateHold), cancellationToken: TestContext.Current.CancellationToken);
            await store.NextCrlNumberAsync("AA", cancellationToken: TestContext.Current.CancellationToken);
        }

        using var reopened = new FileAuthorityStore(_dir);
        Assert.Equal(["01", "02"], (await reopened.ListAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(c => c.Serial));
        Assert.Equal([1, 2, 3], (await reopened.FindAsync("01", cancellationToken: TestContext.Current.CancellationToken))!.Der);
        Assert.Equal(["01"], (await reopened.RevokedByAsync("AA", cancellationToken: TestContext.Current.CancellationToken)).Select(c => c.Serial));
        Assert.Equal(["02"], (await reopened.FindBySystemAsync("KZ-AI-2026-000002", cancellationToken: TestContext.Current.CancellationToken)).Select(c => c.Serial));
        Assert.Equal(2, await reopened.NextCrlNumberAsync("AA", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, await reopened.NextCrlNumberAsync("BB", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task A_serial_is_recorded_once()
    {
        using var store = new FileAuthorityStore(_dir);
        await store.AddAsync(Certificate("01"), cancellationToken: TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(Certificate("01"), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrent_callers_never_get_the_same_CRL_number()
    {
        using var a = new FileAuthorityStore(_dir);
        using var b = new FileAuthorityStore(_dir);
        var tasks = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).NextCrlNumberAsync("AA")).ToList();
        var numbers = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(1, 40), numbers.Select(n => (int)n).Order());
    }

    [Fact]
    public async Task A_damaged_state_file_is_a_clear_error()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "authority.json"), "{ \"version\": 1, \"certificates\": [ {", cancellationToken: TestContext.Current.CancellationToken);
        using var store = new FileAuthorityStore(_dir);
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => store.ListAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.Inconsistent, ex.Error);
        Assert.Contains("authority.json is damaged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_file_of_another_version_is_refused()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "authority.json"), "{ \"version\": 7 }", cancellationToken: TestContext.Current.CancellationToken);
        using var store = new FileAuthorityStore(_dir);
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => store.ListAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("is version 7; this Senim reads version 1", ex.Message, StringComparison.Ordinal);
    }
}
