using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>
/// Sign-in that cannot be turned against its owner: wrong passwords slow down whoever sends them and never lock the
/// account or its tokens; a flood from many addresses slows the account down for strangers, not for a browser that
/// signed in to it before; wrong two-factor codes slow down too; looking at the two-factor page changes nothing; and
/// signing out ends the session on the server. Clients are told apart by X-Forwarded-For from a trusted proxy.
/// </summary>
public sealed class SignInThrottleTests(SignInThrottleTests.BehindProxy factory) : IClassFixture<SignInThrottleTests.BehindProxy>
{
    /// <summary>The test server's requests come from no address (or loopback): both count as the trusted proxy.</summary>
    public sealed class BehindProxy : SenimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Senim:TrustedProxies", "127.0.0.1, ::1")];

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Every stamp check at once, so a session ended on the server is refused at its next request.
            builder.ConfigureServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A browser (cookies kept) at a client address.</summary>
    private HttpClient From(string address)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    /// <summary>Posts the sign-in form (with the page's antiforgery token) and returns the raw answer.</summary>
    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string token, string email, string password) =>
        await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("email", email), new("password", password)]), Cancel);

    private static async Task<string> FormTokenAsync(HttpClient client)
    {
        var page = await Page.Load(await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative), Cancel));
        return page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
    }

    /// <summary>Signs out with the layout's form (its token is the signed-in person's).</summary>
    private static async Task SignOutAsync(HttpClient client)
    {
        var home = await Page.Load(await client.GetAsync(new Uri("/home", UriKind.Relative), Cancel));
        var token = home.Document.QuerySelector<IHtmlInputElement>("form[action='/account/sign-out'] input[name=__RequestVerificationToken]")!.Value;
        using var response = await client.PostAsync(new Uri("/account/sign-out", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static bool SignedIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/home";

    [Fact]
    public async Task Five_hundred_wrong_passwords_from_one_client_leave_the_account_usable_from_another_and_its_tokens_working()
    {
        await NewUserAsync(factory, "target@test.kz");
        var token = await TokenAsync(factory, "target@test.kz", ["read"]);

        // The owner's own browser, behind the same office address as the attacker, signed in before.
        var office = From("203.0.113.66");
        Assert.True(SignedIn(await PostSignInAsync(office, await FormTokenAsync(office), "target@test.kz", DemoPassword)));
        await SignOutAsync(office);

        var attacker = From("203.0.113.66");
        var form = await FormTokenAsync(attacker);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 500; i++)
        {
            using var response = await PostSignInAsync(attacker, form, "target@test.kz", "Wrong-password-" + i);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            }
        }

        // Checked: the five free ones and the few the growing waits let through; the rest were not even looked at.
        var looked = statuses.Count(s => s == HttpStatusCode.BadRequest);
        Assert.InRange(looked, 5, 15);
        Assert.Equal(500 - looked, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var stored = await Db(factory, db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "target@test.kz"));
        Assert.Null(stored.LockoutEnd);

        // The attacker's address is slowed down even with the right password; another address is not.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostSignInAsync(attacker, form, "target@test.kz", DemoPassword)).StatusCode);
        var elsewhere = From("198.51.100.7");
        Assert.True(SignedIn(await PostSignInAsync(elsewhere, await FormTokenAsync(elsewhere), "target@test.kz", DemoPassword)));

        // The owner's browser at the attacker's address still gets in: its device cookie vouches for the account.
        Assert.True(SignedIn(await PostSignInAsync(office, await FormTokenAsync(office), "target@test.kz", DemoPassword)));

        // And the account's API token works throughout.
        var api = Api(factory, token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_flood_from_many_addresses_slows_strangers_down_but_not_a_browser_that_signed_in_before()
    {
        await NewUserAsync(factory, "flooded@test.kz");
        var mine = From("192.0.2.200");
        Assert.True(SignedIn(await PostSignInAsync(mine, await FormTokenAsync(mine), "flooded@test.kz", DemoPassword)));
        await SignOutAsync(mine);

        // Thirty addresses, one guess each: each address is fresh, but past twenty the account itself makes strangers wait.
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 30; i++)
        {
            var bot = From("198.18.0." + i);
            statuses.Add((await PostSignInAsync(bot, await FormTokenAsync(bot), "flooded@test.kz", "Guess-" + i)).StatusCode);
        }

        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(20));

        var stranger = From("192.0.2.201");
        var refused = await PostSignInAsync(stranger, await FormTokenAsync(stranger), "flooded@test.kz", DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await Page.Load(refused);
        Assert.Contains("Too many wrong passwords for this account from your connection", page.Document.QuerySelector("#problem")!.TextContent, StringComparison.Ordinal);
        Assert.True(SignedIn(await PostSignInAsync(mine, await FormTokenAsync(mine), "flooded@test.kz", DemoPassword)));
    }

    [Fact]
    public async Task Sixty_wrong_codes_on_the_two_factor_page_are_mostly_not_looked_at_and_nothing_is_locked()
    {
        await NewUserAsync(factory, "codes@test.kz");
        var client = await SignedInAsync(factory, "codes@test.kz");
        var setup = await Browser.Get(client, "/account/two-factor");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            statuses.Add((await SubmitAsync(client, setup, "form[action*='handler=Enable']", [new("code", (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))])).Status);
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.BadRequest), 5, 9);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        // The right code now waits too, then works once the wait is over; the account was never locked.
        var key = TextOf(setup, "#shared-key").Replace(" ", "", StringComparison.Ordinal);
        var waiting = await SubmitAsync(client, setup, "form[action*='handler=Enable']", [new("code", Totp(key, DateTimeOffset.UtcNow))]);
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.Status);
        Assert.Contains("Too many wrong codes", waiting.Document.QuerySelector("#problem")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await Db(factory, db => db.Users.Where(u => u.Email == "codes@test.kz").Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task Wrong_codes_at_the_second_step_wait_and_lock_nothing()
    {
        var user = await NewUserAsync(factory, "second.step@test.kz");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Senim.Registry.Model.SenimUser>>();
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(stored);
            await users.SetTwoFactorEnabledAsync(stored, true);
        }

        var client = factory.CreateClient();
        var step = await SignInAsync(client, "second.step@test.kz");
        Assert.Equal("/account/sign-in/two-factor", new Uri(step.Document.Url).AbsolutePath);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await Browser.Submit(client, step, "", [new("code", "00000" + (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))])).Status);
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.BadRequest), 6, 8);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Null(await Db(factory, db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task Looking_at_the_two_factor_page_changes_nothing()
    {
        await NewUserAsync(factory, "look@test.kz");
        var client = await SignedInAsync(factory, "look@test.kz");
        var other = await SignedInAsync(factory, "look@test.kz");
        var before = await Db(factory, db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "look@test.kz"));

        var first = await Browser.Get(client, "/account/two-factor");
        var second = await Browser.Get(client, "/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(TextOf(first, "#shared-key"), TextOf(second, "#shared-key"));

        var after = await Db(factory, db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "look@test.kz"));
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(0, await Db(factory, db => db.UserTokens.CountAsync(t => t.UserId == before.Id)));
        Assert.Equal("/home", new Uri((await Browser.Get(other, "/home")).Document.Url).AbsolutePath);

        // A key proposed to one person cannot be enabled by another with the form they saw.
        await NewUserAsync(factory, "look2@test.kz");
        var stranger = await SignedInAsync(factory, "look2@test.kz");
        var key = TextOf(first, "#shared-key").Replace(" ", "", StringComparison.Ordinal);
        var refused = await SubmitAsync(stranger, first, "form[action*='handler=Enable']", [new("code", Totp(key, DateTimeOffset.UtcNow))]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.False(await Db(factory, db => db.Users.Where(u => u.Email == "look2@test.kz").Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server()
    {
        await NewUserAsync(factory, "leaver@test.kz");
        var before = await Db(factory, db => db.Users.Where(u => u.Email == "leaver@test.kz").Select(u => u.SecurityStamp).SingleAsync());

        // Cookies by hand, so the session cookie can be copied as someone who stole it would hold it.
        var raw = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => c.Key + "=" + c.Value)));
            }
            var response = await raw.SendAsync(request, Cancel);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }

            return response;
        }

        async Task<string> TokenOfAsync(string url) =>
            (await Page.Load(await SendAsync(HttpMethod.Get, url))).Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var signIn = await SendAsync(HttpMethod.Post, "/account/sign-in", new FormUrlEncodedContent([new("__RequestVerificationToken", await TokenOfAsync("/account/sign-in")), new("email", "leaver@test.kz"), new("password", DemoPassword)]));
        Assert.True(SignedIn(signIn));
        var copy = NoRedirects(factory);
        copy.DefaultRequestHeaders.Add("Cookie", "senim-session=" + jar["senim-session"]);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/home", UriKind.Relative), Cancel)).StatusCode);

        var signOut = await SendAsync(HttpMethod.Post, "/account/sign-out", new FormUrlEncodedContent([new("__RequestVerificationToken", await TokenOfAsync("/home"))]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.NotEqual(before, await Db(factory, db => db.Users.Where(u => u.Email == "leaver@test.kz").Select(u => u.SecurityStamp).SingleAsync()));

        // The copy no longer works: the session ended on the server, not only in the browser that signed out.
        var refused = await copy.GetAsync(new Uri("/home", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/sign-in", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
