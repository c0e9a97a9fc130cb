using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Ledger;
using Senim.Ledger.Merkle;
using Senim.Registry.Access;
using Senim.Registry.Log;
using Senim.Registry.Model;
using Senim.Registry.Tests.Support;
using Senim.Tests.Shared;

namespace Senim.Registry.Tests.Log;

public class RegisterLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<T> Log<T>(TestRegistry registry, Func<LogService, Task<T>> read) => registry.RunAsync(sp => read(sp.GetRequiredService<LogService>()));

    private static Task<IntegrityReport> IntegrityAsync(TestRegistry registry, int systemsPerChunk = 500) => registry.RunAsync(sp =>
    {
        var check = sp.GetRequiredService<IntegrityCheck>();
        check.SystemsPerChunk = systemsPerChunk;
        return check.RunAsync();
    });

    /// <summary>The log's entries and the register's public events correspond one to one, and the signed root is the root of the entries.</summary>
    private static async Task AssertLogMatchesRegisterAsync(TestRegistry registry)
    {
        var entries = await registry.Db(db => db.LogEntries.AsNoTracking().OrderBy(e => e.Index).ToListAsync());
        var events = await registry.Db(db => db.WorkflowEvents.AsNoTracking().Where(e => e.IsPublic).Select(e => e.Id).ToListAsync());
        Assert.Equal(Enumerable.Range(0, entries.Count).Select(i => (long)i), entries.Select(e => e.Index));
        Assert.Equal(events.Order(), entries.Where(e => e.EventId is not null).Select(e => e.EventId!.Value).Order());
        var checkpoint = await Log(registry, l => l.LatestAsync());
        Assert.NotNull(checkpoint);
        Assert.Equal(entries.Count, checkpoint.Size);
        var leaves = entries.Select(e => Rfc9162.LeafHash(e.Data)).ToArray();
        Assert.Equal(checkpoint.Root, Rfc9162.RootOfLeafHashes(leaves));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Every_public_event_becomes_one_signed_entry_in_the_same_transaction(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var draft = await world.HighRiskAsync(SystemStatus.Draft);
        Assert.Equal(0, await registry.Db(db => db.LogEntries.CountAsync()));

        var published = await world.PublishedAsync();
        var registered = await world.HighRiskAsync(SystemStatus.Registered);
        var suspended = await world.HighRiskAsync(SystemStatus.Suspended);
        await AssertLogMatchesRegisterAsync(registry);

        var mine = await Log(registry, l => l.EntriesForAsync(suspended.Id));
        Assert.Equal(["registration", "suspension"], mine.Select(e => e.Kind));
        Assert.Single(await Log(registry, l => l.EntriesForAsync(published.Id)), e => e.Kind == "publication");
        Assert.Empty(await Log(registry, l => l.EntriesForAsync(draft.Id)));

        // Each entry is the canonical JSON of the event, naming the system and the hash of its public record now.
        var entry = (await Log(registry, l => l.EntryAsync(mine[1].Index)))!;
        var stored = await registry.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == suspended.Id));
        var (entryKind, systemId, organisationId, eventId, recordHash) = RegisterLogEntry.Describe(entry.Data);
        Assert.Null(organisationId);
        Assert.Equal(("suspension", (Guid?)suspended.Id, mine[1].EventId), (entryKind, systemId, eventId));
        Assert.Equal(RegisterLogEntry.RecordHash(stored.PublicJson), recordHash);
        Assert.Equal(entry.Data, Ledger.Json.JsonCanonicalizer.Canonicalize(entry.Data));

        // One checkpoint per transaction, each signed by the log's key.
        var checkpoints = await registry.Db(db => db.LogCheckpoints.AsNoTracking().OrderBy(c => c.Size).ToListAsync());
        Assert.Equal(await registry.Db(db => db.LogEntries.CountAsync()), checkpoints.Count);

        // A receipt for the entry verifies, step by step.
        var receipt = await Log(registry, l => l.ReceiptAsync(mine[1].Index));
        var verification = await Log(registry, l => l.VerifyReceiptAsync(receipt!, mine[1].Index));
        Assert.True(verification.Valid, verification.Error);
        Assert.Contains(verification.Steps, s => s.Title.Contains("root", StringComparison.OrdinalIgnoreCase));
        Assert.True((await IntegrityAsync(registry)).Ok);

        // Removal of the registered system is public too; its record is no longer listed, so its hash is null.
        await world.Workflow(w => w.RemoveAsync(world.Owner, registered.Id, "Stopped.", registered.Version));
        var removal = (await Log(registry, l => l.EntriesForAsync(registered.Id)))[^1];
        Assert.Equal("removal", removal.Kind);
        Assert.Null(RegisterLogEntry.Describe((await Log(registry, l => l.EntryAsync(removal.Index)))!.Data).RecordHash);
        await AssertLogMatchesRegisterAsync(registry);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_rejected_change_leaves_the_log_unchanged(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var registered = await world.HighRiskAsync(SystemStatus.Registered);
        var before = await Log(registry, l => l.SignedCheckpointAsync());

        await Assert.ThrowsAsync<ConcurrencyException>(() => world.Workflow(w => w.SuspendAsync(world.Supervisor, registered.Id, "Stale.", registered.Version - 1)));
        await Assert.ThrowsAsync<ForbiddenException>(() => world.Workflow(w => w.SuspendAsync(world.Owner, registered.Id, "Not mine to do.", registered.Version)));

        Assert.Equal(before, await Log(registry, l => l.SignedCheckpointAsync()));
        await AssertLogMatchesRegisterAsync(registry);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Parallel_register_changes_give_a_log_that_matches_the_register_one_to_one(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var systems = new List<AiSystem>();
        for (var i = 0; i < 8; i++)
        {
            systems.Add(await registry.SystemAsync(world.Owner, world.Org.Id, "spam-filter"));
        }

        // Publish all at once, then edit and remove them, all in parallel: every public change gets a distinct index.
        var published = await Task.WhenAll(systems.Select(s => world.Workflow(w => w.PublishAsync(world.Owner, s.Id, s.Version))));
        await Task.WhenAll(published.Select(s => registry.RunAsync(async sp => await sp.GetRequiredService<Services.SystemService>()
            .UpdateAsync(await sp.OpenAsync(world.Owner, s.Id), TestRegistry.Input("Изменено " + s.Id.ToString()[..4]), s.Version))));
        var edited = await Task.WhenAll(published.Select(s => registry.GetAsync(world.Owner, s.Id)));
        await Task.WhenAll(edited.Take(4).Select(s => world.Workflow(w => w.RemoveAsync(world.Owner, s.Id, "Done.", s.Version))));

        await AssertLogMatchesRegisterAsync(registry);
        var entries = await registry.Db(db => db.LogEntries.AsNoTracking().ToListAsync());
        Assert.Equal(8 + 8 + 4, entries.Count);
        Assert.Equal(8, entries.Count(e => e.Kind == RegisterLogEntry.RecordUpdate));
        Assert.Equal(entries.Count, await registry.Db(db => db.LogCheckpoints.CountAsync()));
        var report = await IntegrityAsync(registry);
        Assert.True(report.Ok, string.Join("\n", report.Problems.Select(p => p.Detail)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task A_register_that_existed_before_its_log_is_backfilled_once(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        await world.PublishedAsync();
        await world.HighRiskAsync(SystemStatus.Withdrawn);
        // As a database migrated from before the log would be: public events, no log.
        await registry.Db(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "LogEntries"; DELETE FROM "LogHashes"; DELETE FROM "LogCheckpoints"; UPDATE "LogHeads" SET "Size" = 0;""");
            return 0;
        });

        var appended = await registry.RunAsync(sp => LogSequencer.BackfillAsync(sp.GetRequiredService<Data.RegistryDb>(), sp.GetRequiredService<LogKey>()));
        Assert.Equal(3, appended);
        Assert.Equal(0, await registry.RunAsync(sp => LogSequencer.BackfillAsync(sp.GetRequiredService<Data.RegistryDb>(), sp.GetRequiredService<LogKey>())));
        await AssertLogMatchesRegisterAsync(registry);
        var report = await IntegrityAsync(registry);
        Assert.True(report.Ok, string.Join("\n", report.Problems.Select(p => p.Detail)));

        // New changes extend the backfilled log.
        await world.PublishedAsync();
        await AssertLogMatchesRegisterAsync(registry);
    }

    public static TheoryData<DatabaseKind, string, string> Tampering()
    {
        var data = new TheoryData<DatabaseKind, string, string>();
        foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.Postgres })
        {
            data.Add(kind, """UPDATE "WorkflowEvents" SET "Reason" = 'Nothing to see.' WHERE "IsPublic" = TRUE AND "Action" = 'suspend'""", "event-altered");
            data.Add(kind, """DELETE FROM "WorkflowEvents" WHERE "IsPublic" = TRUE AND "Action" = 'suspend'""", "event-missing");
            data.Add(kind, """UPDATE "AiSystems" SET "NameEn" = 'Quietly renamed' WHERE "Listed" = 1""", "record-stale");
            data.Add(kind, """UPDATE "AiSystems" SET "PublicJson" = REPLACE("PublicJson", 'suspended', 'registered') WHERE "Status" = 'Suspended'""", "record-altered");
            data.Add(kind, """UPDATE "AiSystems" SET "Listed" = 0, "PublicJson" = NULL WHERE "Listed" = 1""", "record-altered");
            data.Add(kind, """UPDATE "LogEntries" SET "Data" = "LeafHash" WHERE "Index" = 0""", "entry-hash");
            data.Add(kind, """DELETE FROM "LogEntries" WHERE "Index" = 1""", "size-mismatch");
            data.Add(kind, """INSERT INTO "WorkflowEvents" ("Id", "SystemId", "Sequence", "Action", "From", "To", "Reason", "ActorId", "ActorName", "ActorRole", "At", "IsPublic") SELECT 'a1b2c3d4-0000-4000-8000-000000000001', "SystemId", "Sequence" + 100, "Action", "From", "To", 'Backdated.', "ActorId", "ActorName", "ActorRole", "At", "IsPublic" FROM "WorkflowEvents" WHERE "IsPublic" = TRUE AND "Action" = 'suspend'""", "event-not-logged");
            data.Add(kind, """INSERT INTO "WorkflowEvents" ("Id", "SystemId", "Sequence", "Action", "From", "To", "Reason", "ActorId", "ActorName", "ActorRole", "At", "IsPublic") SELECT 'a1b2c3d4-0000-4000-8000-000000000002', 'a1b2c3d4-0000-4000-8000-0000000000ff', 1, "Action", "From", "To", 'For a system that does not exist.', "ActorId", "ActorName", "ActorRole", "At", "IsPublic" FROM "WorkflowEvents" WHERE "IsPublic" = TRUE AND "Action" = 'suspend'""", "event-not-logged");
            data.Add(kind, """UPDATE "LogHashes" SET "Hash" = (SELECT "Hash" FROM "LogHashes" WHERE "Level" = 0 AND "Index" = 0) WHERE "Level" = 0 AND "Index" = 1""", "stored-hashes");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Renaming_an_organisation_rebuilds_and_logs_its_listed_records(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        var published = await world.PublishedAsync();
        var registered = await world.HighRiskAsync(SystemStatus.Registered);
        var draft = await world.HighRiskAsync(SystemStatus.Draft);
        var size = await registry.Db(db => db.LogEntries.CountAsync());
        var org = await registry.Db(db => db.Organisations.AsNoTracking().FirstAsync(o => o.Id == world.Org.Id));

        // A change outside the public record (the phone) adds nothing to the log.
        await registry.RunAsync(sp => sp.GetRequiredService<Services.OrganisationService>().UpdateAsync(world.Owner, org.Id,
            new Services.OrganisationInput(org.Bin, org.Name, org.Size, org.ContactEmail, "+7 700 000 00 01", org.Address, org.Website), org.Version));
        Assert.Equal(size, await registry.Db(db => db.LogEntries.CountAsync()));

        await registry.RunAsync(sp => sp.GetRequiredService<Services.OrganisationService>().UpdateAsync(world.Owner, org.Id,
            new Services.OrganisationInput(org.Bin, "Renamed Bank JSC", org.Size, org.ContactEmail, "+7 700 000 00 01", org.Address, org.Website), org.Version + 1));

        // The listed records carry the new name and are found by it; each got one record entry in one batch.
        foreach (var id in new[] { published.Id, registered.Id })
        {
            var stored = await registry.Db(db => db.Systems.AsNoTracking().FirstAsync(s => s.Id == id));
            Assert.Contains("\"Renamed Bank JSC\"", stored.PublicJson, StringComparison.Ordinal);
            Assert.Contains("renamed bank", stored.SearchText, StringComparison.Ordinal);
            var last = (await Log(registry, l => l.EntriesForAsync(id)))[^1];
            Assert.Equal(RegisterLogEntry.RecordUpdate, last.Kind);
            Assert.Equal(RegisterLogEntry.RecordHash(stored.PublicJson), RegisterLogEntry.Describe((await Log(registry, l => l.EntryAsync(last.Index)))!.Data).RecordHash);
        }

        Assert.Empty(await Log(registry, l => l.EntriesForAsync(draft.Id)));
        Assert.Equal(size + 2, await registry.Db(db => db.LogEntries.CountAsync()));
        Assert.Equal(size + 2, (await Log(registry, l => l.LatestAsync()))!.Size);
        await AssertLogMatchesRegisterAsync(registry);
        var report = await IntegrityAsync(registry);
        Assert.True(report.Ok, string.Join("; ", report.Problems.Select(p => p.Code + ": " + p.Detail)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Changes_made_while_a_paced_check_runs_are_not_reported_as_tampering(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        for (var i = 0; i < 4; i++)
        {
            await world.PublishedAsync();
        }

        await world.HighRiskAsync(SystemStatus.Registered);
        var org = await registry.Db(db => db.Organisations.AsNoTracking().FirstAsync(o => o.Id == world.Org.Id));

        // One system per chunk, resting 1,000 times as long as each chunk took, on the test's clock: every reading of
        // the clock moves it by 1 ms, so the first rest lasts at least a second of test time, and the check waits there
        // until the test moves the clock on. The rename rebuilds and logs every listed record meanwhile.
        registry.Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
        var check = registry.RunAsync(sp =>
        {
            var integrity = sp.GetRequiredService<IntegrityCheck>();
            integrity.SystemsPerChunk = 1;
            return integrity.RunAsync(1000, TestContext.Current.CancellationToken);
        });
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(check.IsCompleted);
        await registry.RunAsync(sp => sp.GetRequiredService<Services.OrganisationService>().UpdateAsync(world.Owner, org.Id,
            new Services.OrganisationInput(org.Bin, "Renamed during the check JSC", org.Size, org.ContactEmail, org.ContactPhone, org.Address, org.Website), org.Version));
        Assert.False(check.IsCompleted);
        while (!check.IsCompleted)
        {
            registry.Time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        registry.Time.AutoAdvanceAmount = TimeSpan.Zero;
        var report = await check;
        Assert.True(report.Ok, string.Join("; ", report.Problems.Select(p => p.Code + ": " + p.Detail)));
        var after = await IntegrityAsync(registry);
        Assert.True(after.Ok, string.Join("; ", after.Problems.Select(p => p.Code + ": " + p.Detail)));
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_direct_database_edit_is_detected(DatabaseKind kind, string sql, string expected)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        await world.PublishedAsync();
        await world.HighRiskAsync(SystemStatus.Suspended);
        Assert.True((await IntegrityAsync(registry)).Ok);

        var changed = await registry.Db(db => db.Database.ExecuteSqlRawAsync(sql));
        Assert.True(changed > 0);

        var report = await IntegrityAsync(registry);
        Assert.False(report.Ok);
        Assert.Contains(report.Problems, p => p.Code == expected);

        // The check reads the register a chunk of systems at a time: one system per chunk finds the same problems.
        var chunked = await IntegrityAsync(registry, systemsPerChunk: 1);
        Assert.Equal(report.Problems.Select(p => p.Code + p.Index + p.SystemId).Order(), chunked.Problems.Select(p => p.Code + p.Index + p.SystemId).Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Altered_stored_hashes_stop_the_log_from_signing_again(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        await world.PublishedAsync();
        await world.PublishedAsync();
        var next = await registry.SystemAsync(world.Owner, world.Org.Id, "spam-filter");
        await registry.Db(db => db.Database.ExecuteSqlRawAsync("""UPDATE "LogHashes" SET "Hash" = (SELECT "Hash" FROM "LogHashes" WHERE "Level" = 0 AND "Index" = 1) WHERE "Level" = 1 AND "Index" = 0"""));
        var before = await registry.Db(db => db.LogCheckpoints.CountAsync());

        var error = await Assert.ThrowsAsync<LedgerException>(() => world.Workflow(w => w.PublishAsync(world.Owner, next.Id, next.Version)));
        Assert.Contains("Refusing to sign", error.Message, StringComparison.Ordinal);
        // The register change rolled back with the refused append.
        Assert.Equal(SystemStatus.Draft, (await registry.GetAsync(world.Owner, next.Id)).Status);
        Assert.Equal(before, await registry.Db(db => db.LogCheckpoints.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Proof_requests_outside_the_log_are_clear_errors(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        var world = await World.CreateAsync(registry);
        await world.PublishedAsync();
        await world.PublishedAsync();
        await registry.RunAsync(async sp =>
        {
            var log = sp.GetRequiredService<LogService>();
            Assert.Equal(LedgerError.OutOfRange, (await Assert.ThrowsAsync<LedgerException>(() => log.ConsistencyProofAsync(2, 1, Ct))).Kind);
            Assert.Equal(LedgerError.OutOfRange, (await Assert.ThrowsAsync<LedgerException>(() => log.ConsistencyProofAsync(1, 99, Ct))).Kind);
            Assert.Equal(LedgerError.OutOfRange, (await Assert.ThrowsAsync<LedgerException>(() => log.InclusionProofAsync(5, null, Ct))).Kind);
            Assert.Equal(LedgerError.OutOfRange, (await Assert.ThrowsAsync<LedgerException>(() => log.InclusionProofAsync(0, 3, Ct))).Kind);
            Assert.Null(await log.ReceiptAsync(7));
            Assert.Null(await log.TileAsync(Ledger.Tiles.TilePath.Hashes(0, 0)));
            Assert.Equal(64, (await log.TileAsync(Ledger.Tiles.TilePath.Hashes(0, 0, 2)))!.Length);
            var consistency = await log.ConsistencyProofAsync(1, null);
            Assert.Equal(2, consistency.To);
            Assert.Equal(await log.RootAsync(1), consistency.OldRoot);
            Assert.Equal(await log.RootAsync(2), consistency.NewRoot);
            Ledger.Merkle.ProofVerifier.VerifyConsistency(1, consistency.OldRoot, 2, consistency.NewRoot, consistency.Proof);
            var inclusion = await log.InclusionProofAsync(1, null);
            Assert.Equal((await log.LatestAsync())!.Root, inclusion.Root);
            Ledger.Merkle.ProofVerifier.VerifyInclusion(1, 2, inclusion.Leaf, inclusion.Proof, inclusion.Root);
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Stored_hashes_are_read_by_node_in_any_order_with_repeats_and_a_missing_one_is_named(DatabaseKind kind)
    {
        await using var registry = await TestRegistry.CreateAsync(kind);
        await registry.RunAsync(sp => sp.GetRequiredService<Services.BulkSeeder>().SeedAsync(450));
        await registry.RunAsync(async sp =>
        {
            var store = sp.GetRequiredService<RegistryLogStore>();
            var size = await sp.GetRequiredService<LogService>().LatestSizeAsync();
            Assert.True(size >= 450);

            // More nodes than one query takes (they are read in chunks), shuffled, some twice, from two levels.
            var leaves = new MerkleHash[size];
            await store.ReadHashesAsync(0, 0, leaves);
            var pairs = new MerkleHash[size / 2];
            await store.ReadHashesAsync(1, 0, pairs);
            var nodes = Enumerable.Range(0, (int)size).Select(i => new TreeNode(0, i))
                .Concat(Enumerable.Range(0, pairs.Length).Select(i => new TreeNode(1, i)))
                .Concat([new TreeNode(0, 3), new TreeNode(1, 2)])
                .OrderBy(n => HashCode.Combine(n.Level, n.Index)).ToArray();
            var read = new MerkleHash[nodes.Length];
            await store.ReadNodesAsync(nodes, read);
            for (var i = 0; i < nodes.Length; i++)
            {
                Assert.Equal(nodes[i].Level == 0 ? leaves[nodes[i].Index] : pairs[nodes[i].Index], read[i]);
            }

            Assert.Equal(Rfc9162.NodeHash(leaves[4], leaves[5]), pairs[2]);
            var missing = await Assert.ThrowsAsync<LedgerException>(async () => await store.ReadNodesAsync(new[] { new TreeNode(0, 1), new TreeNode(0, size) }, new MerkleHash[2], Ct));
            Assert.Equal(LedgerError.Missing, missing.Kind);
            Assert.Contains($"(0, {size})", missing.Message, StringComparison.Ordinal);
        });
    }
}
