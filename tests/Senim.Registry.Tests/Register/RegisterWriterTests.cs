using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Register;

/// <summary>
/// One writer for a register change: the version and its snapshot, the public record, the log entry and the
/// notification are one transaction, written together or not at all.
/// </summary>
public class RegisterWriterTests
{
    /// <summary>The save that stores a rebuilt public record (the second save of a change).</summary>
    private static bool SavesThePublicRecord(DbCommand command) =>
        command.CommandText.Contains("UPDATE \"AiSystems\"", StringComparison.Ordinal) && command.CommandText.Contains("\"PublicJson\"", StringComparison.Ordinal);

    private sealed record State(int Version, SystemStatus Status, string? PublicJson, int Versions, int Events, int Notifications, int LogEntries);

    private static Task<State> StateAsync(TestRegistry registry, Guid systemId) => registry.Db(async db =>
    {
        var system = await db.Systems.AsNoTracking().SingleAsync(s => s.Id == systemId);
        return new State(system.Version, system.Status, system.PublicJson,
            await db.SystemVersions.CountAsync(v => v.SystemId == systemId),
            await db.WorkflowEvents.CountAsync(e => e.SystemId == systemId),
            await db.Notifications.CountAsync(n => n.SystemId == systemId),
            await db.LogEntries.CountAsync(l => l.SystemId == systemId));
    });

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_workflow_step_writes_its_version_record_log_entry_and_notification_together(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.HighRiskAsync(SystemStatus.Registered);
        var before = await StateAsync(registry, system.Id);

        var suspended = await world.Workflow(w => w.SuspendAsync(world.Supervisor, system.Id, "Investigating a complaint.", system.Version));

        var after = await StateAsync(registry, system.Id);
        Assert.Equal((before.Version + 1, SystemStatus.Suspended), (after.Version, after.Status));
        Assert.Equal((before.Versions + 1, before.Events + 1, before.Notifications + 1, before.LogEntries + 1), (after.Versions, after.Events, after.Notifications, after.LogEntries));
        var (version, workflowEvent, notification, entry) = await registry.Db(async db => (
            await db.SystemVersions.SingleAsync(v => v.SystemId == system.Id && v.Version == suspended.Version),
            await db.WorkflowEvents.OrderByDescending(e => e.Sequence).FirstAsync(e => e.SystemId == system.Id),
            await db.Notifications.SingleAsync(n => n.SystemId == system.Id && n.ArgsJson == "[\"suspended\"]"),
            await db.LogEntries.OrderByDescending(l => l.Index).FirstAsync(l => l.SystemId == system.Id)));
        Assert.Equal("suspend", version.Change);
        Assert.Contains("\"status\":\"suspended\"", version.SnapshotJson, StringComparison.Ordinal);
        Assert.Equal(("suspend", "supervisor", true), (workflowEvent.Action, workflowEvent.ActorRole, workflowEvent.IsPublic));
        Assert.Contains("\"status\":\"suspended\"", after.PublicJson, StringComparison.Ordinal);
        Assert.Equal(("notification.decided", world.Org.Id, "[\"suspended\"]"), (notification.Kind, notification.OrganisationId, notification.ArgsJson));
        Assert.Equal(("suspension", workflowEvent.Id, RegisterLogEntry.RecordHash(after.PublicJson)), (entry.Kind, entry.EventId, entry.RecordHash));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task The_writer_saves_a_staged_change_with_its_snapshot_record_log_entry_and_notification(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var system = await world.PublishedAsync();
        var before = await StateAsync(registry, system.Id);

        await registry.RunAsync(async sp =>
        {
            var access = await sp.OpenAsync(world.Owner, system.Id);
            access.System.NameEn = "Renamed by the writer";
            var writer = sp.GetRequiredService<RegisterWriter>();
            writer.Notify(access.System.OrganisationId, null, system.Id, "notification.test", "renamed");
            await writer.SaveVersionAsync(access.System, "edited", world.Owner, system.Version, CancellationToken.None);
        });

        var after = await StateAsync(registry, system.Id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal((before.Versions + 1, before.Events, before.Notifications + 1, before.LogEntries + 1), (after.Versions, after.Events, after.Notifications, after.LogEntries));
        Assert.Contains("Renamed by the writer", after.PublicJson, StringComparison.Ordinal);
        var entry = await registry.Db(db => db.LogEntries.OrderByDescending(l => l.Index).FirstAsync(l => l.SystemId == system.Id));
        Assert.Equal((RegisterLogEntry.RecordUpdate, (Guid?)null, RegisterLogEntry.RecordHash(after.PublicJson)), (entry.Kind, entry.EventId, entry.RecordHash));
        var stored = await registry.GetAsync(world.Owner, system.Id);
        Assert.Contains("renamed by the writer", stored.SearchText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_change_that_fails_part_way_keeps_nothing_of_it(DatabaseKind kind)
    {
        var failing = new QueryCounter();
        await using var registry = await TestRegistry.CreateAsync(kind, services => services.AddSingleton<IInterceptor>(failing));
        var world = await World.CreateAsync(registry);
        var registered = await world.HighRiskAsync(SystemStatus.Registered);
        var published = await world.PublishedAsync();
        var before = (await StateAsync(registry, registered.Id), await StateAsync(registry, published.Id));

        failing.FailWhen = SavesThePublicRecord;
        // A workflow step: the event, the version, the notification were saved before the public record's save failed.
        await AssertFailsAsync(() => world.Workflow(w => w.SuspendAsync(world.Supervisor, registered.Id, "Investigating.", registered.Version)));
        // The writer used directly, with a staged notification.
        await AssertFailsAsync(() => registry.RunAsync(async sp =>
        {
            var access = await sp.OpenAsync(world.Owner, published.Id);
            access.System.NameEn = "Never saved";
            var writer = sp.GetRequiredService<RegisterWriter>();
            writer.Notify(access.System.OrganisationId, null, published.Id, "notification.test");
            await writer.SaveVersionAsync(access.System, "edited", world.Owner, published.Version, CancellationToken.None);
        }));
        failing.FailWhen = null;

        Assert.Equal(before, (await StateAsync(registry, registered.Id), await StateAsync(registry, published.Id)));
        Assert.DoesNotContain("Never saved", (await registry.GetAsync(world.Owner, published.Id)).NameEn ?? "", StringComparison.Ordinal);

        // The register goes on: the same step succeeds once nothing fails.
        var suspended = await world.Workflow(w => w.SuspendAsync(world.Supervisor, registered.Id, "Investigating.", registered.Version));
        Assert.Equal(SystemStatus.Suspended, suspended.Status);
    }

    /// <summary>The injected failure surfaces (EF may wrap it in a <see cref="DbUpdateException"/>).</summary>
    private static async Task AssertFailsAsync(Func<Task> change)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(change);
        for (Exception? e = failure; ; e = e.InnerException)
        {
            Assert.NotNull(e);
            if (e.Message.Contains("the test fails", StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_unique_violation_is_recognised_by_the_providers_error_code_and_other_constraints_are_not(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);

        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => registry.Db(async db =>
        {
            // Only one verified organisation holds a BIN (unverified claims of it may coexist).
            db.Organisations.Add(new Organisation { Id = Guid.NewGuid(), Bin = world.Org.Bin, Name = "Same BIN", CreatedAt = DateTime.UtcNow, Verification = VerificationState.Signature });
            return await db.SaveChangesAsync();
        }));
        Assert.True(DatabaseErrors.IsUniqueViolation(duplicate));

        var dangling = await Assert.ThrowsAsync<DbUpdateException>(() => registry.Db(async db =>
        {
            db.Memberships.Add(new Membership { Id = Guid.NewGuid(), OrganisationId = Guid.NewGuid(), UserId = world.Owner.UserId, Role = MemberRole.Editor, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        }));
        Assert.False(DatabaseErrors.IsUniqueViolation(dangling));

        // What decides is the code, not the words: a foreign-key message that mentions UNIQUE is still not a unique violation.
        Assert.False(DatabaseErrors.IsUniqueViolation(new DbUpdateException("x", new SqliteException("UNIQUE constraint failed (but really a foreign key)", 19, 787))));
        Assert.True(DatabaseErrors.IsUniqueViolation(new DbUpdateException("x", new SqliteException("constraint failed", 19, 2067))));
        Assert.False(DatabaseErrors.IsUniqueViolation(new DbUpdateException("x", new InvalidOperationException("23505 UNIQUE"))));
    }
}
