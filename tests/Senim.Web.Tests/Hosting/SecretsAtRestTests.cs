using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Files;
using Senim.Registry.Model;
using Senim.Web.Infrastructure;
using Senim.Web.Infrastructure.Auth;
using Senim.Web.Infrastructure.Hosting;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Hosting;

/// <summary>
/// Secrets at rest, after a first start on an empty data folder (no demo data, so the first admin's password is
/// generated): the folder is 700 and everything Senim writes in it 600; the first admin's password is in a 600 file
/// (and signs in); the Data Protection keys in the database are encrypted with the generated certificate; the
/// authenticator key and recovery codes are encrypted in the database.
/// </summary>
public sealed class SecretsAtRestTests(SecretsAtRestTests.FirstStart factory) : IClassFixture<SecretsAtRestTests.FirstStart>
{
    public const string AdminEmail = "first.admin@test.kz";

    /// <summary>Everything under a data folder that does not exist before the host starts.</summary>
    public sealed class FirstStart : SenimFactory
    {
        public string Data => Path.Combine(Database.Folder, "data");

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Senim:Database:ConnectionString", "Data Source=" + Path.Combine(Data, "senim.db")),
            new("Senim:Files", Path.Combine(Data, "files")),
            new("Senim:Log:KeyFile", Path.Combine(Data, "log", "signing.key")),
            new("Senim:Demo:Seed", "false"),
            new("Senim:Admin:Email", AdminEmail),
        ];
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_is_700_and_the_files_senim_writes_there_600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel)).StatusCode);
        var key = await factory.Services.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream("evidence"u8.ToArray()), Cancel);

        var data = factory.Data;
        var folders = new[] { data, Path.Combine(data, "files"), Path.GetDirectoryName(Path.Combine(data, "files", key))!, Path.Combine(data, "log"), Path.Combine(data, "pki") };
        foreach (var folder in folders)
        {
            Assert.True(PrivateFiles.FolderMode == File.GetUnixFileMode(folder), $"{folder} is {File.GetUnixFileMode(folder)}");
        }

        var files = new[]
        {
            "senim.db", "senim.db-wal", "senim.db-shm", Path.Combine("files", key), Path.Combine("log", "signing.key"),
            StartupTasks.AdminPasswordFile, KeyProtectionHosting.GeneratedCertificateFile, Senim.Web.Features.Labels.LabelHosting.GeneratedPasswordFile,
        };
        foreach (var file in files.Select(f => Path.Combine(data, f)))
        {
            Assert.True(File.Exists(file), file + " is missing");
            Assert.True(PrivateFiles.FileMode == File.GetUnixFileMode(file), $"{file} is {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public async Task The_generated_admin_password_is_in_a_private_file_and_signs_in()
    {
        _ = factory.Services;
        var lines = await File.ReadAllLinesAsync(Path.Combine(factory.Data, StartupTasks.AdminPasswordFile), Cancel);
        Assert.Equal(AdminEmail, lines[0]);
        Assert.Matches("^(?=.*[0-9])(?=.*[a-z])[a-z0-9]{24}$", lines[1]);
        var client = factory.CreateClient();
        var home = await SignInAsync(client, AdminEmail, lines[1]);
        Assert.Equal("/home", new Uri(home.Document.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_data_protection_keys_in_the_database_are_encrypted_with_the_certificate()
    {
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel);
        var keys = await Db(factory, db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml!, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml!, StringComparison.Ordinal);
        });
        Assert.Equal(Path.Combine(factory.Data, KeyProtectionHosting.GeneratedCertificateFile), factory.Services.GetRequiredService<KeyCertificate>().Path);
    }

    [Fact]
    public async Task The_authenticator_key_and_recovery_codes_are_encrypted_in_the_database()
    {
        await NewUserAsync(factory, "totp.at.rest@test.kz");
        var (key, codes) = await Scoped(async users =>
        {
            var user = (await users.FindByEmailAsync("totp.at.rest@test.kz"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
            return ((await users.GetAuthenticatorKeyAsync(user))!, codes);
        });
        Assert.Matches("^[A-Z2-7]{32}$", key);
        var stored = await Db(factory, db => db.UserTokens.AsNoTracking().Join(db.Users.Where(u => u.Email == "totp.at.rest@test.kz"), t => t.UserId, u => u.Id, (t, u) => t.Value).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, value =>
        {
            Assert.StartsWith(ProtectedUserStore.Prefix, value, StringComparison.Ordinal);
            Assert.DoesNotContain(key, value!, StringComparison.Ordinal);
            Assert.DoesNotContain(codes[0], value!, StringComparison.Ordinal);
        });

        // Read back through the store: the same key, and a recovery code redeems once.
        Assert.Equal(key, await Scoped(async users => (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync("totp.at.rest@test.kz"))!))!));
        Assert.True(await Scoped(async users => (await users.RedeemTwoFactorRecoveryCodeAsync((await users.FindByEmailAsync("totp.at.rest@test.kz"))!, codes[0])).Succeeded));
        Assert.Equal(9, await Scoped(async users => await users.CountRecoveryCodesAsync((await users.FindByEmailAsync("totp.at.rest@test.kz"))!)));
    }

    [Fact]
    public async Task A_key_stored_in_clear_before_is_still_read()
    {
        var user = await NewUserAsync(factory, "legacy.totp@test.kz");
        await Db(factory, async db =>
        {
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" });
            return await db.SaveChangesAsync();
        });
        Assert.Equal("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", await Scoped(async users => (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id.ToString()))!))!));
    }

    private async Task<T> Scoped<T>(Func<UserManager<SenimUser>, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<SenimUser>>());
    }
}

/// <summary>Responses to someone signed in carry Cache-Control: no-store (tokens, TOTP keys, evidence); public pages do not.</summary>
public sealed class NoStoreTests(Senim.Web.Tests.Review.ReviewFactory factory) : IClassFixture<Senim.Web.Tests.Review.ReviewFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signed_in_responses_are_not_stored_and_public_ones_may_be()
    {
        var browser = await Senim.Web.Tests.Review.Demo.BrowserAsync(factory, Senim.Web.Tests.Review.Demo.BankOwner);
        foreach (var page in new[] { "/account/tokens", "/account/two-factor", "/home", "/api/v1/tokens", "/api/v1/me" })
        {
            using var response = await browser.GetAsync(new Uri(page, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore == true, page + ": " + response.Headers.CacheControl);
        }

        var api = await Senim.Web.Tests.Review.Demo.ApiAsync(factory, Senim.Web.Tests.Review.Demo.BankOwner, "read");
        using (var tokens = await api.GetAsync(new Uri("/api/v1/tokens", UriKind.Relative), Cancel))
        {
            Assert.True(tokens.Headers.CacheControl?.NoStore == true);
        }

        var anonymous = factory.CreateClient();
        using var register = await anonymous.GetAsync(new Uri("/register", UriKind.Relative), Cancel);
        Assert.NotEqual(true, register.Headers.CacheControl?.NoStore);
    }
}
