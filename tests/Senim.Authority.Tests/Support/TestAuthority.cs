using Microsoft.Extensions.Time.Testing;
using Senim.Authority.Keys;
using Senim.Authority.State;

namespace Senim.Authority.Tests.Support;

/// <summary>A set-up authority in a temporary folder, on a fake clock, with fast key encryption.</summary>
internal sealed class TestAuthority : IDisposable
{
    public const string Password = "correct horse battery staple";
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    public static readonly AuthorityOptions Options = new() { BaseUrl = new Uri("https://senim.example.kz/") };

    private TestAuthority(string root, FakeTimeProvider time, FileKeyStore keys, FileAuthorityStore store, CertificateAuthority authority)
    {
        Root = root;
        Time = time;
        Keys = keys;
        Store = store;
        Authority = authority;
    }

    public string Root { get; }

    public FakeTimeProvider Time { get; }

    public FileKeyStore Keys { get; }

    public FileAuthorityStore Store { get; }

    public CertificateAuthority Authority { get; }

    public static readonly SystemIdentity Identity = new("KZ-AI-2026-000001", "ТОО «Қазақ Деректер»", "Несиелік скоринг");

    /// <summary>A new authority; <paramref name="time"/> null means the fake clock at <see cref="Start"/>.</summary>
    public static async Task<TestAuthority> CreateAsync(TimeProvider? time = null, AuthorityOptions? options = null)
    {
        var root = Directory.CreateTempSubdirectory("senim-pki-").FullName;
        var fake = new FakeTimeProvider(Start);
        var keys = new FileKeyStore(System.IO.Path.Combine(root, "keys"), Password, FileKeyStore.MinIterations);
        var store = new FileAuthorityStore(root);
        var (authority, _) = await CertificateAuthority.InitializeAsync(options ?? Options, keys, store, time ?? fake);
        return new TestAuthority(root, fake, keys, store, authority);
    }

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public void Dispose()
    {
        Authority.Dispose();
        Store.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
