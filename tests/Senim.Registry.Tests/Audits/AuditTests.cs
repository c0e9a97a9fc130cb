using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Audits;
using Senim.Registry.Citizens;
using Senim.Registry.Organisations;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Audits;

/// <summary>
/// Audits and trusted lists in the register (docs/incidents-and-audits.md; Law 230-VIII Arts. 19, 20): planning, findings
/// against the law pack's checklist, corrective actions with working-day deadlines, completion, who may do what, stale
/// versions; a system enters its sector's trusted list only after a passed audit, each entry and removal is in the
/// transparency log and the integrity check rebuilds it. The fake clock starts on Wednesday 25 November 2026, 14:00 in Almaty.
/// </summary>
public sealed class AuditTests
{
    private static Task<T> Audits<T>(TestRegistry registry, Func<AuditService, Task<T>> work) =>
        registry.RunAsync(sp => work(sp.GetRequiredService<AuditService>()));

    private static Task<T> Trusted<T>(TestRegistry registry, Func<TrustedListService, Task<T>> work) =>
        registry.RunAsync(sp => work(sp.GetRequiredService<TrustedListService>()));

    private static AuditPlan Plan(Guid systemId, Guid auditor) =>
        new(systemId, null, "Data libraries, prohibited capabilities and risk management of the scoring model.", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 10), auditor);

    private static Task<IntegrityReport> IntegrityAsync(TestRegistry registry) => registry.RunAsync(sp => sp.GetRequiredService<IntegrityCheck>().RunAsync());

    [Fact]
    public async Task The_audit_checklist_comes_from_the_kz_pack_and_cites_article_20_2_for_data_libraries_and_prohibited_capabilities()
    {
        await using var registry = await TestRegistry.CreateAsync(DatabaseKind.Sqlite);
        var checklist = registry.Law.Packs.SelectMany(p => p.Pack.Checklists).Single(c => c.Id == AuditWorkflow.Checklist);
        Assert.Contains("kz.art20.2", checklist.Items.Single(i => i.Id == "data_libraries").Articles);
        Assert.Contains("kz.art20.2", checklist.Items.Single(i => i.Id == "prohibited_capabilities").Articles);
        Assert.Contains(checklist.Items, i => i.Id == "risk_management" && i.Articles.Contains("kz.art18.1.4"));
        Assert.Contains(checklist.Items, i => i.Id == "transparency_labels");
        Assert.Contains(checklist.Items, i => i.Id == "human_oversight");
        Assert.All(checklist.Items, i => Assert.All(new[] { i.Text.Kk, i.Text.Ru, i.Text.En }, t => Assert.False(string.IsNullOrWhiteSpace(t))));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_audit_passes_after_the_corrective_action_and_the_system_enters_the_trusted_list_in_the_log(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);

        var audit = await Audits(registry, a => a.PlanAsync(world.Supervisor, Plan(system.Id, world.Expert.UserId)));
        Assert.Equal((AuditStatus.Planned, system.Sector, "2026.12.2"), (audit.Status, audit.Sector, audit.PackVersion));
        Assert.Equal([(world.Org.Id, (Guid?)null), (null, world.Expert.UserId)],
            (await registry.Db(db => db.Notifications.Where(n => n.Kind == NotificationKinds.AuditPlanned).OrderBy(n => n.UserId != null).Select(n => new { n.OrganisationId, n.UserId }).ToListAsync())).Select(n => (n.OrganisationId, n.UserId)));
        Assert.Equal("audit-open", (await Assert.ThrowsAsync<RuleException>(() => Audits(registry, a => a.PlanAsync(world.Supervisor, Plan(system.Id, world.Expert.UserId))))).Key);

        // Without a passed audit the system cannot enter the trusted list.
        Assert.Equal("trusted-audit-required", (await Assert.ThrowsAsync<RuleException>(() => Trusted(registry, t => t.EnterAsync(world.Supervisor, system.Id)))).Key);

        var items = (await Audits(registry, a => Task.FromResult(a.Checklist()))).Items.Select(i => i.Id).ToList();
        var version = audit.Version;
        var pdf = "%PDF-1.4 metadata of the data libraries"u8.ToArray();
        foreach (var item in items)
        {
            var result = item == "prohibited_capabilities" ? FindingResult.NotMet : item == "transparency_labels" ? FindingResult.NotApplicable : FindingResult.Met;
            await Audits(registry, a => a.RecordFindingAsync(world.Expert, audit.Id, item, result, result == FindingResult.NotMet ? "A 'mood' score is derived from call audio." : null,
                item == "data_libraries" ? new Upload("library-metadata.pdf", pdf.Length, new MemoryStream(pdf)) : null, version));
            version++;
        }

        var failing = await Assert.ThrowsAsync<RuleException>(() => Audits(registry, a => a.CompleteAsync(world.Expert, audit.Id, passed: true, "Passes.", version)));
        Assert.Equal("audit-not-met", failing.Key);
        Assert.Equal("audit-item-not-failed", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() =>
            Audits(registry, a => a.AddCorrectiveActionAsync(world.Expert, audit.Id, "documentation", "Nothing to do.", null, version)))).Errors).Key);

        // The default deadline: twenty working days from 25 November (16 December is Independence Day) is 24 December.
        var action = await Audits(registry, a => a.AddCorrectiveActionAsync(world.Expert, audit.Id, "prohibited_capabilities", "Remove the mood score from the model's outputs.", null, version++));
        Assert.Equal(new DateOnly(2026, 12, 24), action.DueDate);
        Assert.Equal(new DateTime(2026, 12, 24, 19, 0, 0, DateTimeKind.Utc), action.DueAt);
        var dated = await Audits(registry, a => a.AddCorrectiveActionAsync(world.Expert, audit.Id, "prohibited_capabilities", "Retrain without the audio features.", new DateOnly(2027, 1, 15), version++));
        Assert.Equal(new DateOnly(2027, 1, 15), dated.DueDate);

        // The owner sees the findings and reports both actions done; the auditor is told.
        var seen = await Audits(registry, a => a.GetAsync(world.Owner, audit.Id));
        Assert.Equal(FindingResult.NotMet, seen.Lines.Single(l => l.Item.Id == "prohibited_capabilities").Finding!.Result);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), seen.Lines.Single(l => l.Item.Id == "data_libraries").Finding!.EvidenceSha256);
        Assert.Contains("Art. 20(2)", seen.Cites(seen.Lines.Single(l => l.Item.Id == "data_libraries").Item, Senim.Law.Texts.Language.En), StringComparison.Ordinal);
        var file = await Audits(registry, a => a.EvidenceAsync(world.Owner, audit.Id, "data_libraries"));
        Assert.Equal("library-metadata.pdf", file!.Value.Name);
        await file.Value.Content.DisposeAsync();
        Assert.Equal("audit-owner-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Audits(registry, a => a.ReportActionDoneAsync(world.Expert, audit.Id, action.Id, "Done.", version)))).Key);
        await Audits(registry, a => a.ReportActionDoneAsync(world.Owner, audit.Id, action.Id, "The mood score was removed in release 4.2.", version++));
        Assert.Equal("audit-action-done", (await Assert.ThrowsAsync<RuleException>(() => Audits(registry, a => a.ReportActionDoneAsync(world.Owner, audit.Id, action.Id, "Again.", version)))).Key);
        Assert.Equal("audit-not-met", (await Assert.ThrowsAsync<RuleException>(() => Audits(registry, a => a.CompleteAsync(world.Expert, audit.Id, true, "Passes.", version)))).Key);
        await Audits(registry, a => a.ReportActionDoneAsync(world.Editor, audit.Id, dated.Id, "Retrained in release 4.3.", version++));
        Assert.Equal(world.Expert.UserId, await registry.Db(db => db.Notifications.Where(n => n.Kind == NotificationKinds.CorrectiveActionDone).Select(n => n.UserId!.Value).FirstAsync()));

        audit = await Audits(registry, a => a.CompleteAsync(world.Expert, audit.Id, passed: true, "The system meets the checklist after the corrective actions.", version));
        Assert.Equal(AuditStatus.Passed, audit.Status);
        Assert.Equal("audit-step-not-allowed", (await Assert.ThrowsAsync<RuleException>(() => Audits(registry, a => a.RecordFindingAsync(world.Expert, audit.Id, items[0], FindingResult.Met, null, null, audit.Version)))).Key);

        // On the trusted list of the audit's sector, once; the entry is a log entry that the integrity check rebuilds.
        Assert.Equal("supervisor-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Trusted(registry, t => t.EnterAsync(world.Expert, system.Id)))).Key);
        var entry = await Trusted(registry, t => t.EnterAsync(world.Supervisor, system.Id));
        Assert.Equal("trusted-already", (await Assert.ThrowsAsync<RuleException>(() => Trusted(registry, t => t.EnterAsync(world.Supervisor, system.Id)))).Key);
        var listed = Assert.Single(await Trusted(registry, t => t.ListAsync(system.Sector)));
        Assert.Equal((system.Id, system.RegisterNumber, audit.Id), (listed.SystemId, listed.RegisterNumber, listed.AuditId));
        Assert.Empty(await Trusted(registry, t => t.ListAsync("agriculture")));
        Assert.Equal([system.Sector], await Trusted(registry, t => t.SectorsOfAsync(system.Id)));
        var logged = await registry.Db(db => db.LogEntries.AsNoTracking().OrderByDescending(e => e.Index).FirstAsync());
        Assert.Equal((TrustedListEvent.Entry, (Guid?)system.Id), (logged.Kind, logged.SystemId));
        var ids = RegisterLogEntry.Describe(logged.Data);
        Assert.Equal(await registry.Db(db => db.TrustedListEvents.Select(e => e.Id).SingleAsync()), ids.EventId);
        Assert.Contains($"\"sector\":\"{system.Sector}\"", System.Text.Encoding.UTF8.GetString(logged.Data), StringComparison.Ordinal);
        Assert.True((await IntegrityAsync(registry)).Ok);

        // Removed with a published reason; a second removal is refused; both events verify.
        Assert.Equal("required", Assert.Single((await Assert.ThrowsAsync<ValidationException>(() => Trusted(registry, t => t.RemoveAsync(world.Supervisor, entry.Id, " ", entry.Version)))).Errors).Key);
        await Assert.ThrowsAsync<ConcurrencyException>(() => Trusted(registry, t => t.RemoveAsync(world.Supervisor, entry.Id, "Stale.", entry.Version + 1)));
        await Trusted(registry, t => t.RemoveAsync(world.Supervisor, entry.Id, "The mood score returned in release 5.0.", entry.Version));
        Assert.Equal("trusted-removed", (await Assert.ThrowsAsync<RuleException>(() => Trusted(registry, t => t.RemoveAsync(world.Supervisor, entry.Id, "Again.", entry.Version + 1)))).Key);
        Assert.Empty(await Trusted(registry, t => t.ListAsync(null)));
        var removal = await registry.Db(db => db.LogEntries.AsNoTracking().OrderByDescending(e => e.Index).FirstAsync());
        Assert.Equal(TrustedListEvent.Removal, removal.Kind);
        Assert.Equal("The mood score returned in release 5.0.", RegisterLogEntry.Summarize(removal.Data).Reason);
        Assert.True((await IntegrityAsync(registry)).Ok);
        Assert.Equal(2, await registry.Db(db => db.Notifications.CountAsync(n => n.Kind == NotificationKinds.TrustedListChanged && n.OrganisationId == world.Org.Id)));

        // An edit of a logged trusted-list event outside the services is found.
        await registry.Db(db => db.TrustedListEvents.Where(e => e.Kind == TrustedListEvent.Removal).ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, "Edited.")));
        Assert.Contains((await IntegrityAsync(registry)).Problems, p => p.Code == "event-altered");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Only_the_supervisory_body_plans_only_the_auditor_records_and_a_failed_audit_keeps_the_system_off_the_list(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var draft = await world.HighRiskAsync(SystemStatus.Draft);

        Assert.Equal("supervisor-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Audits(registry, a => a.PlanAsync(world.Owner, Plan(system.Id, world.Expert.UserId))))).Key);
        Assert.Equal("audit-not-registered", (await Assert.ThrowsAsync<RuleException>(() => Audits(registry, a => a.PlanAsync(world.Supervisor, Plan(draft.Id, world.Expert.UserId))))).Key);
        var bad = new AuditPlan(system.Id, "astrology", " ", new DateOnly(2026, 11, 1), new DateOnly(2026, 10, 1), world.Owner.UserId);
        Assert.Equal(["sector-unknown", "required", "date-out-of-range", "audit-end-before-start", "audit-auditor-role"],
            (await Assert.ThrowsAsync<ValidationException>(() => Audits(registry, a => a.PlanAsync(world.Supervisor, bad)))).Errors.Select(e => e.Key));

        var audit = await Audits(registry, a => a.PlanAsync(world.Supervisor, Plan(system.Id, world.Supervisor.UserId)));
        foreach (var stranger in new[] { world.Other, world.Expert, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => Audits(registry, a => a.GetAsync(stranger, audit.Id)));
        }

        Assert.Equal(audit.Id, (await Audits(registry, a => a.GetAsync(world.Editor, audit.Id))).Audit.Id);
        Assert.Equal("audit-auditor-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Audits(registry, a => a.RecordFindingAsync(world.Owner, audit.Id, "documentation", FindingResult.Met, null, null, audit.Version)))).Key);
        Assert.Equal(["item-unknown", "required"], (await Assert.ThrowsAsync<ValidationException>(() =>
            Audits(registry, a => a.RecordFindingAsync(world.Supervisor, audit.Id, "astrology", FindingResult.NotMet, null, null, audit.Version)))).Errors.Select(e => e.Key));
        Assert.Equal("audit-findings-missing", (await Assert.ThrowsAsync<RuleException>(() => Audits(registry, a => a.CompleteAsync(world.Supervisor, audit.Id, false, "Fails.", audit.Version)))).Key);

        var version = audit.Version;
        foreach (var item in (await Audits(registry, a => Task.FromResult(a.Checklist()))).Items)
        {
            await Audits(registry, a => a.RecordFindingAsync(world.Supervisor, audit.Id, item.Id, item.Id == "data_libraries" ? FindingResult.NotMet : FindingResult.Met, "Checked.", null, version++));
        }

        await Assert.ThrowsAsync<ConcurrencyException>(() => Audits(registry, a => a.CompleteAsync(world.Supervisor, audit.Id, false, "Fails.", version - 1)));
        audit = await Audits(registry, a => a.CompleteAsync(world.Supervisor, audit.Id, false, "The data libraries' sources are not documented.", version));
        Assert.Equal(AuditStatus.Failed, audit.Status);
        Assert.Equal("trusted-audit-required", (await Assert.ThrowsAsync<RuleException>(() => Trusted(registry, t => t.EnterAsync(world.Supervisor, system.Id)))).Key);
        Assert.Equal(["plan", .. Enumerable.Repeat("record-finding", 7), "fail"], (await Audits(registry, a => a.GetAsync(world.Supervisor, audit.Id))).Timeline.Select(t => t.Action));

        // Lists: the supervisor sees all, the auditor their own, the owner its organisation's; others nothing.
        Assert.Single((await Audits(registry, a => a.ListAsync(world.Supervisor, null, mine: false, openOnly: false, 1, 20))).Items);
        Assert.Single((await Audits(registry, a => a.ListAsync(world.Owner, world.Org.Id, mine: false, openOnly: false, 1, 20))).Items);
        Assert.Empty((await Audits(registry, a => a.ListAsync(world.Expert, null, mine: true, openOnly: false, 1, 20))).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => Audits(registry, a => a.ListAsync(world.Other, world.Org.Id, false, false, 1, 20)));
        Assert.Equal("audit-auditor-only", (await Assert.ThrowsAsync<ForbiddenException>(() => Audits(registry, a => a.ListAsync(world.Other, null, true, false, 1, 20)))).Key);

        // A new audit can be planned and cancelled with a reason.
        var next = await Audits(registry, a => a.PlanAsync(world.Supervisor, Plan(system.Id, world.Expert.UserId)));
        next = await Audits(registry, a => a.CancelAsync(world.Supervisor, next.Id, "The system is being rebuilt.", next.Version));
        Assert.Equal(AuditStatus.Cancelled, next.Status);
        Assert.Equal(2, await registry.Db(db => db.CaseEvents.CountAsync(e => e.CaseKind == CaseKinds.Audit && e.CaseId == next.Id)));
    }
}
