using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Accounts;

/// <summary>Signing in as a browser does, minting tokens, reading the database, and computing TOTP codes.</summary>
public static class AccountTestKit
{
    public const string DemoPassword = "Demo-password-1";

    public static HttpClient NoRedirects(SenimFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static async Task<Page> SignInAsync(HttpClient client, string email, string password = DemoPassword)
    {
        var page = await Browser.Get(client, "/account/sign-in");
        return await Browser.Submit(client, page, "", [new("email", email), new("password", password)]);
    }

    public static async Task<HttpClient> SignedInAsync(SenimFactory factory, string email, string password = DemoPassword)
    {
        var client = factory.CreateClient();
        var home = await SignInAsync(client, email, password);
        Assert.Equal("/home", new Uri(home.Document.Url).AbsolutePath);
        return client;
    }

    /// <summary>Submits the form matched by <paramref name="selector"/> with its hidden fields, ticked boxes and the given values.</summary>
    public static async Task<Page> SubmitAsync(HttpClient client, Page page, string selector, IEnumerable<KeyValuePair<string, string>>? set = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"no form '{selector}' on {page.Document.Url}");
        var overrides = (set ?? []).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).ToList());
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input"))
        {
            if (string.IsNullOrEmpty(input.Name) || overrides.ContainsKey(input.Name) || (input.Type is "radio" or "checkbox" && !input.IsChecked))
            {
                continue;
            }

            fields.Add(new(input.Name, input.Value));
        }

        foreach (var (name, values) in overrides)
        {
            fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Document.Url : new Uri(new Uri(page.Document.Url), action).ToString();
        return await Page.Load(await client.PostAsync(new Uri(target), new FormUrlEncodedContent(fields)));
    }

    public static async Task<string> TokenAsync(SenimFactory factory, string email, IReadOnlyList<string> scopes, Guid? organisation = null, int days = 30)
    {
        using var scope = factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<SenimUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        var actor = await scope.ServiceProvider.GetRequiredService<ActorService>().ForUserAsync(user.Id);
        var (_, plaintext) = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(actor, "test " + string.Join('+', scopes), scopes, organisation, days);
        return plaintext;
    }

    public static HttpClient Api(SenimFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<SenimUser> NewUserAsync(SenimFactory factory, string email, string? role = null)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SenimUser>>();
        var user = new SenimUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], CreatedAt = DateTime.UtcNow, PreferredLanguage = "en" };
        var created = await users.CreateAsync(user, DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        return user;
    }

    public static async Task<T> Db<T>(SenimFactory factory, Func<RegistryDb, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDb>());
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The element's text with runs of whitespace collapsed.</summary>
    public static string TextOf(Page page, string selector) =>
        string.Join(' ', (page.Document.QuerySelector(selector)?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>RFC 6238 TOTP: HMAC-SHA1 over the 30-second step count, dynamic truncation, 6 digits.</summary>
    public static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        var counter = at.ToUnixTimeSeconds() / 30;
        var message = new byte[8];
        for (var i = 7; i >= 0; i--)
        {
            message[i] = (byte)(counter & 0xff);
            counter >>= 8;
        }

#pragma warning disable CA5350 // RFC 6238 authenticator codes are HMAC-SHA1 by definition.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = new string([.. text.ToUpperInvariant().Where(c => c != ' ' && c != '=')]);
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
