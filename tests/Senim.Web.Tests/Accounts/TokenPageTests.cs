using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>The token page as a browser without JavaScript uses it: only usable scopes offered, revoking confirmed first.</summary>
public sealed class TokenPageTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    [Theory]
    [InlineData("owner@demo.senim.kz", "read write")]
    [InlineData("expert1@demo.senim.kz", "read write review")]
    [InlineData("supervisor@demo.senim.kz", "read write supervise")]
    [InlineData("admin@demo.senim.kz", "read write admin")]
    public async Task The_form_offers_only_the_scopes_the_roles_can_use(string email, string offered)
    {
        var client = await SignedInAsync(factory, email);
        var page = await Browser.Get(client, "/account/tokens");
        var scopes = page.Document.QuerySelectorAll("input[name=scopes]").Select(i => i.GetAttribute("value"));
        Assert.Equal(offered, string.Join(' ', scopes));
    }

    [Fact]
    public async Task A_scope_the_roles_cannot_use_is_refused_beside_the_scopes()
    {
        var client = await SignedInAsync(factory, "hospital@demo.senim.kz");
        var before = await Db(factory, db => db.ApiTokens.CountAsync());
        var page = await Browser.Get(client, "/account/tokens");
        var refused = await SubmitAsync(client, page, "form[action*='handler=Create']", [new("name", "Too much"), new("scopes", "read"), new("scopes", "supervise"), new("days", "30")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("your roles cannot use the scope supervise", TextOf(refused, "#f-scopes-error"));
        Assert.Equal(before, await Db(factory, db => db.ApiTokens.CountAsync()));
    }

    [Fact]
    public async Task Revoking_asks_to_confirm_first_and_works_without_javascript()
    {
        var client = await SignedInAsync(factory, "retail@demo.senim.kz");
        var secret = await TokenAsync(factory, "retail@demo.senim.kz", ["read"]);
        var id = Guid.ParseExact(secret.Split('_')[1], "N");
        var list = await Browser.Get(client, "/account/tokens");
        Assert.Null(list.Document.QuerySelector("#revoke-confirm"));

        // The list's revoke is a link to a confirmation, not a form that revokes at once.
        var link = list.Document.QuerySelector($"#tokens a[href*='revoke={id}']");
        Assert.NotNull(link);
        Assert.Empty(list.Document.QuerySelectorAll("#tokens form"));
        var confirm = await Browser.Get(client, link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("Revoke the token", TextOf(confirm, "#revoke-confirm h2"), StringComparison.Ordinal);
        Assert.Contains("stop working at once", TextOf(confirm, "#revoke-confirm"), StringComparison.Ordinal);
        Assert.NotNull(confirm.Document.QuerySelector("#revoke-confirm a[href='/account/tokens']"));
        Assert.False(await RevokedAsync(id));

        // A post without the confirmation (an old page, a forged form) only asks again.
        var unconfirmed = await SubmitAsync(client, confirm, "#revoke-confirm form", [new("confirm", "")]);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.Status);
        Assert.NotNull(unconfirmed.Document.QuerySelector("#revoke-confirm"));
        Assert.False(await RevokedAsync(id));

        var done = await SubmitAsync(client, confirm, "#revoke-confirm form");
        Assert.Equal("/account/tokens", new Uri(done.Document.Url).AbsolutePath);
        Assert.Contains("no longer works", TextOf(done, "[role=status]"), StringComparison.Ordinal);
        Assert.True(await RevokedAsync(id));
        Assert.Null(done.Document.QuerySelector($"#tokens a[href*='revoke={id}']"));
    }

    [Fact]
    public async Task Someone_elses_token_is_neither_offered_for_revoking_nor_revoked()
    {
        var secret = await TokenAsync(factory, "owner@demo.senim.kz", ["read"]);
        var id = Guid.ParseExact(secret.Split('_')[1], "N");
        var stranger = await SignedInAsync(factory, "retail@demo.senim.kz");
        var page = await Browser.Get(stranger, $"/account/tokens?revoke={id}");
        Assert.Null(page.Document.QuerySelector("#revoke-confirm"));

        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await stranger.PostAsync(new Uri($"/account/tokens?handler=Revoke&id={id}", UriKind.Relative),
            new FormUrlEncodedContent([new("confirm", "yes"), new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.False(await RevokedAsync(id));
    }

    private Task<bool> RevokedAsync(Guid id) => Db(factory, db => db.ApiTokens.AsNoTracking().Where(t => t.Id == id).Select(t => t.RevokedAt != null).SingleAsync());
}
