using Microsoft.EntityFrameworkCore;
using Senim.Registry.Mail;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Mail;

/// <summary>Every notification the register makes is also mailed, in the reader's language, to those who want it.</summary>
public sealed class NotificationMailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_decision_is_mailed_to_each_confirmed_member_who_wants_it_in_their_language(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        // A member who reads English; the editor wants no decisions by mail; a member whose address is unconfirmed gets none.
        await registry.Db(async db =>
        {
            db.MailOptOuts.Add(new MailOptOut { UserId = world.Editor.UserId, Kind = NotificationKinds.Decided });
            var insider = await db.Users.SingleAsync(u => u.Id == world.InsideExpert.UserId);
            insider.EmailConfirmed = false;
            return await db.SaveChangesAsync();
        });
        await registry.UserAsync("reader@org.example", language: "en");
        await registry.MemberAsync(world.Owner, world.Org.Id, "reader@org.example", MemberRole.Editor);

        var system = await world.HighRiskAsync(SystemStatus.Registered);

        var mail = await registry.Db(db => db.OutboxMessages.Where(m => m.Template == MailTemplates.Notification).ToListAsync());
        var decided = mail.Where(m => m.ValuesJson.Contains(NotificationKinds.Decided, StringComparison.Ordinal)).ToList();
        Assert.Equal(["owner@org.example", "reader@org.example"], decided.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        var owner = decided.Single(m => m.ToAddress == "owner@org.example");
        Assert.Equal(("kk", (Guid?)world.Owner.UserId), (owner.Language, owner.UserId));
        Assert.Equal("en", decided.Single(m => m.ToAddress == "reader@org.example").Language);
        Assert.Contains(system.Id.ToString(), owner.ValuesJson, StringComparison.Ordinal);
        Assert.Contains("\"organisation\":\"Org A\"", owner.ValuesJson, StringComparison.Ordinal);
        Assert.Contains("registered", owner.ValuesJson, StringComparison.Ordinal);

        // The editor still gets what they did not switch off (the new member's acceptance), and the expert their assignment.
        Assert.Contains(mail, m => m.ToAddress == "editor@org.example" && m.ValuesJson.Contains(NotificationKinds.InvitationAccepted, StringComparison.Ordinal));
        Assert.Contains(mail, m => m.ToAddress == "expert@review.example" && m.ValuesJson.Contains(NotificationKinds.Assigned, StringComparison.Ordinal));
        Assert.DoesNotContain(mail, m => m.ToAddress == "insider@org.example");
        Assert.DoesNotContain(mail, m => m.ToAddress == "editor@org.example" && m.ValuesJson.Contains(NotificationKinds.Decided, StringComparison.Ordinal));
        // Each notification and its mails were one write: as many decision mails as decision notifications times willing members.
        Assert.Equal(1, await registry.Db(db => db.Notifications.CountAsync(n => n.Kind == NotificationKinds.Decided && n.SystemId == system.Id)));
    }
}
