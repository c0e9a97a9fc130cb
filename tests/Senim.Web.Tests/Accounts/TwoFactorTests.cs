using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>Two-factor authentication with an authenticator app: the test computes the codes itself (RFC 6238).</summary>
public class TwoFactorTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    [Fact]
    public async Task Enabling_two_factor_then_signing_in_with_a_code_and_with_a_recovery_code()
    {
        await NewUserAsync(factory, "totp@test.kz");
        var client = await SignedInAsync(factory, "totp@test.kz");
        var setup = await Browser.Get(client, "/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, setup.Status);
        var key = TextOf(setup, "#shared-key");
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", key);
        var qr = setup.Document.QuerySelector("svg.qr")!;
        Assert.Equal("img", qr.GetAttribute("role"));
        Assert.False(string.IsNullOrEmpty(qr.GetAttribute("aria-label")));
        Assert.Null(qr.GetAttribute("style"));
        Assert.Empty(setup.Document.QuerySelectorAll("script"));

        // A wrong code is refused and nothing changes.
        var wrong = await SubmitAsync(client, setup, "form[action*='handler=Enable']", [new("code", "000000")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.False(await TwoFactorOnAsync());

        var enabled = await SubmitAsync(client, setup, "form[action*='handler=Enable']", [new("code", Totp(key, DateTimeOffset.UtcNow))]);
        Assert.Equal(HttpStatusCode.OK, enabled.Status);
        Assert.True(await TwoFactorOnAsync());
        var codes = TextOf(enabled, "#recovery-codes").Split(' ');
        Assert.Equal(10, codes.Length);
        Assert.All(codes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));

        // Shown once: the settings page now shows the count, not the codes.
        var later = await Browser.Get(client, "/account/two-factor");
        Assert.Null(later.Document.QuerySelector("#recovery-codes"));
        Assert.Contains("Recovery codes left: 10.", later.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(codes[0], later.Text, StringComparison.Ordinal);

        // The password alone no longer signs in: the second step asks for a code.
        var fresh = factory.CreateClient();
        var second = await SignInAsync(fresh, "totp@test.kz");
        Assert.Equal("/account/sign-in/two-factor", new Uri(second.Document.Url).AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, (await NoRedirects(factory).GetAsync("/home", TestContext.Current.CancellationToken)).StatusCode);
        var badCode = await Browser.Submit(fresh, second, "", [new("code", "123 456")]);
        Assert.Equal(HttpStatusCode.BadRequest, badCode.Status);
        var home = await Browser.Submit(fresh, badCode, "", [new("code", Totp(key, DateTimeOffset.UtcNow))]);
        Assert.Equal("/home", new Uri(home.Document.Url).AbsolutePath);

        // A recovery code works once, typed in lower case without its dash.
        var other = factory.CreateClient();
        var step = await SignInAsync(other, "totp@test.kz");
        var viaRecovery = await Browser.Submit(other, step, "", [new("code", codes[3].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())]);
        Assert.Equal("/home", new Uri(viaRecovery.Document.Url).AbsolutePath);
        Assert.Contains("You used a recovery code; 9 left.", viaRecovery.Text, StringComparison.Ordinal);

        var again = factory.CreateClient();
        var reuse = await Browser.Submit(again, await SignInAsync(again, "totp@test.kz"), "", [new("code", codes[3])]);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.Status);
        Assert.NotEqual("/home", new Uri(reuse.Document.Url).AbsolutePath);

        // Turning it off needs a code; afterwards the password alone is enough again.
        var settings = await Browser.Get(client, "/account/two-factor");
        var refused = await SubmitAsync(client, settings, "form[action*='handler=Disable']", [new("code", "nonsense")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(await TwoFactorOnAsync());
        await SubmitAsync(client, settings, "form[action*='handler=Disable']", [new("code", codes[5])]);
        Assert.False(await TwoFactorOnAsync());
        var plain = factory.CreateClient();
        Assert.Equal("/home", new Uri((await SignInAsync(plain, "totp@test.kz")).Document.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_second_step_without_a_first_goes_back_to_sign_in()
    {
        var client = NoRedirects(factory);
        var response = await client.GetAsync("/account/sign-in/two-factor", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.OriginalString);
    }

    private Task<bool> TwoFactorOnAsync() =>
        Db(factory, db => db.Users.Where(u => u.Email == "totp@test.kz").Select(u => u.TwoFactorEnabled).SingleAsync());
}
