using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Mail;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Accounts;

/// <summary>Membership by invitation: nobody joins without accepting, links work once and expire, the admin learns nothing about accounts.</summary>
public sealed class InvitationTests
{
    private static Task<T> Invitations<T>(TestRegistry registry, Func<InvitationService, Task<T>> action) =>
        registry.RunAsync(sp => action(sp.GetRequiredService<InvitationService>()));

    private static Task<bool> IsMemberAsync(TestRegistry registry, Guid organisationId, Guid userId) =>
        registry.Db(db => db.Memberships.AnyAsync(m => m.OrganisationId == organisationId && m.UserId == userId));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_invitation_accepted_makes_a_member_once_and_tells_the_organisation(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var dana = await registry.UserAsync("dana@example.kz", language: "ru");

        var issued = await Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, " Dana@Example.KZ ", MemberRole.Editor));
        Assert.False(await IsMemberAsync(registry, world.Org.Id, dana.UserId));
        Assert.Equal("Dana@example.kz", issued.Invitation.Email);
        var stored = await registry.Db(db => db.Invitations.SingleAsync(i => i.Id == issued.Invitation.Id));
        Assert.NotEqual(issued.Token, stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);
        var mail = await registry.Db(db => db.OutboxMessages.SingleAsync(m => m.Template == MailTemplates.Invitation));
        Assert.Equal(("Dana@example.kz", "ru", (Guid?)dana.UserId), (mail.ToAddress, mail.Language, mail.UserId));
        Assert.Contains(issued.Token, mail.ValuesJson, StringComparison.Ordinal);

        var view = await Invitations(registry, s => s.OpenAsync(issued.Invitation.Id, issued.Token));
        Assert.Equal(("Org A", MemberRole.Editor, InvitationState.Pending, false), (view.OrganisationName, view.Role, view.State, view.Expired));

        var membership = await Invitations(registry, s => s.AcceptAsync(dana, issued.Invitation.Id, issued.Token));
        Assert.Equal(MemberRole.Editor, membership.Role);
        Assert.True((await registry.ActorAsync(dana.UserId)).CanEdit(world.Org.Id));
        var used = await Assert.ThrowsAsync<RuleException>(() => Invitations(registry, s => s.AcceptAsync(dana, issued.Invitation.Id, issued.Token)));
        Assert.Equal("invitation-used", used.Key);
        Assert.Equal("invitation-used", (await Assert.ThrowsAsync<RuleException>(() => Invitations(registry, async s => { await s.DeclineAsync(Actor.Anonymous, issued.Invitation.Id, issued.Token); return 0; }))).Key);
        Assert.Equal(1, await registry.Db(db => db.Memberships.CountAsync(m => m.OrganisationId == world.Org.Id && m.UserId == dana.UserId)));
        var notice = await registry.Db(db => db.Notifications.SingleAsync(n => n.Kind == NotificationKinds.InvitationAccepted));
        Assert.Equal((world.Org.Id, (Guid?)null), (notice.OrganisationId!.Value, notice.UserId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_invitation_declined_without_an_account_adds_nobody(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var issued = await Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "stranger@example.kz", MemberRole.Admin));

        await Invitations(registry, async s => { await s.DeclineAsync(Actor.Anonymous, issued.Invitation.Id, issued.Token); return 0; });

        var stored = await registry.Db(db => db.Invitations.SingleAsync(i => i.Id == issued.Invitation.Id));
        Assert.Equal((InvitationState.Declined, (Guid?)null), (stored.State, stored.AnsweredBy));
        Assert.Equal(3, await registry.Db(db => db.Memberships.CountAsync(m => m.OrganisationId == world.Org.Id)));
        Assert.True(await registry.Db(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKinds.InvitationDeclined && n.OrganisationId == world.Org.Id)));

        // An account made later with that address accepts nothing with the used link.
        var stranger = await registry.UserAsync("stranger@example.kz");
        Assert.Equal("invitation-used", (await Assert.ThrowsAsync<RuleException>(() => Invitations(registry, s => s.AcceptAsync(stranger, issued.Invitation.Id, issued.Token)))).Key);
        Assert.False(await IsMemberAsync(registry, world.Org.Id, stranger.UserId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_wrong_secret_another_account_an_expired_or_replaced_link_are_each_refused(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var dana = await registry.UserAsync("dana@example.kz");
        var first = await Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "dana@example.kz", MemberRole.Editor));

        await Assert.ThrowsAsync<NotFoundException>(() => Invitations(registry, s => s.AcceptAsync(dana, first.Invitation.Id, first.Token + "x")));
        await Assert.ThrowsAsync<NotFoundException>(() => Invitations(registry, s => s.AcceptAsync(dana, first.Invitation.Id, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => Invitations(registry, s => s.AcceptAsync(dana, Guid.NewGuid(), first.Token)));
        await Assert.ThrowsAsync<NotFoundException>(() => Invitations(registry, s => s.OpenAsync(first.Invitation.Id, new string('a', 5000))));
        var other = await Assert.ThrowsAsync<ForbiddenException>(() => Invitations(registry, s => s.AcceptAsync(world.Other, first.Invitation.Id, first.Token)));
        Assert.Equal("invitation-other-account", other.Key);
        Assert.Equal("invitation-sign-in", (await Assert.ThrowsAsync<ForbiddenException>(() => Invitations(registry, s => s.AcceptAsync(Actor.Anonymous, first.Invitation.Id, first.Token)))).Key);

        // A second invitation to the same address replaces the first.
        var second = await Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "DANA@example.kz", MemberRole.Admin));
        Assert.Equal("invitation-revoked", (await Assert.ThrowsAsync<RuleException>(() => Invitations(registry, s => s.AcceptAsync(dana, first.Invitation.Id, first.Token)))).Key);

        registry.Time.Advance(InvitationService.Lifetime + TimeSpan.FromMinutes(1));
        Assert.True((await Invitations(registry, s => s.OpenAsync(second.Invitation.Id, second.Token))).Expired);
        Assert.Equal("invitation-expired", (await Assert.ThrowsAsync<RuleException>(() => Invitations(registry, s => s.AcceptAsync(dana, second.Invitation.Id, second.Token)))).Key);
        Assert.False(await IsMemberAsync(registry, world.Org.Id, dana.UserId));
        Assert.Equal(InvitationState.Pending, await registry.Db(db => db.Invitations.Where(i => i.Id == second.Invitation.Id).Select(i => i.State).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Only_the_organisations_admins_invite_and_the_answer_is_the_same_with_or_without_an_account(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        await registry.UserAsync("known@example.kz");

        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations(registry, s => s.InviteAsync(world.Editor, world.Org.Id, "a@example.kz", MemberRole.Editor)));
        await Assert.ThrowsAsync<NotFoundException>(() => Invitations(registry, s => s.InviteAsync(world.Other, world.Org.Id, "a@example.kz", MemberRole.Editor)));
        Assert.Equal("already-member", (await Assert.ThrowsAsync<RuleException>(() => Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "EDITOR@org.example", MemberRole.Editor)))).Key);
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "known\u200B@example.kz", null)));
        Assert.Equal(["email", "role"], invalid.Errors.Select(e => e.Field));

        var known = await Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "known@example.kz", MemberRole.Editor));
        var unknown = await Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "unknown@example.kz", MemberRole.Editor));
        Assert.Equal((known.Invitation.State, known.Invitation.Role, known.Invitation.ExpiresAt - known.Invitation.CreatedAt),
            (unknown.Invitation.State, unknown.Invitation.Role, unknown.Invitation.ExpiresAt - unknown.Invitation.CreatedAt));
        var listed = await Invitations(registry, s => s.ListAsync(world.Owner, world.Org.Id));
        Assert.Equal(["known@example.kz", "unknown@example.kz"], listed.Where(i => i.State == InvitationState.Pending).Select(i => i.Email).Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations(registry, s => s.ListAsync(world.Editor, world.Org.Id)));

        await Invitations(registry, async s => { await s.RevokeAsync(world.Owner, world.Org.Id, unknown.Invitation.Id); return 0; });
        Assert.Equal("invitation-used", (await Assert.ThrowsAsync<RuleException>(() => Invitations(registry, async s => { await s.RevokeAsync(world.Owner, world.Org.Id, unknown.Invitation.Id); return 0; }))).Key);
        await Assert.ThrowsAsync<NotFoundException>(() => Invitations(registry, async s => { await s.RevokeAsync(world.Owner, world.Org.Id, Guid.NewGuid()); return 0; }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_unconfirmed_account_acts_for_no_organisation_until_an_invitation_link_confirms_its_address(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var fresh = await registry.UserAsync("fresh@example.kz", confirmed: false);
        Assert.False(fresh.EmailConfirmed);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => registry.OrganisationAsync(fresh, "333333333333"));
        Assert.Equal("email-unconfirmed", refused.Key);

        var issued = await Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "fresh@example.kz", MemberRole.Editor));
        await Invitations(registry, s => s.AcceptAsync(fresh, issued.Invitation.Id, issued.Token));

        var now = await registry.ActorAsync(fresh.UserId);
        Assert.True(now.EmailConfirmed);
        Assert.True(now.CanEdit(world.Org.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_organisation_sends_at_most_fifty_invitations_an_hour(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        registry.Time.Advance(TimeSpan.FromMinutes(61));
        for (var i = 0; i < InvitationService.MaxPerHour; i++)
        {
            await Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, $"person{i}@example.kz", MemberRole.Editor));
        }

        Assert.Equal("invitation-limit", (await Assert.ThrowsAsync<RuleException>(() => Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "one-more@example.kz", MemberRole.Editor)))).Key);
        registry.Time.Advance(TimeSpan.FromMinutes(61));
        await Invitations(registry, s => s.InviteAsync(world.Owner, world.Org.Id, "one-more@example.kz", MemberRole.Editor));
    }
}
