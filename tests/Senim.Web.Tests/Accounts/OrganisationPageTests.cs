using System.Net;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Accounts;

/// <summary>The organisation pages, posted as forms without JavaScript.</summary>
public class OrganisationPageTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static readonly KeyValuePair<string, string>[] Valid =
    [
        new("bin", "202020202026"), new("name_en", "Page Test LLP"), new("size", "small"), new("contact_email", "office@page.kz"),
        new("contact_phone", ""), new("address", "Almaty"), new("website", ""),
    ];

    [Fact]
    public async Task An_invalid_form_is_explained_beside_each_field_keeps_the_input_and_a_valid_one_creates_the_organisation()
    {
        await NewUserAsync(factory, "founder@test.kz");
        var client = await SignedInAsync(factory, "founder@test.kz");
        var page = await Browser.Get(client, "/organisations");
        Assert.Contains("You do not belong to an organisation yet.", page.Text, StringComparison.Ordinal);
        var before = await Db(factory, db => db.Organisations.CountAsync());

        var refused = await Browser.Submit(client, page, "", [.. Valid.Where(v => v.Key is not ("bin" or "size")), new("bin", "99014000001X")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector("#problem[role=alert]"));
        Assert.Equal("a BIN is digits only, without spaces or letters; “99014000001X” has other characters", TextOf(refused, "#f-bin-error"));
        Assert.Equal("f-bin-help f-bin-error", refused.Document.QuerySelector("#f-bin")!.GetAttribute("aria-describedby"));
        Assert.Equal("choose small, medium or large", TextOf(refused, "#f-size-error"));
        Assert.Equal("99014000001X", refused.Document.QuerySelector("#f-bin")!.GetAttribute("value"));
        Assert.Equal("Page Test LLP", refused.Document.QuerySelector("#f-name-en")!.GetAttribute("value"));
        Assert.Equal(before, await Db(factory, db => db.Organisations.CountAsync()));

        var taken = await Browser.Submit(client, refused, "", [new("bin", "990140000012"), new("size", "small")]);
        Assert.Equal(HttpStatusCode.BadRequest, taken.Status);
        Assert.Equal("BIN 990140000012 fails its check digit: a digit is mistyped or two are swapped", TextOf(taken, "#f-bin-error"));
        Assert.Equal(before, await Db(factory, db => db.Organisations.CountAsync()));

        var created = await Browser.Submit(client, taken, "", [new("bin", "202020202026"), new("size", "small")]);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("Page Test LLP", TextOf(created, "h1"));
        Assert.Contains("The organisation \"Page Test LLP\" is created, with you as its admin.", created.Text, StringComparison.Ordinal);
        Assert.Contains("founder@test.kz", TextOf(created, "#members-table"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_edit_says_what_changed_keeps_what_was_typed_and_saves_nothing()
    {
        var client = await SignedInAsync(factory, "retail@demo.senim.kz");
        var id = await Db(factory, db => db.Organisations.Where(o => o.Bin == "150440000053").Select(o => o.Id).SingleAsync());
        var page = await Browser.Get(client, $"/organisations/{id}");
        var editForm = "form[action*='handler=Edit']";

        // Someone else renames it meanwhile (through the API).
        var api = Api(factory, await TokenAsync(factory, "retail@demo.senim.kz", ["read", "write"]));
        var current = await api.GetAsync($"/api/v1/organisations/{id}", TestContext.Current.CancellationToken);
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/organisations/{id}"))
        {
            put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
            put.Content = Json("""{"bin":"150440000053","name":"Demo Retail (renamed)","size":"small","contact_email":"ai@demoretail.example"}""");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(put, TestContext.Current.CancellationToken)).StatusCode);
        }

        var stale = await SubmitAsync(client, page, editForm, [new("name_en", "My Retail Name"), new("address", "Shymkent, Main St 5")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("changed the record since you opened it", TextOf(stale, "#problem"), StringComparison.Ordinal);
        Assert.Contains("Demo Retail (renamed)", TextOf(stale, "#conflicts"), StringComparison.Ordinal);
        Assert.Equal("My Retail Name", stale.Document.QuerySelector($"{editForm} #f-name-en")!.GetAttribute("value"));
        Assert.Equal("Shymkent, Main St 5", stale.Document.QuerySelector($"{editForm} #f-address")!.GetAttribute("value"));
        var stored = await Db(factory, db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(("Demo Retail (renamed)", null), (stored.Name, stored.Address));

        // Saving again, now knowingly over the new version, works.
        var saved = await SubmitAsync(client, stale, editForm);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("The organisation's details are saved.", saved.Text, StringComparison.Ordinal);
        stored = await Db(factory, db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(("My Retail Name", "Shymkent, Main St 5"), (stored.Name, stored.Address));
    }

    [Fact]
    public async Task Admins_manage_members_editors_only_read_and_strangers_get_404()
    {
        var id = await Db(factory, db => db.Organisations.Where(o => o.Bin == "990140000017" && o.Name == "Demo Bank JSC").Select(o => o.Id).SingleAsync());
        await NewUserAsync(factory, "analyst@test.kz");

        var editor = await SignedInAsync(factory, "editor@demo.senim.kz");
        var asEditor = await Browser.Get(editor, $"/organisations/{id}");
        Assert.Equal(HttpStatusCode.OK, asEditor.Status);
        Assert.Null(asEditor.Document.QuerySelector("form[action*='handler=Edit']"));
        Assert.Null(asEditor.Document.QuerySelector("form[action*='handler=Invite']"));

        var stranger = await SignedInAsync(factory, "hospital@demo.senim.kz");
        Assert.Equal(HttpStatusCode.NotFound, (await Browser.Get(stranger, $"/organisations/{id}")).Status);

        var admin = await SignedInAsync(factory, "owner@demo.senim.kz");
        var page = await Browser.Get(admin, $"/organisations/{id}");
        var odd = await SubmitAsync(admin, page, "form[action*='handler=Invite']", [new("email", "ghost\u200B@nowhere.kz")]);
        Assert.Equal(HttpStatusCode.BadRequest, odd.Status);
        Assert.Contains("U+200B", TextOf(odd, "#f-email-error"), StringComparison.Ordinal);
        Assert.Equal("ghost\u200B@nowhere.kz", odd.Document.QuerySelector("#f-email")!.GetAttribute("value"));

        // Invited, the analyst is not a member until they accept with the mailed link.
        var invited = await SubmitAsync(admin, page, "form[action*='handler=Invite']", [new("email", "analyst@test.kz"), new("role", "editor")]);
        Assert.Equal(HttpStatusCode.OK, invited.Status);
        Assert.Contains("An invitation is on its way to analyst@test.kz.", invited.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("analyst@test.kz", TextOf(invited, "#members-table"), StringComparison.Ordinal);
        Assert.Contains("analyst@test.kz", TextOf(invited, "#invitations-table"), StringComparison.Ordinal);
        var link = Mailbox.Link(await Mailbox.WaitAsync(factory.MailFolder, "analyst@test.kz", "/invitations/"), "/invitations/");
        var analyst = await SignedInAsync(factory, "analyst@test.kz");
        var invitation = await Browser.Get(analyst, link);
        Assert.Contains("Demo Bank JSC", TextOf(invitation, "#invitation-text"), StringComparison.Ordinal);
        var joined = await SubmitAsync(analyst, invitation, "#accept-form");
        Assert.Equal(HttpStatusCode.OK, joined.Status);
        Assert.Contains("You are now a member of Demo Bank JSC.", joined.Text, StringComparison.Ordinal);
        var again = await SubmitAsync(analyst, invitation, "#accept-form");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("This invitation has already been answered: its link works once.", TextOf(again, "#problem p"));
        var added = await Browser.Get(admin, $"/organisations/{id}");
        Assert.Contains("analyst@test.kz", TextOf(added, "#members-table"), StringComparison.Ordinal);

        // The only admin's buttons are disabled, and a forced post is refused with a clear message.
        var ownerId = await Db(factory, db => db.Users.Where(u => u.Email == "owner@demo.senim.kz").Select(u => u.Id).SingleAsync());
        var removeSelf = $"form[action*='handler=RemoveMember'][action*='{ownerId}']";
        Assert.NotNull(added.Document.QuerySelector($"{removeSelf} button[disabled]"));
        var lastAdmin = await SubmitAsync(admin, added, removeSelf);
        Assert.Equal(HttpStatusCode.Conflict, lastAdmin.Status);
        Assert.Equal("An organisation needs at least one admin: make someone else admin first.", TextOf(lastAdmin, "#problem p"));

        var analystId = await Db(factory, db => db.Users.Where(u => u.Email == "analyst@test.kz").Select(u => u.Id).SingleAsync());
        var removed = await SubmitAsync(admin, added, $"form[action*='handler=RemoveMember'][action*='{analystId}']");
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.DoesNotContain("analyst@test.kz", TextOf(removed, "#members-table"), StringComparison.Ordinal);
        Assert.False(await Db(factory, db => db.Memberships.AnyAsync(m => m.UserId == analystId)));
    }

    [Fact]
    public async Task Deleting_needs_the_confirmation_box_and_then_the_organisation_is_gone()
    {
        await NewUserAsync(factory, "closer@test.kz");
        var client = await SignedInAsync(factory, "closer@test.kz");
        var created = await Browser.Submit(client, await Browser.Get(client, "/organisations"), "", [.. Valid.Where(v => v.Key != "bin"), new("bin", "303030303039")]);
        var id = Guid.Parse(new Uri(created.Document.Url).Segments[^1]);

        var unconfirmed = await SubmitAsync(client, created, "form[action*='handler=Delete']");
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.Status);
        Assert.Equal("tick the box to confirm that the organisation should be deleted", TextOf(unconfirmed, "#f-confirm-error"));
        Assert.Null(await Db(factory, db => db.Organisations.Where(o => o.Id == id).Select(o => o.DeletedAt).SingleAsync()));

        var deleted = await SubmitAsync(client, created, "form[action*='handler=Delete']", [new("confirm", "yes")]);
        Assert.Equal("/organisations", new Uri(deleted.Document.Url).AbsolutePath);
        Assert.Contains("The organisation \"Page Test LLP\" is deleted.", deleted.Text, StringComparison.Ordinal);
        Assert.NotNull(await Db(factory, db => db.Organisations.Where(o => o.Id == id).Select(o => o.DeletedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await Browser.Get(client, $"/organisations/{id}")).Status);
    }
}
