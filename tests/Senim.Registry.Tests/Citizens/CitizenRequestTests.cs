using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Citizens;
using Senim.Registry.Mail;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Citizens;

/// <summary>
/// A citizen's request in the register (docs/citizens.md): filing each kind with its deadline from the law pack, the
/// tracking code, who can read the person's data, the owner's inbox, escalation over weekends and holidays, erasure
/// after retention, notifications and mails, and bad input. The fake clock starts on Wednesday 25 November 2026, 14:00
/// in Almaty.
/// </summary>
public sealed class CitizenRequestTests
{
    private static CitizenRequestInput Input(CitizenRequestKind kind, Guid? systemId, string? email = "aigerim@mail.example", string language = "kk") =>
        new(kind, systemId, null, null, null, "Айгерім Сейітова", email, "+7 701 000 00 00", "The bank refused my loan automatically; I want a person to look at it.", language,
            kind == CitizenRequestKind.SyntheticContentComplaint ? "https://video.example/watch?v=1" : null);

    private static Task<FiledRequest> FileAsync(TestRegistry registry, CitizenRequestInput input, Actor? actor = null) =>
        registry.RunAsync(sp => sp.GetRequiredService<CitizenRequestService>().FileAsync(actor ?? Actor.Anonymous, input));

    private static Task<T> Inbox<T>(TestRegistry registry, Func<CitizenInbox, Task<T>> work) =>
        registry.RunAsync(sp => work(sp.GetRequiredService<CitizenInbox>()));

    private static Task<int> Escalate(TestRegistry registry, DateTime now) =>
        registry.RunAsync(sp => sp.GetRequiredService<CitizenJobs>().EscalateOverdueAsync(now));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Each_kind_is_filed_with_its_deadline_from_the_law_pack_in_working_days(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();

        // Filed on Wednesday 25 November: fifteen working days end on Thursday 17 December (16 December is Independence Day),
        // five on Wednesday 2 December; the deadline ends at 24:00 in Almaty (19:00 UTC).
        var expected = new Dictionary<CitizenRequestKind, (string Deadline, DateOnly Due)>
        {
            [CitizenRequestKind.Objection] = ("kz.deadline.objection-reply", new DateOnly(2026, 12, 17)),
            [CitizenRequestKind.ExplanationRequest] = ("kz.deadline.explanation-request", new DateOnly(2026, 12, 17)),
            [CitizenRequestKind.DataRequest] = ("kz.deadline.data-request", new DateOnly(2026, 12, 17)),
            [CitizenRequestKind.InteractionRefusal] = ("kz.deadline.interaction-refusal", new DateOnly(2026, 12, 2)),
            [CitizenRequestKind.SyntheticContentComplaint] = ("kz.deadline.complaint-synthetic-content", new DateOnly(2026, 12, 2)),
        };
        foreach (var (requestKind, (deadline, due)) in expected)
        {
            var filed = await FileAsync(registry, Input(requestKind, system.Id, email: $"{requestKind}@mail.example".ToLowerInvariant()));
            Assert.Equal(CitizenRequestStatus.Received, filed.Status);
            Assert.Equal(due, filed.DueDate);
            Assert.Equal(due.ToDateTime(new TimeOnly(19, 0)), filed.DueAt);
            var row = await registry.Db(db => db.CitizenRequests.SingleAsync(r => r.Id == filed.Id));
            Assert.Equal((deadline, due, world.Org.Id, requestKind), (row.DeadlineId, row.DueDate, row.OrganisationId!.Value, row.Kind));
            Assert.Equal(TrackingCode.HashOf(filed.TrackingCode), row.TrackingHash);
        }

        // The complaint's link is kept; the other kinds carry none.
        Assert.Equal(1, await registry.Db(db => db.CitizenRequests.CountAsync(r => r.ContentLink == "https://video.example/watch?v=1")));
        Assert.Equal(5, await registry.Db(db => db.CaseEvents.CountAsync(e => e.Action == "file" && e.ActorRole == "citizen" && e.To == "received")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_complaint_keeps_the_label_verifiers_verdict_and_a_request_can_name_the_system_by_register_number(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var file = new ContentFile("citizens/abc", new string('a', 64), "no-label", null, ["no-label"]);
        var input = Input(CitizenRequestKind.SyntheticContentComplaint, null) with { RegisterNumber = system.RegisterNumber!.ToLowerInvariant(), ContentLink = null, ContentFile = file };

        var filed = await FileAsync(registry, input, world.Other);

        var row = await registry.Db(db => db.CitizenRequests.SingleAsync(r => r.Id == filed.Id));
        Assert.Equal((system.Id, "no-label", "no-label", new string('a', 64), world.Other.UserId), (row.SystemId!.Value, row.LabelVerdict!, row.LabelWarnings!, row.ContentSha256!, row.FiledBy!.Value));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_system_not_in_the_register_goes_to_the_supervisory_body_at_once(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var input = Input(CitizenRequestKind.ExplanationRequest, null) with { NamedSystem = "Chat bot of Bank X", NamedOrganisation = "Bank X JSC" };

        var filed = await FileAsync(registry, input);

        Assert.Equal(CitizenRequestStatus.Escalated, filed.Status);
        var tracked = await registry.RunAsync(sp => sp.GetRequiredService<CitizenRequestService>().TrackAsync(filed.TrackingCode));
        Assert.Equal(("Chat bot of Bank X", "Bank X JSC"), (tracked.System.NameEn, tracked.System.Organisation));
        Assert.Equal(["file", "escalate"], tracked.Timeline.Select(s => s.Action));
        Assert.Equal(1, await registry.Db(db => db.Notifications.CountAsync(n => n.UserId == world.Supervisor.UserId && n.Kind == NotificationKinds.CitizenRequestEscalated)));
        Assert.Equal(0, await registry.Db(db => db.Notifications.CountAsync(n => n.OrganisationId != null)));
        // The supervisor reads it, with the person's data; and closes it.
        var seen = await Inbox(registry, i => i.GetAsync(world.Supervisor, filed.Id));
        Assert.Equal("Айгерім Сейітова", seen.Personal!.Name);
        var closed = await Inbox(registry, i => i.CloseAsync(world.Supervisor, filed.Id, seen.Request.Version));
        Assert.Equal(CitizenRequestStatus.Closed, closed.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_tracking_code_opens_the_request_without_personal_data_and_bad_codes_say_what_is_wrong(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var filed = await FileAsync(registry, Input(CitizenRequestKind.Objection, system.Id));
        Task<TrackedRequest> Track(string? code) => registry.RunAsync(sp => sp.GetRequiredService<CitizenRequestService>().TrackAsync(code));

        var tracked = await Track(" " + filed.TrackingCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) + " ");
        Assert.Equal((filed.Id, CitizenRequestKind.Objection, CitizenRequestStatus.Received, new DateOnly(2026, 12, 17), false), (tracked.Id, tracked.Kind, tracked.Status, tracked.DueDate, tracked.Overdue));
        Assert.Equal(system.Id, tracked.System.Id);
        var json = JsonSerializer.Serialize(tracked);
        foreach (var personal in new[] { "Айгерім", "aigerim@mail.example", "+7 701", "loan automatically" })
        {
            Assert.DoesNotContain(personal, json, StringComparison.Ordinal);
        }

        var mistyped = filed.TrackingCode[..^1] + (filed.TrackingCode[^1] == 'A' ? 'B' : 'A');
        Assert.Equal("tracking-code-mistyped", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => Track(mistyped))).Errors).Key);
        Assert.Equal("tracking-code-malformed", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => Track("ABCD-1234"))).Errors).Key);
        Assert.Equal("tracking-code-malformed", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => Track(null))).Errors).Key);
        await Assert.ThrowsAsync<NotFoundException>(() => Track(TrackingCode.New()));

        // The register keeps the code's hash only, and the person's data sealed.
        var sealedText = await registry.Db(db => db.PersonalData.Select(p => p.Sealed).SingleAsync());
        Assert.DoesNotContain("aigerim", sealedText, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task No_one_but_the_assigned_handler_and_the_supervisor_reads_the_persons_data(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var filed = await FileAsync(registry, Input(CitizenRequestKind.Objection, system.Id));
        await Inbox(registry, i => i.AssignAsync(world.Owner, filed.Id, world.Editor.UserId, 1));

        // The handler and the supervisory body read it.
        foreach (var reader in new[] { world.Editor, world.Supervisor })
        {
            var seen = await Inbox(registry, i => i.GetAsync(reader, filed.Id));
            Assert.False(seen.PersonalWithheld);
            Assert.Equal(("Айгерім Сейітова", "aigerim@mail.example", "+7 701 000 00 00"), (seen.Personal!.Name, seen.Personal.Email, seen.Personal.Phone));
            Assert.Contains("loan automatically", seen.Personal.Description, StringComparison.Ordinal);
        }

        // Other members of the owner (its admin, an editor who is also an expert) and platform admins see the request, withheld.
        foreach (var reader in new[] { world.Owner, world.InsideExpert, world.Admin })
        {
            var seen = await Inbox(registry, i => i.GetAsync(reader, filed.Id));
            Assert.True(seen.PersonalWithheld);
            Assert.Null(seen.Personal);
            Assert.DoesNotContain("Айгерім", JsonSerializer.Serialize(seen), StringComparison.Ordinal);
        }

        // Anonymous people, other organisations and experts do not learn that it exists.
        foreach (var reader in new[] { Actor.Anonymous, world.Other, world.Expert })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => Inbox(registry, i => i.GetAsync(reader, filed.Id)));
            await Assert.ThrowsAsync<NotFoundException>(() => Inbox(registry, i => i.ListAsync(reader, world.Org.Id, false, 1, 20)));
        }

        // Handing the request to another member moves the right with it.
        var version = (await Inbox(registry, i => i.GetAsync(world.Owner, filed.Id))).Request.Version;
        await Inbox(registry, i => i.AssignAsync(world.Owner, filed.Id, world.Owner.UserId, version));
        Assert.True((await Inbox(registry, i => i.GetAsync(world.Editor, filed.Id))).PersonalWithheld);
        Assert.False((await Inbox(registry, i => i.GetAsync(world.Owner, filed.Id))).PersonalWithheld);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_inbox_assigns_answers_records_the_outcome_and_closes_and_refuses_a_reply_after_closing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var filed = await FileAsync(registry, Input(CitizenRequestKind.Objection, system.Id));
        await FileAsync(registry, Input(CitizenRequestKind.InteractionRefusal, system.Id, email: null));

        var page = await Inbox(registry, i => i.ListAsync(world.Editor, world.Org.Id, true, 1, 20));
        Assert.Equal(2, page.Total);
        // Soonest deadline first: the refusal's five working days, then the objection's fifteen.
        Assert.Equal([CitizenRequestKind.InteractionRefusal, CitizenRequestKind.Objection], page.Items.Select(i => i.Kind));
        var objection = page.Items[1];
        Assert.Equal((15, false, (Guid?)null), (objection.DaysLeft!.Value, objection.Overdue, objection.HandlerId));

        // Only an admin of the owner assigns, and only to a member.
        Assert.Equal("citizen-assign-admin", (await Assert.ThrowsAsync<ForbiddenException>(() => Inbox(registry, i => i.AssignAsync(world.Editor, filed.Id, world.Editor.UserId, 1)))).Key);
        Assert.Equal("citizen-handler-not-member", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => Inbox(registry, i => i.AssignAsync(world.Owner, filed.Id, world.Other.UserId, 1)))).Errors).Key);
        var assigned = await Inbox(registry, i => i.AssignAsync(world.Owner, filed.Id, world.Editor.UserId, 1));
        Assert.Equal((CitizenRequestStatus.Assigned, 2), (assigned.Status, assigned.Version));

        // Only the handler answers; a stale version is refused and changes nothing.
        Assert.Equal("citizen-not-handler", (await Assert.ThrowsAsync<ForbiddenException>(() => Inbox(registry, i => i.AnswerAsync(world.Owner, filed.Id, "No.", 2)))).Key);
        await Assert.ThrowsAsync<ConcurrencyException>(() => Inbox(registry, i => i.AnswerAsync(world.Editor, filed.Id, "Reviewed.", 1)));
        Assert.Equal("required", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => Inbox(registry, i => i.AnswerAsync(world.Editor, filed.Id, "  ", 2)))).Errors).Key);
        var answered = await Inbox(registry, i => i.AnswerAsync(world.Editor, filed.Id, "A loan officer reviewed your application.", 2));
        Assert.Equal(CitizenRequestStatus.Answered, answered.Status);

        // An objection closes only with the human review's outcome.
        Assert.Equal("citizen-outcome-required", (await Assert.ThrowsAsync<RuleException>(() => Inbox(registry, i => i.CloseAsync(world.Editor, filed.Id, 3)))).Key);
        await Inbox(registry, i => i.RecordOutcomeAsync(world.Editor, filed.Id, ReviewOutcome.Reversed, "The loan is granted.", 3));
        Assert.Equal("citizen-outcome-recorded", (await Assert.ThrowsAsync<RuleException>(() => Inbox(registry, i => i.RecordOutcomeAsync(world.Editor, filed.Id, ReviewOutcome.Upheld, "Again.", 4)))).Key);
        var closed = await Inbox(registry, i => i.CloseAsync(world.Editor, filed.Id, 4));
        Assert.Equal((CitizenRequestStatus.Closed, 5), (closed.Status, closed.Version));

        // A reply after the case closed: a clear refusal, and nothing changes.
        var events = await registry.Db(db => db.CaseEvents.CountAsync(e => e.CaseId == filed.Id));
        Assert.Equal("citizen-request-closed", (await Assert.ThrowsAsync<RuleException>(() => Inbox(registry, i => i.AnswerAsync(world.Editor, filed.Id, "One more thing.", 5)))).Key);
        var after = await registry.Db(db => db.CitizenRequests.SingleAsync(r => r.Id == filed.Id));
        Assert.Equal(("A loan officer reviewed your application.", 5), (after.Answer, after.Version));
        Assert.Equal(events, await registry.Db(db => db.CaseEvents.CountAsync(e => e.CaseId == filed.Id)));

        // The person sees every step, the answer and the outcome, and no names of staff.
        var tracked = await registry.RunAsync(sp => sp.GetRequiredService<CitizenRequestService>().TrackAsync(filed.TrackingCode));
        Assert.Equal(["file", "assign", "answer", "record-outcome", "close"], tracked.Timeline.Select(s => s.Action));
        Assert.Equal((ReviewOutcome.Reversed, "The loan is granted."), (tracked.Outcome!.Value, tracked.OutcomeText));
        Assert.DoesNotContain("editor", JsonSerializer.Serialize(tracked), StringComparison.Ordinal);
        Assert.Equal(1, (await Inbox(registry, i => i.ListAsync(world.Owner, world.Org.Id, true, 1, 20))).Total);

        // Outcomes belong to objections only.
        var refusal = page.Items[0];
        await Inbox(registry, i => i.AssignAsync(world.Owner, refusal.Id, world.Editor.UserId, refusal.Version));
        Assert.Equal("citizen-outcome-objection", (await Assert.ThrowsAsync<RuleException>(() => Inbox(registry, i => i.RecordOutcomeAsync(world.Editor, refusal.Id, ReviewOutcome.Upheld, "n/a", refusal.Version + 1)))).Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_unanswered_request_escalates_when_its_deadline_passes_over_a_weekend_and_a_holiday_once(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        // Friday 11 December 2026, 10:00 in Almaty. Five working days: 14, 15, (16 is Independence Day), 17, 18, 21 December.
        registry.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 5, 0, 0, TimeSpan.Zero));
        var refusal = await FileAsync(registry, Input(CitizenRequestKind.InteractionRefusal, system.Id, language: "ru"));
        var answeredInTime = await FileAsync(registry, Input(CitizenRequestKind.InteractionRefusal, system.Id, email: "other@mail.example"));
        Assert.Equal(new DateOnly(2026, 12, 21), refusal.DueDate);
        await Inbox(registry, i => i.AssignAsync(world.Owner, answeredInTime.Id, world.Editor.UserId, 1));
        await Inbox(registry, i => i.AnswerAsync(world.Editor, answeredInTime.Id, "Noted; a person will serve you.", 2));
        await registry.Db(async db => await db.Notifications.ExecuteDeleteAsync() + await db.OutboxMessages.ExecuteDeleteAsync());

        // On the holiday and over the weekend nothing is due; at 23:59 on Monday 21 December in Almaty it is still in time.
        Assert.Equal(0, await Escalate(registry, new DateTime(2026, 12, 16, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(0, await Escalate(registry, new DateTime(2026, 12, 20, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(0, await Escalate(registry, new DateTime(2026, 12, 21, 18, 59, 0, DateTimeKind.Utc)));
        registry.Time.SetUtcNow(new DateTimeOffset(2026, 12, 21, 19, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await Escalate(registry, registry.Time.GetUtcNow().UtcDateTime));
        Assert.Equal(0, await Escalate(registry, registry.Time.GetUtcNow().UtcDateTime.AddHours(1)));

        var row = await registry.Db(db => db.CitizenRequests.SingleAsync(r => r.Id == refusal.Id));
        Assert.Equal((CitizenRequestStatus.Escalated, new DateTime(2026, 12, 21, 19, 0, 0)), (row.Status, row.EscalatedAt!.Value));
        Assert.Equal(CitizenRequestStatus.Answered, (await registry.Db(db => db.CitizenRequests.SingleAsync(r => r.Id == answeredInTime.Id))).Status);
        Assert.Equal(1, await registry.Db(db => db.CaseEvents.CountAsync(e => e.CaseId == refusal.Id && e.Action == "escalate" && e.ActorRole == "system")));

        // The supervisory body and the owner are told, in-app and by mail; the person by mail, in Russian.
        Assert.Equal(1, await registry.Db(db => db.Notifications.CountAsync(n => n.UserId == world.Supervisor.UserId && n.Kind == NotificationKinds.CitizenRequestEscalated)));
        Assert.Equal(1, await registry.Db(db => db.Notifications.CountAsync(n => n.OrganisationId == world.Org.Id && n.Kind == NotificationKinds.CitizenRequestEscalated)));
        var mail = await registry.Db(db => db.OutboxMessages.ToListAsync());
        Assert.Contains(mail, m => m.ToAddress == "supervisor@gov.example" && m.Template == MailTemplates.Notification);
        Assert.Contains(mail, m => m.ToAddress == "owner@org.example" && m.Template == MailTemplates.Notification);
        var citizen = Assert.Single(mail, m => m.Template == MailTemplates.CitizenEscalated);
        Assert.Equal(("aigerim@mail.example", "ru"), (citizen.ToAddress, citizen.Language));

        // The owner can no longer answer; the supervisory body closes it.
        Assert.Equal("citizen-step-not-allowed", (await Assert.ThrowsAsync<RuleException>(() => Inbox(registry, i => i.AssignAsync(world.Owner, refusal.Id, world.Editor.UserId, row.Version)))).Key);
        Assert.Equal("citizen-escalated-supervisor", (await Assert.ThrowsAsync<ForbiddenException>(() => Inbox(registry, i => i.CloseAsync(world.Owner, refusal.Id, row.Version)))).Key);
        await Inbox(registry, i => i.CloseAsync(world.Supervisor, refusal.Id, row.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Personal_data_is_erased_when_the_retention_period_after_closing_ends(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind, s => s.AddSingleton(new CitizenSettings
        {
            RetentionDays = new() { [CitizenRequestKind.ExplanationRequest] = 30 },
        }));
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var closedOne = await FileAsync(registry, Input(CitizenRequestKind.ExplanationRequest, system.Id));
        var stillOpen = await FileAsync(registry, Input(CitizenRequestKind.ExplanationRequest, system.Id, email: "second@mail.example"));
        await Inbox(registry, i => i.AssignAsync(world.Owner, closedOne.Id, world.Editor.UserId, 1));
        await Inbox(registry, i => i.AnswerAsync(world.Editor, closedOne.Id, "The score weighs income and history.", 2));
        var closed = await Inbox(registry, i => i.CloseAsync(world.Editor, closedOne.Id, 3));
        Task<int> Erase(DateTime now) => registry.RunAsync(sp => sp.GetRequiredService<CitizenJobs>().EraseExpiredAsync(now));

        Assert.Equal(0, await Erase(closed.ClosedAt!.Value.AddDays(30).AddSeconds(-1)));
        Assert.Equal(1, await Erase(closed.ClosedAt!.Value.AddDays(30)));
        Assert.Equal(0, await Erase(closed.ClosedAt!.Value.AddDays(400)));

        var row = await registry.Db(db => db.CitizenRequests.SingleAsync(r => r.Id == closedOne.Id));
        Assert.Equal((null, null, 5), (row.PersonalDataId, row.ContactHash, row.Version));
        Assert.Equal(1, await registry.Db(db => db.PersonalData.CountAsync()));
        Assert.Equal(1, await registry.Db(db => db.CaseEvents.CountAsync(e => e.CaseId == closedOne.Id && e.Action == "erase-personal-data" && e.ActorRole == "system")));
        var seen = await Inbox(registry, i => i.GetAsync(world.Supervisor, closedOne.Id));
        Assert.Equal((true, (PersonalDetails?)null, "The score weighs income and history."), (seen.PersonalErased, seen.Personal, seen.Answer));
        var tracked = await registry.RunAsync(sp => sp.GetRequiredService<CitizenRequestService>().TrackAsync(closedOne.TrackingCode));
        Assert.Equal("erase-personal-data", tracked.Timeline[^1].Action);
        Assert.NotNull((await Inbox(registry, i => i.GetAsync(world.Supervisor, stillOpen.Id))).Personal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Each_step_notifies_the_owner_the_handler_and_the_person_in_their_language_with_nothing_personal(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        await registry.UserAsync("reader@org.example", language: "en");
        await registry.MemberAsync(world.Owner, world.Org.Id, "reader@org.example", MemberRole.Editor);
        var system = await world.PublishedAsync();
        await registry.Db(async db => await db.Notifications.ExecuteDeleteAsync() + await db.OutboxMessages.ExecuteDeleteAsync());

        var filed = await FileAsync(registry, Input(CitizenRequestKind.DataRequest, system.Id, email: "Aigerim@Mail.Example", language: "en"));
        registry.Time.Advance(TimeSpan.FromMinutes(1));
        await Inbox(registry, i => i.AssignAsync(world.Owner, filed.Id, world.Editor.UserId, 1));
        registry.Time.Advance(TimeSpan.FromMinutes(1));
        await Inbox(registry, i => i.AnswerAsync(world.Editor, filed.Id, "Your income statement and credit history were used.", 2));
        registry.Time.Advance(TimeSpan.FromMinutes(1));
        await Inbox(registry, i => i.CloseAsync(world.Editor, filed.Id, 3));

        var received = await registry.Db(db => db.Notifications.SingleAsync(n => n.Kind == NotificationKinds.CitizenRequestReceived));
        Assert.Equal((world.Org.Id, (Guid?)system.Id), (received.OrganisationId!.Value, received.SystemId));
        Assert.Contains(filed.Id.ToString(), received.ArgsJson, StringComparison.Ordinal);
        Assert.Equal(1, await registry.Db(db => db.Notifications.CountAsync(n => n.Kind == NotificationKinds.CitizenRequestAssigned && n.UserId == world.Editor.UserId)));

        var mail = await registry.Db(db => db.OutboxMessages.OrderBy(m => m.CreatedAt).ToListAsync());
        // Members are mailed the organisation's notification in their own language.
        Assert.Equal("en", Assert.Single(mail, m => m.ToAddress == "reader@org.example").Language);
        Assert.Equal("kk", Assert.Single(mail, m => m.ToAddress == "owner@org.example").Language);
        // The person: one mail per step, in English, to the address they gave, greeting them by their own name.
        var personal = mail.Where(m => m.UserId == null).ToList();
        Assert.Equal([MailTemplates.CitizenReceived, MailTemplates.CitizenAssigned, MailTemplates.CitizenAnswered, MailTemplates.CitizenClosed], personal.Select(m => m.Template));
        Assert.All(personal, m =>
        {
            Assert.Equal(("aigerim@mail.example", "en", "Айгерім Сейітова"), (m.ToAddress.ToLowerInvariant(), m.Language, m.ToName));
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(m.ValuesJson)!;
            Assert.Equal(filed.TrackingCode, values[MailTemplates.Values.Code]);
            Assert.Equal("2026-12-17", values[MailTemplates.Values.Due]);
            Assert.DoesNotContain("+7 701", m.ValuesJson, StringComparison.Ordinal);
            Assert.DoesNotContain("loan", m.ValuesJson, StringComparison.Ordinal);
            Assert.DoesNotContain("income statement", m.ValuesJson, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_stored(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var published = await world.PublishedAsync();
        var draft = await registry.SystemAsync(world.Owner, world.Org.Id, "spam-filter", fillDocuments: false);
        var good = Input(CitizenRequestKind.Objection, published.Id);

        async Task<IReadOnlyList<string>> Refused(CitizenRequestInput input) =>
            [.. (await Assert.ThrowsAsync<ValidationException>(() => FileAsync(registry, input))).Errors.Select(e => e.Field + ":" + e.Key)];

        Assert.Equal(["description:too-long"], await Refused(good with { Description = new string('x', CitizenLimits.Description + 1) }));
        Assert.Equal(["name:too-long"], await Refused(good with { Name = new string('x', CitizenLimits.Name + 1) }));
        Assert.Equal(["name:required", "description:required"], await Refused(good with { Name = " ", Description = null }));
        Assert.Equal(["system:citizen-system-unknown"], await Refused(good with { SystemId = Guid.NewGuid() }));
        Assert.Equal(["system:citizen-system-unknown"], await Refused(good with { SystemId = draft.Id }));
        Assert.Equal(["system:citizen-system-unknown"], await Refused(good with { SystemId = null, RegisterNumber = "KZ-AI-2026-999999" }));
        Assert.Equal(["system:citizen-system-required"], await Refused(good with { SystemId = null }));
        Assert.Equal(["named_system:citizen-system-twice"], await Refused(good with { NamedSystem = "Another" }));
        Assert.Equal(["named_system:too-long"], await Refused(good with { SystemId = null, NamedSystem = new string('x', CitizenLimits.NamedSystem + 1) }));
        Assert.Equal(["content:citizen-content-required"], await Refused(good with { Kind = CitizenRequestKind.SyntheticContentComplaint }));
        Assert.Equal(["content_link:url-invalid"], await Refused(good with { Kind = CitizenRequestKind.SyntheticContentComplaint, ContentLink = "javascript:alert(1)" }));
        Assert.Equal(["content_sha256:citizen-file-hash"], await Refused(good with { Kind = CitizenRequestKind.SyntheticContentComplaint, ContentFile = new ContentFile("k", "xyz", "no-label", null, []) }));
        Assert.Equal(["kind:citizen-kind-unknown"], await Refused(good with { Kind = (CitizenRequestKind)42 }));
        Assert.Equal(["language:citizen-language"], await Refused(good with { Language = "de" }));
        Assert.Contains("email:", (await Refused(good with { Email = "not an address" }))[0], StringComparison.Ordinal);

        Assert.Equal(0, await registry.CountAsync<CitizenRequest>());
        Assert.Equal(0, await registry.CountAsync<PersonalData>());
        Assert.Equal(0, await registry.CountAsync<CaseEvent>());
        Assert.Equal(0, await registry.Db(db => db.OutboxMessages.CountAsync(m => m.UserId == null)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_address_may_have_only_a_few_open_requests_filed_a_day(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind, s => s.AddSingleton(new CitizenSettings { MaxOpenPerEmailPerDay = 2 }));
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var input = Input(CitizenRequestKind.ExplanationRequest, system.Id);
        await FileAsync(registry, input);
        await FileAsync(registry, input with { Email = "AIGERIM@mail.example" });

        Assert.Equal("citizen-flood", (await Assert.ThrowsAsync<RuleException>(() => FileAsync(registry, input))).Key);
        Assert.Equal(2, await registry.CountAsync<CitizenRequest>());
        Assert.Equal(2, await registry.CountAsync<PersonalData>());

        // Another address, or no address, or the next day: accepted.
        await FileAsync(registry, input with { Email = "someone@mail.example" });
        await FileAsync(registry, input with { Email = null });
        registry.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await FileAsync(registry, input);
        Assert.Equal(5, await registry.CountAsync<CitizenRequest>());
    }
}
