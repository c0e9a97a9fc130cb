using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Signatures.Tests.Support;
using Senim.Web.Tests.Review;

namespace Senim.Web.Tests.Organisations;

/// <summary>
/// One NCA-shaped PKI made by openssl for the whole test run (NcaTestPki, shared with the signature core's tests): a root,
/// an intermediate with its CRL, legal-entity leaves with BIN 251140001014, an expired one, a revoked one, an
/// individual's, one under a foreign root. Its files are laid out as Senim:Signatures expects them.
/// </summary>
public static class WebPki
{
    private static readonly Lazy<(NcaTestPki Pki, string Folder)> Made = new(Make);

    internal static NcaTestPki Pki => Made.Value.Pki;

    /// <summary>anchors/, intermediates/ and crls/ under one folder.</summary>
    public static string Folder => Made.Value.Folder;

    /// <summary>Signs <paramref name="content"/> with a leaf (legal, employee, expired, revoked, individual, rogue, ...), detached, DER, CAdES.</summary>
    internal static byte[] Sign(string leaf, byte[] content, SignOptions? options = null) => Pki.Sign(leaf, content, options);

    /// <summary>The same as Base64, as NCALayer returns it.</summary>
    public static string SignBase64(string leaf, string text) => Convert.ToBase64String(Sign(leaf, Encoding.UTF8.GetBytes(text)));

    private static (NcaTestPki, string) Make()
    {
        var pki = NcaTestPki.Create();
        var folder = Directory.CreateTempSubdirectory("senim-web-pki-").FullName;
        foreach (var (sub, files) in new[] { ("anchors", new[] { "root.pem" }), ("intermediates", ["intermediate.pem"]), ("crls", ["root.crl", "intermediate.crl"]) })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
            foreach (var file in files)
            {
                File.Copy(pki.Path(file), Path.Combine(folder, sub, file));
            }
        }

        return (pki, folder);
    }
}

/// <summary>The host with the test PKI's root, intermediate and CRLs configured as its trust (CRL download off).</summary>
public class SignatureFactory : ReviewFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Senim:Signatures:Anchors", Path.Combine(WebPki.Folder, "anchors")),
        new("Senim:Signatures:Intermediates", Path.Combine(WebPki.Folder, "intermediates")),
        new("Senim:Signatures:Crls", Path.Combine(WebPki.Folder, "crls")),
        new("Senim:Signatures:FetchCrls", "false"),
    ];

    /// <summary>
    /// A new user who is the admin of a new, unverified organisation with <paramref name="bin"/>; returns its id. For the
    /// BIN the test PKI's certificates carry, another test's organisation verified with it is set back to unverified, so
    /// the BIN is free for this one.
    /// </summary>
    public async Task<Guid> UnverifiedOrganisationAsync(string email, string bin = NcaTestPki.Bin, string name = NcaTestPki.Organisation)
    {
        if (bin == NcaTestPki.Bin)
        {
            await DbAsync(db => db.Organisations.Where(o => o.Bin == bin).ExecuteUpdateAsync(s => s.SetProperty(o => o.Verification, VerificationState.Unverified)));
        }

        await Demo.RunAsync(this, async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SenimUser>>();
            var user = new SenimUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test " + email, CreatedAt = DateTime.UtcNow };
            var created = await users.CreateAsync(user, "Test-password-1");
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            return 0;
        });
        var actor = await Demo.ActorAsync(this, email);
        var organisation = await Demo.RunAsync(this, sp => sp.GetRequiredService<Senim.Registry.Services.OrganisationService>()
            .CreateAsync(actor, new Senim.Registry.Services.OrganisationInput(bin, name, SizeClass.Small, "office@test.kz", null, null, null)));
        return organisation.Id;
    }

    public Task<T> DbAsync<T>(Func<RegistryDb, Task<T>> query) => Demo.RunAsync(this, sp => query(sp.GetRequiredService<RegistryDb>()));

    public Task<VerificationState> StateAsync(Guid organisation) =>
        DbAsync(db => db.Organisations.AsNoTracking().Where(o => o.Id == organisation).Select(o => o.Verification).FirstAsync());

    /// <summary>A JSON body of snake_case fields.</summary>
    public static StringContent Body(params (string Name, object? Value)[] fields) =>
        new(JsonSerializer.Serialize(fields.ToDictionary(f => f.Name, f => f.Value)), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
}
