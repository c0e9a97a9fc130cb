using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Citizens;
using Senim.Registry.Enforcement;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Organisations;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Enforcement;

/// <summary>
/// Enforcement cases in the register (docs/enforcement.md): each step of the table, who may take it, stale versions,
/// the Art. 641-1 fine for each category and for repeats counted from the register's own decisions, a year without an
/// MCI, publication to the transparency log with the integrity check, suspension orders and a closed case. The fake
/// clock starts on Wednesday 25 November 2026, 14:00 in Almaty; Org A is a medium business.
/// </summary>
public sealed class EnforcementTests
{
    private static Task<T> Service<T>(TestRegistry registry, Func<EnforcementService, Task<T>> work) =>
        registry.RunAsync(sp => work(sp.GetRequiredService<EnforcementService>()));

    private static Task<T> Cases<T>(TestRegistry registry, Func<EnforcementCases, Task<T>> work) =>
        registry.RunAsync(sp => work(sp.GetRequiredService<EnforcementCases>()));

    private static Task<EnforcementCase> OpenAsync(World world, Guid? systemId = null, Guid? organisationId = null) =>
        Service(world.Registry, s => s.OpenAsync(world.Supervisor, new OpenCaseInput(EnforcementOrigin.Monitoring, null, organisationId ?? world.Org.Id, systemId, "Synthetic content without a label")));

    private static Task<EnforcementCase> FineAsync(World world, EnforcementCase c, DateOnly offence, string? category = null) =>
        Service(world.Registry, s => s.DecideAsync(world.Supervisor, c.Id, new EnforcementDecisionInput(EnforcementDecisionKind.Fine, "Images were spread without the AI label (Art. 21).", category, offence), c.Version));

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_case_from_a_citizens_request_runs_every_step_and_publishes_its_decisions(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var filed = await registry.RunAsync(sp => sp.GetRequiredService<CitizenRequestService>().FileAsync(Actor.Anonymous,
            new CitizenRequestInput(CitizenRequestKind.SyntheticContentComplaint, system.Id, null, null, null, "Айгерім", null, null, "A video without a label.", "kk", "https://video.example/1")));

        // Opened from the request: the organisation and system come from it, and the request's timeline points at the case.
        var opened = await Service(registry, s => s.OpenAsync(world.Supervisor, new OpenCaseInput(EnforcementOrigin.CitizenRequest, filed.Id, null, null, "Unlabelled video")));
        Assert.Equal((world.Org.Id, system.Id, EnforcementStatus.Open, 0), (opened.OrganisationId, opened.SystemId!.Value, opened.Status, opened.Version));
        var pointer = await registry.Db(db => db.CaseEvents.SingleAsync(e => e.CaseKind == CaseKinds.CitizenRequest && e.CaseId == filed.Id && e.Action == "enforcement-opened"));
        Assert.Equal(opened.Id.ToString(), pointer.Text);

        var evidence = await Service(registry, s => s.AddEvidenceAsync(world.Supervisor, opened.Id, new Upload("frame.png", 8, new MemoryStream(Png)), 0));
        await Service(registry, s => s.AddNoteAsync(world.Supervisor, opened.Id, "Internal: ask the platform for the upload logs.", 1));
        var asked = await Service(registry, s => s.RequestResponseAsync(world.Supervisor, opened.Id, "Explain why the video carried no label.", 2));
        // Ten working days from Wednesday 25 November: 26, 27, 30 November, 1–4, 7, 8, 9 December.
        Assert.Equal((EnforcementStatus.AwaitingResponse, new DateOnly(2026, 12, 9)), (asked.Status, asked.ResponseDueDate!.Value));
        var answered = await Service(registry, s => s.RespondAsync(world.Editor, opened.Id, "The label was lost when the video was re-encoded.", 3));
        Assert.Equal(EnforcementStatus.Open, answered.Status);

        var decided = await FineAsync(world, answered, new DateOnly(2026, 11, 20));
        Assert.Equal((EnforcementStatus.Decided, 30m, 129_750m, false), (decided.Status, decided.FineUnits!.Value, decided.FineAmount!.Value, decided.FineRepeat));
        Assert.Equal(new DateOnly(2026, 12, 9), decided.AppealDueDate);

        var appealed = await Service(registry, s => s.AppealAsync(world.Owner, opened.Id, "The label was added again the same day.", decided.Version));
        var outcome = await Service(registry, s => s.DecideAppealAsync(world.Supervisor, opened.Id, AppealOutcome.Upheld, "The re-encoding does not excuse the missing label.", appealed.Version));
        var closed = await Service(registry, s => s.CloseAsync(world.Supervisor, opened.Id, outcome.Version));
        Assert.Equal(EnforcementStatus.Closed, closed.Status);

        // The supervisor's timeline has every step; the offender's leaves out the internal note and the officials' names.
        var full = await Cases(registry, c => c.GetAsync(world.Supervisor, opened.Id));
        Assert.Equal(["open", "add-evidence", "add-note", "request-response", "respond", "decide", "appeal", "decide-appeal", "close"], full.Timeline.Select(s => s.Action));
        var seen = await Cases(registry, c => c.GetAsync(world.Editor, opened.Id));
        Assert.DoesNotContain(seen.Timeline, s => s.Action == "add-note");
        Assert.All(seen.Timeline.Where(s => s.Role == "supervisor"), s => Assert.Null(s.ActorName));
        Assert.Equal(evidence.Sha256, Assert.Single(seen.Evidence).Sha256);
        Assert.Contains(full.FineTrace, t => t.En.Contains("30 × 4 325 = 129 750 KZT", StringComparison.Ordinal));

        // Two public decisions (the fine, the appeal's outcome), each in the log; the register still verifies.
        Assert.Equal(2, full.Decisions.Count);
        Assert.All(full.Decisions, d => Assert.NotNull(d.LogIndex));
        var entry = await registry.Db(db => db.LogEntries.SingleAsync(e => e.Kind == EnforcementDecision.FineKind));
        using (var json = JsonDocument.Parse(entry.Data))
        {
            var fine = json.RootElement.GetProperty("event").GetProperty("fine");
            Assert.Equal(("129750", "30", true), (fine.GetProperty("amount").GetString(), fine.GetProperty("units").GetString(), json.RootElement.GetProperty("system").ValueKind == JsonValueKind.Null));
            Assert.Equal("Org A", json.RootElement.GetProperty("organisation").GetProperty("name").GetString());
        }

        Assert.Equal(1, await registry.Db(db => db.LogEntries.CountAsync(e => e.Kind == EnforcementDecision.AppealKind)));
        var report = await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync());
        Assert.True(report.Ok, string.Join("; ", report.Problems.Select(p => p.Detail)));

        // The offender's members were told of the steps that concern them; the supervisors of its response and appeal.
        var kinds = await registry.Db(db => db.Notifications.Where(n => n.OrganisationId == world.Org.Id && n.Kind.StartsWith("notification.enforcement")).Select(n => n.Kind).ToListAsync());
        Assert.Equal(
            new[] { NotificationKinds.EnforcementOpened, NotificationKinds.EnforcementResponseRequested, NotificationKinds.EnforcementDecided, NotificationKinds.EnforcementAppealDecided, NotificationKinds.EnforcementClosed }.Order(),
            kinds.Order());
        Assert.Equal(2, await registry.Db(db => db.Notifications.CountAsync(n => n.UserId == world.Supervisor.UserId && n.Kind.StartsWith("notification.enforcement"))));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Each_step_refuses_the_wrong_role_and_a_stale_version_and_outsiders_find_nothing(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var opened = await OpenAsync(world);

        // Only the supervisory body opens, notes and decides; the offender's members answer.
        foreach (var actor in new[] { world.Owner, world.Admin, world.Expert, world.Other })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Service(registry, s => s.OpenAsync(actor, new OpenCaseInput(EnforcementOrigin.Monitoring, null, world.Org.Id, null, "x"))));
            await Assert.ThrowsAsync<ForbiddenException>(() => Service(registry, s => s.AddNoteAsync(actor, opened.Id, "x", 0)));
            await Assert.ThrowsAsync<ForbiddenException>(() => Service(registry, s => s.DecideAsync(actor, opened.Id, new EnforcementDecisionInput(EnforcementDecisionKind.Warning, "x"), 0)));
        }

        var asked = await Service(registry, s => s.RequestResponseAsync(world.Supervisor, opened.Id, "Why?", 0));
        // The supervisor does not answer for the offender; other organisations, experts and platform admins do not see the case.
        await Assert.ThrowsAsync<NotFoundException>(() => Service(registry, s => s.RespondAsync(world.Supervisor, opened.Id, "x", asked.Version)));
        foreach (var outsider in new[] { world.Other, world.Expert, world.Admin, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => Service(registry, s => s.RespondAsync(outsider, opened.Id, "x", asked.Version)));
            await Assert.ThrowsAsync<NotFoundException>(() => Cases(registry, c => c.GetAsync(outsider, opened.Id)));
        }

        // A stale version changes nothing.
        var stale = await Assert.ThrowsAsync<ConcurrencyException>(() => Service(registry, s => s.RespondAsync(world.Owner, opened.Id, "x", 0)));
        Assert.Equal(1, stale.CurrentVersion);
        Assert.Equal(2, await registry.Db(db => db.CaseEvents.CountAsync(e => e.CaseKind == CaseKinds.EnforcementCase)));
        // A step out of order says so; empty text is a field error.
        var rule = await Assert.ThrowsAsync<RuleException>(() => Service(registry, s => s.AppealAsync(world.Owner, opened.Id, "x", asked.Version)));
        Assert.Equal("enforcement-step-not-allowed", rule.Key);
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.RespondAsync(world.Owner, opened.Id, "  ", asked.Version)));
        Assert.Equal("response", Assert.Single(invalid.Errors).Field);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Opening_checks_the_origin_the_organisation_and_the_system(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var otherSystem = await registry.SystemAsync(world.Other, world.OtherOrg.Id, "spam-filter");
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.OpenAsync(world.Supervisor,
            new OpenCaseInput(EnforcementOrigin.CitizenRequest, Guid.NewGuid(), world.Org.Id, otherSystem.Id, ""))));
        Assert.Equal(
            [("origin_id", "enforcement-origin-unknown-request"), ("subject", "required"), ("system", "enforcement-system-not-offenders")],
            invalid.Errors.Select(e => (e.Field, e.Key)).Order());
        var monitoring = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.OpenAsync(world.Supervisor,
            new OpenCaseInput(EnforcementOrigin.Monitoring, Guid.NewGuid(), Guid.NewGuid(), null, "x"))));
        Assert.Equal(["enforcement-organisation-unknown", "enforcement-origin-id-monitoring"], monitoring.Errors.Select(e => e.Key).Order());
        // An incident or an audit is referred to by its id alone (their tables belong to another part of the register).
        var incident = await Service(registry, s => s.OpenAsync(world.Supervisor, new OpenCaseInput(EnforcementOrigin.Incident, Guid.NewGuid(), world.Org.Id, null, "Incident")));
        Assert.Equal(EnforcementOrigin.Incident, incident.Origin);
        Assert.Equal(0, await registry.Db(db => db.LogEntries.CountAsync(e => e.Kind.StartsWith("enforcement"))));
    }

    [Theory]
    [MemberData(nameof(FineCategories))]
    public async Task The_fine_follows_the_offenders_category(DatabaseKind kind, string category, int units)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var opened = await OpenAsync(world);

        var fine = await Service(registry, s => s.PreviewFineAsync(world.Supervisor, opened.Id, category, new DateOnly(2026, 11, 2)));
        Assert.Equal((category, (decimal)units, units * 4325m, 2026, false), (fine.Row.Id, fine.Units, fine.Amount, fine.UnitYear, fine.IsRepeat));
        var decided = await FineAsync(world, opened, new DateOnly(2026, 11, 2), category);
        Assert.Equal((units * 4325m, category), (decided.FineAmount!.Value, decided.OffenderCategory!));
    }

    public static TheoryData<DatabaseKind, string, int> FineCategories()
    {
        var data = new TheoryData<DatabaseKind, string, int>();
        foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.Postgres })
        {
            foreach (var (category, units) in new[] { ("individual", 15), ("small", 20), ("medium", 30), ("large", 100) })
            {
                data.Add(kind, category, units);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_repeat_counts_the_registers_own_decisions_within_a_year_and_not_a_day_after(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind, s => s.AddSingleton(new EnforcementSettings { MciByYear = { [2027] = 4500m } }));
        var world = await World.CreateAsync(registry);
        // The first fine, decided on 25 November 2026 (Almaty), is the earlier penalty.
        await FineAsync(world, await OpenAsync(world), new DateOnly(2026, 11, 20));
        // Another organisation's decision does not count for Org A.
        await FineAsync(world, await OpenAsync(world, organisationId: world.OtherOrg.Id), new DateOnly(2026, 11, 20));

        // A year later, to the day: still within the year (inclusive), so a repeat; the 2027 MCI comes from configuration.
        registry.Time.Advance(TimeSpan.FromDays(365));
        var within = await OpenAsync(world);
        var repeat = await Service(registry, s => s.PreviewFineAsync(world.Supervisor, within.Id, null, new DateOnly(2027, 11, 25)));
        Assert.Equal((true, new DateOnly(2026, 11, 25), 70m, 70 * 4500m, true), (repeat.IsRepeat, repeat.RepeatOf!.Value, repeat.Units, repeat.Amount, repeat.UnitValueConfigured));

        // One day later the year is over: a first offence again.
        registry.Time.Advance(TimeSpan.FromDays(1));
        var outside = await Service(registry, s => s.PreviewFineAsync(world.Supervisor, within.Id, null, new DateOnly(2027, 11, 26)));
        Assert.Equal((false, 30m), (outside.IsRepeat, outside.Units));

        // A decision annulled on appeal is no penalty: it stops counting.
        var earlier = await registry.Db(db => db.EnforcementCases.SingleAsync(c => c.OrganisationId == world.Org.Id && c.Decision != null));
        await registry.Db(db => db.EnforcementCases.Where(c => c.Id == earlier.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AppealOutcome, AppealOutcome.Annulled)));
        var annulled = await Service(registry, s => s.PreviewFineAsync(world.Supervisor, within.Id, null, new DateOnly(2027, 11, 25)));
        Assert.False(annulled.IsRepeat);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_year_without_an_MCI_is_refused_with_the_operators_error_and_nothing_is_decided(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        registry.Time.Advance(TimeSpan.FromDays(60));
        var opened = await OpenAsync(world);

        var refused = await Assert.ThrowsAsync<RuleException>(() => FineAsync(world, opened, new DateOnly(2027, 1, 10)));
        Assert.Equal("fine-unit-value-missing", refused.Key);
        Assert.Contains("2027", refused.Message, StringComparison.Ordinal);
        var row = await registry.Db(db => db.EnforcementCases.SingleAsync(c => c.Id == opened.Id));
        Assert.Equal((EnforcementStatus.Open, 0, (EnforcementDecisionKind?)null), (row.Status, row.Version, row.Decision));
        // An unknown category and a future offence are field errors.
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.PreviewFineAsync(world.Supervisor, opened.Id, "giant", null)));
        Assert.Equal("enforcement-category-unknown", Assert.Single(invalid.Errors).Key);
        var future = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.PreviewFineAsync(world.Supervisor, opened.Id, null, new DateOnly(2027, 3, 1))));
        Assert.Equal("enforcement-offence-future", Assert.Single(future.Errors).Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_decision_after_close_is_refused_and_an_appeal_after_its_period_too(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var opened = await OpenAsync(world);
        var warned = await Service(registry, s => s.DecideAsync(world.Supervisor, opened.Id, new EnforcementDecisionInput(EnforcementDecisionKind.Warning, "Label the content."), 0));

        // The appeal period (until 9 December) runs: the case cannot be closed yet.
        var running = await Assert.ThrowsAsync<RuleException>(() => Service(registry, s => s.CloseAsync(world.Supervisor, opened.Id, warned.Version)));
        Assert.Equal("enforcement-appeal-period-running", running.Key);
        registry.Time.Advance(TimeSpan.FromDays(15));
        var late = await Assert.ThrowsAsync<RuleException>(() => Service(registry, s => s.AppealAsync(world.Owner, opened.Id, "Too late?", warned.Version)));
        Assert.Equal("enforcement-appeal-period-over", late.Key);
        var closed = await Service(registry, s => s.CloseAsync(world.Supervisor, opened.Id, warned.Version));

        var again = await Assert.ThrowsAsync<RuleException>(() => Service(registry, s => s.DecideAsync(world.Supervisor, opened.Id, new EnforcementDecisionInput(EnforcementDecisionKind.Warning, "Again."), closed.Version)));
        Assert.Equal("enforcement-case-closed", again.Key);
        await Assert.ThrowsAsync<RuleException>(() => Service(registry, s => s.AddNoteAsync(world.Supervisor, opened.Id, "late note", closed.Version)));
        Assert.Equal(1, await registry.Db(db => db.EnforcementDecisions.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_changed_appeal_recomputes_the_fine_or_makes_it_a_warning_and_publishes_the_new_amount(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var first = await OpenAsync(world);
        var fined = await FineAsync(world, first, new DateOnly(2026, 11, 20));
        Assert.Equal(30 * 4325m, fined.FineAmount);
        var appealed = await Service(registry, s => s.AppealAsync(world.Owner, first.Id, "We are a small business (under 100 employees).", fined.Version));

        // "Changed" needs the new decision; the new decision needs "changed"; an appeal does not change a fine into a suspension order.
        var none = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.DecideAppealAsync(world.Supervisor, first.Id, AppealOutcome.Changed, "Small business.", appealed.Version)));
        Assert.Equal(("change", "required"), (Assert.Single(none.Errors).Field, none.Errors[0].Key));
        var upheldWithChange = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.DecideAppealAsync(world.Supervisor, first.Id, AppealOutcome.Upheld, "x", appealed.Version, new AppealChange(EnforcementDecisionKind.Warning))));
        Assert.Equal("enforcement-change-unchanged", Assert.Single(upheldWithChange.Errors).Key);
        var toOrder = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.DecideAppealAsync(world.Supervisor, first.Id, AppealOutcome.Changed, "x", appealed.Version, new AppealChange(EnforcementDecisionKind.SuspensionOrder))));
        Assert.Equal("enforcement-change-kind", Assert.Single(toOrder.Errors).Key);
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.DecideAppealAsync(world.Supervisor, first.Id, AppealOutcome.Changed, "x", appealed.Version, new AppealChange(EnforcementDecisionKind.Fine, "giant"))));
        Assert.Equal("enforcement-category-unknown", Assert.Single(unknown.Errors).Key);
        Assert.Equal((30 * 4325m, EnforcementStatus.Appealed), await registry.Db(db => db.EnforcementCases.Where(c => c.Id == first.Id).Select(c => new ValueTuple<decimal, EnforcementStatus>(c.FineAmount!.Value, c.Status)).SingleAsync()));

        // Changed to the small-business row: 20 MCI, kept on the case and published with the appeal's entry.
        var changed = await Service(registry, s => s.DecideAppealAsync(world.Supervisor, first.Id, AppealOutcome.Changed, "The organisation is a small business.", appealed.Version, new AppealChange(EnforcementDecisionKind.Fine, "small")));
        Assert.Equal((EnforcementDecisionKind.Fine, "small", 20m, 20 * 4325m, new DateOnly(2026, 11, 20)), (changed.Decision!.Value, changed.OffenderCategory!, changed.FineUnits!.Value, changed.FineAmount!.Value, changed.OffenceDate!.Value));
        var entry = await registry.Db(db => db.LogEntries.SingleAsync(e => e.Kind == EnforcementDecision.AppealKind));
        using (var json = JsonDocument.Parse(entry.Data))
        {
            var e = json.RootElement.GetProperty("event");
            Assert.Equal(("changed", "86500", "small"), (e.GetProperty("appeal_outcome").GetString(), e.GetProperty("fine").GetProperty("amount").GetString(), e.GetProperty("fine").GetProperty("category").GetString()));
        }

        // A later offence is a repeat of the changed fine (a changed decision still counts); changed on appeal to a warning, no
        // amount is left on the case and the appeal's entry carries none.
        registry.Time.Advance(TimeSpan.FromDays(2));
        var second = await OpenAsync(world);
        var fined2 = await FineAsync(world, second, new DateOnly(2026, 11, 26));
        Assert.True(fined2.FineRepeat);
        var appealed2 = await Service(registry, s => s.AppealAsync(world.Owner, second.Id, "First time for this system.", fined2.Version));
        var warned = await Service(registry, s => s.DecideAppealAsync(world.Supervisor, second.Id, AppealOutcome.Changed, "A warning suffices.", appealed2.Version, new AppealChange(EnforcementDecisionKind.Warning)));
        Assert.Equal((EnforcementDecisionKind.Warning, (decimal?)null, false), (warned.Decision!.Value, warned.FineAmount, warned.FineRepeat));
        var last = await registry.Db(db => db.EnforcementDecisions.Where(d => d.CaseId == second.Id && d.Kind == EnforcementDecision.AppealKind).SingleAsync());
        Assert.Null(last.FineAmount);
        Assert.True((await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync())).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_suspension_order_suspends_a_registered_system_in_the_same_transaction(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var opened = await OpenAsync(world, system.Id);

        await Service(registry, s => s.DecideAsync(world.Supervisor, opened.Id, new EnforcementDecisionInput(EnforcementDecisionKind.SuspensionOrder, "Stop using it until the risk assessment is redone."), 0));

        Assert.Equal(SystemStatus.Suspended, (await registry.Db(db => db.Systems.SingleAsync(s => s.Id == system.Id))).Status);
        var kinds = await registry.Db(db => db.LogEntries.OrderBy(e => e.Index).Select(e => e.Kind).ToListAsync());
        Assert.Equal([EnforcementDecision.SuspensionOrderKind, "suspension"], kinds.TakeLast(2));
        var decision = await registry.Db(db => db.EnforcementDecisions.SingleAsync());
        Assert.True(decision.SuspensionOrdered);
        Assert.True((await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync())).Ok);
        // A suspension order needs a system.
        var without = await OpenAsync(world);
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Service(registry, s => s.DecideAsync(world.Supervisor, without.Id, new EnforcementDecisionInput(EnforcementDecisionKind.SuspensionOrder, "x"), 0)));
        Assert.Equal("enforcement-suspension-system", Assert.Single(invalid.Errors).Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_natural_person_is_published_without_name_or_BIN_and_an_edited_decision_is_detected(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var opened = await OpenAsync(world);
        await FineAsync(world, opened, new DateOnly(2026, 11, 2), "individual");

        var published = await registry.RunAsync(sp => sp.GetRequiredService<PublicDecisions>().ListAsync(1, 20));
        var decision = Assert.Single(published.Items);
        Assert.Equal((true, (string?)null, (string?)null, 15 * 4325m), (decision.NaturalPerson, decision.OrganisationName, decision.Bin, decision.FineAmount!.Value));
        var entry = await registry.Db(db => db.LogEntries.SingleAsync(e => e.EventId == decision.Id));
        Assert.Equal(decision.LogIndex, entry.Index);
        var text = Encoding.UTF8.GetString(entry.Data);
        Assert.DoesNotContain("Org A", text, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Org.Bin, text, StringComparison.Ordinal);

        // A decision edited in the database no longer matches its entry; a deleted one is missing.
        await registry.Db(db => db.EnforcementDecisions.ExecuteUpdateAsync(s => s.SetProperty(d => d.Reasons, "Something else.")));
        var report = await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync());
        Assert.Equal("event-altered", Assert.Single(report.Problems).Code);
        await registry.Db(db => db.EnforcementDecisions.ExecuteDeleteAsync());
        report = await registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync());
        Assert.Equal("event-missing", Assert.Single(report.Problems).Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_supervisors_lists_show_open_overdue_and_closed_cases_and_members_see_only_their_organisations(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var waiting = await OpenAsync(world);
        await Service(registry, s => s.RequestResponseAsync(world.Supervisor, waiting.Id, "Why?", 0));
        var other = await OpenAsync(world, organisationId: world.OtherOrg.Id);

        Task<Page<EnforcementRow>> List(EnforcementList list) => Cases(registry, c => c.ListAsync(world.Supervisor, list, 1, 20));
        Assert.Empty((await List(EnforcementList.Overdue)).Items);
        // The response was due on 9 December (10 working days); on the 10th it is overdue.
        registry.Time.Advance(TimeSpan.FromDays(15));
        var overdue = Assert.Single((await List(EnforcementList.Overdue)).Items);
        Assert.Equal((waiting.Id, true, new DateOnly(2026, 12, 9)), (overdue.Id, overdue.ResponseOverdue, overdue.ResponseDueDate!.Value));
        Assert.Equal(2, (await List(EnforcementList.Open)).Total);
        var counts = await Cases(registry, c => c.CountsAsync(world.Supervisor));
        Assert.Equal((2, 1, 0), (counts[EnforcementList.Open], counts[EnforcementList.Overdue], counts[EnforcementList.Closed]));

        // Members see their organisation's cases only; the list is the supervisory body's.
        Assert.Equal([waiting.Id], (await Cases(registry, c => c.ForOrganisationAsync(world.Editor, world.Org.Id, 1, 20))).Items.Select(r => r.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Cases(registry, c => c.ForOrganisationAsync(world.Editor, world.OtherOrg.Id, 1, 20)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Cases(registry, c => c.ListAsync(world.Owner, EnforcementList.Open, 1, 20)));
        Assert.Empty(await Cases(registry, c => c.CountsAsync(world.Admin)));
        Assert.Equal(other.Id, Assert.Single((await Cases(registry, c => c.ForOrganisationAsync(world.Supervisor, world.OtherOrg.Id, 1, 20))).Items).Id);
    }

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}
