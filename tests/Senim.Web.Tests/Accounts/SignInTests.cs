using System.Net;
using Microsoft.EntityFrameworkCore;
using AngleSharp.Dom;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>Sign-up, sign-in, waits after wrong passwords, sign-out and the profile, as a browser without JavaScript uses them.</summary>
public class SignInTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    [Fact]
    public async Task Sign_up_signs_in_lands_home_and_sign_out_by_post_ends_the_session()
    {
        var client = factory.CreateClient();
        var form = await Browser.Get(client, "/account/sign-up");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Empty(form.Document.QuerySelectorAll("script"));
        foreach (var input in form.Document.QuerySelectorAll("form input:not([type=hidden])"))
        {
            Assert.NotNull(form.Document.QuerySelector($"label[for='{input.Id}']"));
        }

        var home = await Browser.Submit(client, form, "", [
            new("display_name", "Жаңа Пайдаланушы"), new("email", "new.user@test.kz"), new("password", "Long-password-1"),
            new("confirm_password", "Long-password-1"), new("language", "en")]);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("/home", new Uri(home.Document.Url).AbsolutePath);
        Assert.Contains("Welcome, Жаңа Пайдаланушы!", home.Text, StringComparison.Ordinal);
        Assert.Contains("Create your first organisation", home.Text, StringComparison.Ordinal);
        var stored = await Db(factory, db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "new.user@test.kz"));
        Assert.NotEqual("Long-password-1", stored.PasswordHash);

        // A GET shows a button and signs nobody out; the layout's POST (with its antiforgery token) does.
        var confirm = await Browser.Get(client, "/account/sign-out");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Equal(HttpStatusCode.OK, (await Browser.Get(client, "/home")).Status);
        var after = await SubmitAsync(client, home, "form[action='/account/sign-out']");
        Assert.Equal("/", new Uri(after.Document.Url).AbsolutePath);
        Assert.Contains("You are signed out.", after.Text, StringComparison.Ordinal);

        var noRedirect = NoRedirects(factory);
        var response = await noRedirect.GetAsync("/home", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_sign_up_explains_each_field_keeps_the_input_and_stores_nothing()
    {
        var client = factory.CreateClient();
        var before = await Db(factory, db => db.Users.CountAsync());
        var form = await Browser.Get(client, "/account/sign-up");
        var page = await Browser.Submit(client, form, "", [
            new("display_name", "Someone"), new("email", "owner@demo.senim.kz"), new("password", "Long-password-1"),
            new("confirm_password", "Long-password-2"), new("language", "ru")]);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[role=alert]"));
        var confirm = page.Document.QuerySelector("#f-confirm-password")!;
        Assert.Equal("true", confirm.GetAttribute("aria-invalid"));
        Assert.Contains("f-confirm-password-error", confirm.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Equal("the two passwords differ", TextOf(page, "#f-confirm-password-error"));
        Assert.Equal("Someone", page.Document.QuerySelector("#f-display-name")!.GetAttribute("value"));
        Assert.Equal("", page.Document.QuerySelector("#f-password")!.GetAttribute("value") ?? "");
        Assert.NotNull(page.Document.QuerySelector("#f-language-ru[checked]"));
        Assert.Equal(before, await Db(factory, db => db.Users.CountAsync()));

        var taken = await Browser.Submit(client, page, "", [new("password", "Long-password-1"), new("confirm_password", "Long-password-1")]);
        Assert.Equal(HttpStatusCode.BadRequest, taken.Status);
        Assert.Contains("already exists", TextOf(taken, "#f-email-error"), StringComparison.Ordinal);
        Assert.Equal(before, await Db(factory, db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_repeated_ones_wait_without_locking_the_account()
    {
        await NewUserAsync(factory, "lockme@test.kz");
        var client = factory.CreateClient();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var failed = await SignInAsync(client, "lockme@test.kz", "Wrong-password-9");
            Assert.Equal(HttpStatusCode.BadRequest, failed.Status);
            Assert.StartsWith("The e-mail or the password is wrong.", TextOf(failed, "#problem"), StringComparison.Ordinal);
            Assert.Equal("lockme@test.kz", failed.Document.QuerySelector("#f-email")!.GetAttribute("value"));
        }

        // The seventh is not looked at: it waits, and says how long; the account is not locked.
        var waiting = await SignInAsync(client, "lockme@test.kz", DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.Status);
        Assert.Equal("Too many wrong passwords for this account from your connection. Try again in 1 s.", TextOf(waiting, "#problem"));
        Assert.Null(await Db(factory, db => db.Users.Where(u => u.Email == "lockme@test.kz").Select(u => u.LockoutEnd).SingleAsync()));

        // Once the wait is over the right password signs in.
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        var home = await SignInAsync(client, "lockme@test.kz", DemoPassword);
        Assert.Equal("/home", new Uri(home.Document.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_return_url_is_followed_only_when_it_stays_on_the_site()
    {
        var client = NoRedirects(factory);
        var local = await Browser.Get(client, "/account/sign-in?returnUrl=%2Forganisations");
        var response = await SubmitRaw(client, local, [new("email", "retail@demo.senim.kz"), new("password", DemoPassword)]);
        Assert.Equal("/organisations", response.Headers.Location!.OriginalString);

        var other = NoRedirects(factory);
        var evil = await Browser.Get(other, "/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");
        response = await SubmitRaw(other, evil, [new("email", "retail@demo.senim.kz"), new("password", DemoPassword)]);
        Assert.Equal("/home", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signed_in_pages_send_strangers_to_sign_in_with_a_return_url()
    {
        var client = NoRedirects(factory);
        foreach (var path in new[] { "/home", "/account", "/account/tokens", "/account/two-factor", "/organisations", "/admin/users" })
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
        }

        var api = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_profile_changes_the_name_and_the_language()
    {
        await NewUserAsync(factory, "profile@test.kz");
        var client = await SignedInAsync(factory, "profile@test.kz");
        var profile = await Browser.Get(client, "/account");
        Assert.Contains("profile@test.kz", profile.Text, StringComparison.Ordinal);
        var invalid = await SubmitAsync(client, profile, ProfileForm, [new("display_name", new string('x', 101))]);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("profile", await Db(factory, db => db.Users.Where(u => u.Email == "profile@test.kz").Select(u => u.DisplayName).SingleAsync()));

        var saved = await SubmitAsync(client, profile, ProfileForm, [new("display_name", "Профиль Тест"), new("language", "ru")]);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal("ru", saved.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Профиль сохранён.", saved.Text, StringComparison.Ordinal);
        var user = await Db(factory, db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "profile@test.kz"));
        Assert.Equal(("Профиль Тест", "ru"), (user.DisplayName, user.PreferredLanguage));
    }

    /// <summary>The profile's own form (the page also has the mail choices and the layout's sign-out).</summary>
    private const string ProfileForm = "main form:not(#mail-form):not(.inline-form)";

    private static async Task<HttpResponseMessage> SubmitRaw(HttpClient client, Page page, IEnumerable<KeyValuePair<string, string>> values)
    {
        var fields = page.Form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).Concat(values);
        return await client.PostAsync(page.Document.Url, new FormUrlEncodedContent(fields));
    }
}

/// <summary>The sign-in page's posts are rate-limited per client: past the limit the browser gets the error page (429) in its language.</summary>
public class SignInRateLimitTests(SignInRateLimitTests.LowLimitFactory factory) : IClassFixture<SignInRateLimitTests.LowLimitFactory>
{
    public sealed class LowLimitFactory : SenimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Senim:RateLimits:SignInPerMinute", "3")];
    }

    [Fact]
    public async Task Too_many_sign_in_posts_get_429_and_the_error_page()
    {
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent([new("email", "owner@demo.senim.kz"), new("password", "wrong")]), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
                Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(0, await Db(factory, db => db.Users.Where(u => u.Email == "owner@demo.senim.kz").Select(u => u.AccessFailedCount).SingleAsync()));
        var page = await Browser.Get(factory.CreateClient(), "/account/sign-up");
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }
}
