using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Senim.Registry.Model;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>
/// A form posted after the session ended is not lost: it is kept encrypted under a one-time id in the sign-in
/// return address and comes back into the page's form after signing in, for its author only, once.
/// </summary>
public sealed class KeptFormTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private const string Reasons = "Отказ: аудит на дискриминацию не проведён; см. замечания экспертов — «журнал решений» не ведётся.";

    [Fact]
    public async Task A_decision_posted_without_a_session_comes_back_into_the_form_after_signing_in()
    {
        var id = await SystemIdAsync("Certification exam proctoring");
        var supervisor = await SignedInAsync(factory, "supervisor@demo.senim.kz");
        var page = await Browser.Get(supervisor, $"/supervision/{id}");

        // The same browser with its session gone: the form is sent without it.
        var stranger = NoRedirects(factory);
        var posted = await PostFormAsync(stranger, page, "#decide-form", [new("Decision", "refuse"), new("Reasons", Reasons)]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/sign-in?ReturnUrl=", location, StringComparison.Ordinal);
        var returnUrl = Uri.UnescapeDataString(location["/account/sign-in?ReturnUrl=".Length..]);
        Assert.Matches($"^/supervision/{id}\\?kept=[0-9a-f]{{32}}$", returnUrl);

        // Kept encrypted: the reasons are not in the database as text.
        var kept = await Db(factory, db => db.KeptForms.AsNoTracking().SingleAsync());
        Assert.DoesNotContain(Encoding.UTF8.GetString(kept.Payload), "аудит", StringComparison.Ordinal);
        Assert.InRange(kept.ExpiresAt - kept.CreatedAt, TimeSpan.FromHours(11), TimeSpan.FromHours(13));

        var signIn = await Browser.Get(stranger, location);
        Assert.NotNull(signIn.Document.QuerySelector("#kept-notice"));
        var back = await SignInAndFollowAsync(stranger, signIn, "supervisor@demo.senim.kz");
        Assert.Equal(returnUrl, back.Document.Url[back.Document.Url.IndexOf("/supervision", StringComparison.Ordinal)..]);
        Assert.Contains("back in the form", back.Document.QuerySelector("#kept-form")!.TextContent, StringComparison.Ordinal);
        var form = back.Document.QuerySelector<IHtmlFormElement>("#decide-form")!;
        Assert.Equal(Reasons, form.QuerySelector<IHtmlTextAreaElement>("textarea[name=Reasons]")!.Value);
        Assert.True(form.QuerySelector<IHtmlInputElement>("input[name=Decision][value=refuse]")!.IsChecked);
        Assert.False(form.QuerySelector<IHtmlInputElement>("input[name=Decision][value=register]")!.IsChecked);
        // Only the form that was sent takes the text: the suspend and withdraw reasons stay empty.
        Assert.All(back.Document.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name=Reason]"), t => Assert.Equal("", t.Value));
        Assert.Equal(0, await Db(factory, db => db.KeptForms.CountAsync()));

        // Once: the same address again finds nothing and says so.
        var again = await Browser.Get(stranger, returnUrl);
        Assert.Contains("already been put back", again.Document.QuerySelector("#kept-form")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("", again.Document.QuerySelector<IHtmlTextAreaElement>("#decide-form textarea[name=Reasons]")!.Value);

        // The restored form is sent as it is and the decision is recorded with the reasons typed before.
        // (The kit sends inputs only; the restored text areas are sent as a browser would.)
        var areas = form.QuerySelectorAll<IHtmlTextAreaElement>("textarea").Select(t => new KeyValuePair<string, string>(t.Name!, t.Value));
        var decided = await SubmitAsync(stranger, back, "#decide-form", areas);
        Assert.Equal(HttpStatusCode.Redirect, decided.Status);
        var system = await Db(factory, db => db.Systems.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(SystemStatus.Refused, system.Status);
        Assert.Equal(Reasons, system.DecisionReason);
    }

    [Fact]
    public async Task A_form_kept_from_someone_elses_ended_session_is_not_given_to_another_person()
    {
        var id = await SystemIdAsync("Hospital power load balancer");
        var supervisor = await SignedInAsync(factory, "supervisor@demo.senim.kz");
        var page = await Browser.Get(supervisor, $"/supervision/{id}");

        // The supervisor's session cookie, expired, still comes with the post: the form remembers whose it was.
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        browser.DefaultRequestHeaders.Add("Cookie", "senim-session=" + await ExpiredSessionAsync("supervisor@demo.senim.kz"));
        var posted = await PostFormAsync(browser, page, "#suspend-form", [new("Reason", "Suspended pending the inspection of 12 May.")]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var returnUrl = Uri.UnescapeDataString(posted.Headers.Location!.OriginalString.Split("ReturnUrl=")[1]);

        var admin = await SignedInAsync(factory, "admin@demo.senim.kz");
        var elsewhere = await Browser.Get(admin, returnUrl);
        Assert.Contains("already been put back", elsewhere.Document.QuerySelector("#kept-form")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("inspection of 12 May", elsewhere.Text, StringComparison.Ordinal);
        Assert.Equal(0, await Db(factory, db => db.KeptForms.CountAsync()));
    }

    [Fact]
    public async Task Passwords_files_api_calls_and_anonymous_pages_are_never_kept()
    {
        var client = await SignedInAsync(factory, "owner@demo.senim.kz");
        var profile = await Browser.Get(client, "/account");
        var stranger = NoRedirects(factory);
        var posted = await PostFormAsync(stranger, profile, "main form", [new("display_name", "Марат"), new("current_password", "Secret-123456"), new("new_password", "Secret-654321")]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var fields = await KeptFieldsAsync();
        Assert.Contains(fields, f => f[0] == "display_name" && f[1] == "Марат");
        Assert.DoesNotContain(fields, f => f[0].Contains("password", StringComparison.OrdinalIgnoreCase) || f[1].StartsWith("Secret", StringComparison.Ordinal));
        Assert.DoesNotContain(fields, f => f[0] == "__RequestVerificationToken");
        await Db(factory, db => db.KeptForms.ExecuteDeleteAsync());

        var api = await stranger.PostAsync(new Uri("/api/v1/organisations", UriKind.Relative), new FormUrlEncodedContent([new("name", "x")]), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.Redirect, api.StatusCode);
        Assert.Equal(0, await Db(factory, db => db.KeptForms.CountAsync()));

        // A public page ignores a kept id, and nothing is taken by a visitor who is not signed in.
        var anonymous = await Browser.Get(stranger, "/register?kept=" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
        Assert.Null(anonymous.Document.QuerySelector("#kept-form"));
    }

    private Task<Guid> SystemIdAsync(string name) => Db(factory, db => db.Systems.Where(s => s.NameEn == name).Select(s => s.Id).SingleAsync());

    /// <summary>Posts a form of <paramref name="page"/> as the browser would, with the page's address as Referer.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, Page page, string selector, IEnumerable<KeyValuePair<string, string>> set)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException(selector);
        var overrides = set.ToDictionary(kv => kv.Key, kv => kv.Value);
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input")
            .Where(i => !string.IsNullOrEmpty(i.Name) && !overrides.ContainsKey(i.Name!) && (i.Type is not ("radio" or "checkbox") || i.IsChecked))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(overrides)
            .ToList();
        var action = new Uri(new Uri(page.Document.Url), form.GetAttribute("action") ?? page.Document.Url);
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Referrer = new Uri(page.Document.Url);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Signs in on the sign-in page (keeping its return address) and follows the redirects by hand.</summary>
    private static async Task<Page> SignInAndFollowAsync(HttpClient client, Page signIn, string email)
    {
        var form = signIn.Document.QuerySelector<IHtmlFormElement>("main form")!;
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.Add(new("email", email));
        fields.Add(new("password", DemoPassword));
        var response = await client.PostAsync(signIn.Document.Url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await Browser.Get(client, response.Headers.Location!.OriginalString);
    }

    /// <summary>A session cookie of the user whose ticket ran out an hour ago, protected as the host protects its own.</summary>
    private async Task<string> ExpiredSessionAsync(string email)
    {
        using var scope = factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<SenimUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<SenimUser>>().CreateUserPrincipalAsync(user);
        var options = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var properties = new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow.AddHours(-13), ExpiresUtc = DateTimeOffset.UtcNow.AddHours(-1) };
        Assert.NotNull(principal.FindFirstValue(ClaimTypes.NameIdentifier));
        return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme));
    }

    private Task<List<string[]>> KeptFieldsAsync() => Db(factory, async db =>
    {
        var kept = await db.KeptForms.AsNoTracking().SingleAsync();
        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Senim.KeptForm.v1");
        using var json = JsonDocument.Parse(protector.Unprotect(kept.Payload));
        return json.RootElement.GetProperty("fields").EnumerateArray().Select(f => new[] { f[0].GetString()!, f[1].GetString()! }).ToList();
    });
}
